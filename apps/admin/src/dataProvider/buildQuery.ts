import {
  AuditEventListDocument,
  canRead,
  dataMap,
  CreateCustomerDocument,
  CustomerListDocument,
  CustomerManyDocument,
  CustomerOneDocument,
  DeleteCustomerDocument,
  UpdateCustomerDocument,
  type AuditEventListQuery,
  type CreateCustomerMutation,
  type CustomerFilter,
  type CustomerListQuery,
  type CustomerManyQuery,
  type CustomerOneQuery,
  type DeleteCustomerMutation,
  type Principal,
  type UpdateCustomerMutation,
} from '@register/schema';
import type { ApolloQueryResult, TypedDocumentNode } from '@apollo/client/core';
import type { BuildQuery, BuildQueryResult } from 'ra-data-graphql';
import { CREATE, DELETE, GET_LIST, GET_MANY, GET_ONE, UPDATE } from 'react-admin';
import { STAFF_USER_SORT_FIELDS, StaffUserListDocument } from '../staffUsers/documents';
import { pruneDocument } from './pruneDocument';
import { mutationVariables } from './variables';

/** The API sorts customers by these fields only (anything else falls back to the name). */
export const CUSTOMER_SORT_FIELDS = ['name', 'createdAt', 'updatedAt', 'status', 'kind', 'city', 'postalCode'];
/** The API searches only from this many characters on (fewer: no search at all). */
export const MIN_SEARCH_LENGTH = 3;

/**
 * Fields a list row asks for (besides being readable): no identity number and no date of birth,
 * which no list shows; reading them would be recorded in the audit log for every row.
 */
export const CUSTOMER_LIST_FIELDS: ReadonlySet<string> = new Set([
  'id', 'kind', 'name', 'status', 'email', 'phone', 'streetAddress', 'postalCode', 'city', 'country',
  'businessId', 'sourceType', 'createdAt', 'updatedAt',
]);

/**
 * Fields a record page asks for: every readable one, except the masked identity number where the
 * full one is readable (it would say nothing more, and each read is audited).
 */
export function customerRecordFields(principal: Principal): ReadonlySet<string> {
  const fields = new Set(Object.keys(dataMap.Customer.fields));
  if (canRead(principal, 'Customer', 'personalIdentityNumber')) fields.delete('personalIdentityNumberMasked');
  return fields;
}

/** Which fields each filter reads: the API refuses a filter on a field the role cannot read. */
const CUSTOMER_FILTER_FIELDS: Readonly<Record<keyof CustomerFilter, readonly string[]>> = {
  q: ['name', 'email', 'phone'],
  ids: ['id'],
  kind: ['kind'],
  status: ['status'],
  city: ['city'],
  postalCode: ['postalCode'],
  sourceType: ['sourceType'],
};

interface ListParams {
  pagination?: { page: number; perPage: number };
  sort?: { field: string; order: string };
  filter?: Record<string, unknown>;
}

function paging(params: ListParams) {
  const page = params.pagination?.page ?? 1;
  const perPage = params.pagination?.perPage ?? 25;
  // react-admin counts pages from 1, the API from 0.
  return { page: Math.max(0, page - 1), perPage };
}

export function customerFilter(principal: Principal, filter: Record<string, unknown> = {}): CustomerFilter {
  const result: Record<string, unknown> = {};
  for (const [key, fields] of Object.entries(CUSTOMER_FILTER_FIELDS)) {
    let value = filter[key];
    if (value === undefined || value === null || value === '') continue;
    if (key === 'q') {
      value = String(value).trim();
      if ((value as string).length < MIN_SEARCH_LENGTH) continue;
    }
    if (!fields.every((field) => canRead(principal, 'Customer', field))) continue;
    result[key] = value;
  }
  return result as CustomerFilter;
}

type Parsed<T> = (response: ApolloQueryResult<T>) => unknown;

function query<T>(
  document: BuildQueryResult['query'] | TypedDocumentNode<T, never>,
  variables: Record<string, unknown>,
  parseResponse: Parsed<T>,
): BuildQueryResult {
  return { query: document, variables, parseResponse: parseResponse as BuildQueryResult['parseResponse'] };
}

function customerQuery(principal: Principal, fetchType: string, params: Record<string, unknown>) {
  switch (fetchType) {
    case GET_LIST: {
      const list = params as ListParams;
      const sortField = list.sort?.field && CUSTOMER_SORT_FIELDS.includes(list.sort.field) ? list.sort.field : 'name';
      const readableSort = canRead(principal, 'Customer', sortField) ? sortField : 'name';
      return query<CustomerListQuery>(
        pruneDocument(CustomerListDocument, principal, CUSTOMER_LIST_FIELDS),
        {
          ...paging(list),
          sortField: readableSort,
          sortOrder: list.sort?.order === 'DESC' ? 'DESC' : 'ASC',
          filter: customerFilter(principal, list.filter),
        },
        ({ data }) => ({ data: data.items, total: data.total.count }),
      );
    }
    case GET_ONE:
      return query<CustomerOneQuery>(
        pruneDocument(CustomerOneDocument, principal, customerRecordFields(principal)),
        { id: String(params.id) },
        ({ data }) => {
          if (!data.data) throw Object.assign(new Error('ra.notification.item_doesnt_exist'), { status: 404 });
          return { data: data.data };
        },
      );
    case GET_MANY:
      return query<CustomerManyQuery>(
        pruneDocument(CustomerManyDocument, principal, CUSTOMER_LIST_FIELDS),
        { ids: (params.ids as unknown[]).map(String) },
        ({ data }) => ({ data: data.items }),
      );
    case CREATE: {
      const document = pruneDocument(CreateCustomerDocument, principal, customerRecordFields(principal));
      const variables = mutationVariables({
        document,
        principal,
        typeName: 'Customer',
        operation: 'create',
        data: params.data as Record<string, unknown>,
      });
      return query<CreateCustomerMutation>(document, variables, ({ data }) => ({ data: data?.data }));
    }
    case UPDATE: {
      const document = pruneDocument(UpdateCustomerDocument, principal, customerRecordFields(principal));
      const variables = mutationVariables({
        document,
        principal,
        typeName: 'Customer',
        operation: 'update',
        data: params.data as Record<string, unknown>,
        previousData: params.previousData as Record<string, unknown> | undefined,
      });
      return query<UpdateCustomerMutation>(document, { id: String(params.id), ...variables }, ({ data }) => ({
        data: data?.data ?? { ...(params.previousData as object), id: params.id },
      }));
    }
    case DELETE:
      return query<DeleteCustomerMutation>(
        pruneDocument(DeleteCustomerDocument, principal),
        { id: String(params.id) },
        ({ data }) => ({ data: data?.data ?? params.previousData ?? { id: params.id } }),
      );
    default:
      throw new Error(`Customers cannot be fetched with ${fetchType}.`);
  }
}

function auditEventQuery(fetchType: string, params: Record<string, unknown>) {
  if (fetchType !== GET_LIST) throw new Error(`Audit events cannot be fetched with ${fetchType}.`);
  const list = params as ListParams;
  const filter: Record<string, string> = {};
  for (const key of ['subjectId', 'actorId', 'action']) {
    const value = list.filter?.[key];
    if (typeof value === 'string' && value.trim() !== '') filter[key] = value.trim();
  }
  return query<AuditEventListQuery>(
    AuditEventListDocument,
    {
      ...paging(list),
      sortField: 'seq',
      sortOrder: list.sort?.order === 'ASC' ? 'ASC' : 'DESC',
      filter,
    },
    ({ data }) => ({
      data: data.items.map((event) => ({ ...event, id: event.seq })),
      total: data.total.count,
    }),
  );
}

function staffUserQuery(fetchType: string, params: Record<string, unknown>) {
  if (fetchType !== GET_LIST) throw new Error(`Staff users cannot be fetched with ${fetchType}.`);
  const list = params as ListParams;
  const sortField = list.sort?.field && STAFF_USER_SORT_FIELDS.includes(list.sort.field) ? list.sort.field : 'username';
  return query(
    StaffUserListDocument,
    { ...paging(list), sortField, sortOrder: list.sort?.order === 'DESC' ? 'DESC' : 'ASC' },
    ({ data }) => ({ data: data.items, total: data.total.count }),
  );
}

/**
 * Maps react-admin's calls to the typed documents of @register/schema. Built for one call with
 * the principal of that moment, so a sign-in as another role never sees the previous field set.
 */
export function buildQuery(principal: Principal): BuildQuery {
  return (fetchType, resource, params) => {
    switch (resource) {
      case 'customers':
        return customerQuery(principal, fetchType, params);
      case 'auditEvents':
        return auditEventQuery(fetchType, params);
      case 'staffUsers':
        return staffUserQuery(fetchType, params);
      default:
        throw new Error(`Unknown resource ${resource}.`);
    }
  };
}
