import { canRead, classification, type Principal } from '@register/schema';
import type { ApolloQueryResult } from '@apollo/client/core';
import type { DocumentNode } from 'graphql';
import type { BuildQuery, BuildQueryResult } from 'ra-data-graphql';
import { CREATE, DELETE, GET_LIST, GET_MANY, GET_MANY_REFERENCE, GET_ONE, UPDATE } from 'react-admin';
import { acceptWithheldFields, type ResponseError } from './fieldErrors';
import { pruneDocument } from './pruneDocument';
import type { ResourceQuery } from './resourceQuery';
import { declaredVariables, mutationVariables } from './variables';

interface ListParams {
  pagination?: { page: number; perPage: number };
  sort?: { field: string; order: string };
  filter?: Record<string, unknown>;
  target?: string;
  id?: unknown;
}

/** At most this many records by ids in one request (the API's page limit). */
const MAX_PER_PAGE = 500;

function paging(params: ListParams) {
  const page = params.pagination?.page ?? 1;
  const perPage = Math.min(params.pagination?.perPage ?? 25, MAX_PER_PAGE);
  // react-admin counts pages from 1, the API from 0.
  return { page: Math.max(0, page - 1), perPage };
}

const isClassified = (typeName: string) => classification(typeName) !== undefined;

/** Whether the principal may read every one of the fields (types outside the data map: yes). */
function readsAll(principal: Principal, typeName: string, fields: readonly string[]): boolean {
  return !isClassified(typeName) || fields.every((field) => canRead(principal, typeName, field));
}

function defaultFilterValue(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  return value;
}

/**
 * The API's filter from react-admin's: only filters the API knows, only those the roles may use
 * (a filter reads the fields it filters on), only non-empty values.
 */
export function listFilter(config: ResourceQuery, principal: Principal, filter: Record<string, unknown> = {}) {
  const result: Record<string, unknown> = {};
  for (const [key, fields] of Object.entries(config.filters)) {
    const raw = filter[key];
    if (raw === undefined || raw === null || raw === '') continue;
    if (!readsAll(principal, config.typeName, fields)) continue;
    const value = (config.filterValues?.[key] ?? defaultFilterValue)(raw);
    if (value === undefined || value === null || value === '') continue;
    result[key] = value;
  }
  return result;
}

function sortOf(config: ResourceQuery, principal: Principal, params: ListParams) {
  const wanted = params.sort?.field;
  const field =
    wanted && config.sortFields.includes(wanted) && readsAll(principal, config.typeName, [wanted])
      ? wanted
      : config.defaultSort.field;
  const order = params.sort?.order === 'ASC' || params.sort?.order === 'DESC' ? params.sort.order : config.defaultSort.order;
  return { sortField: field, sortOrder: wanted ? order : config.defaultSort.order };
}

type Row = Record<string, unknown>;
type Answer = ApolloQueryResult<Record<string, unknown>> & { errors?: readonly ResponseError[] };

/**
 * A query or mutation whose answer may hold withheld fields (errorPolicy 'all', see
 * fieldErrors.ts): they are accepted, any other error fails the call.
 */
function request(
  principal: Principal,
  document: DocumentNode,
  variables: Record<string, unknown>,
  parse: (data: Record<string, unknown>) => unknown,
): BuildQueryResult {
  const declared = declaredVariables(document);
  return {
    query: document,
    variables: Object.fromEntries(Object.entries(variables).filter(([name]) => declared.has(name))),
    parseResponse: ((response: Answer) => parse(acceptWithheldFields(response, document, principal))) as BuildQueryResult['parseResponse'],
  };
}

function missing(config: ResourceQuery, what: string): never {
  throw new Error(`${config.typeName} records cannot be ${what} in the register.`);
}

/** Fields of a record page: the config's, else every readable one. */
const recordFields = (config: ResourceQuery, principal: Principal) => config.recordFields?.(principal);

/**
 * The request of one react-admin call for one resource, for the principal of that moment: pruned
 * to the fields it may read, filtered and sorted only by what it may read, writing only what it
 * may write.
 */
export function buildResourceQuery(
  config: ResourceQuery,
  principal: Principal,
  fetchType: string,
  params: Record<string, unknown>,
): BuildQueryResult {
  const toRecord = (row: Row) => (config.toRecord ? config.toRecord(row) : row);
  const rows = (value: unknown) => (Array.isArray(value) ? (value as Row[]).map(toRecord) : []);
  const { documents } = config;

  switch (fetchType) {
    case GET_LIST:
    case GET_MANY_REFERENCE: {
      const list = params as ListParams;
      if (!documents.list) return missing(config, 'listed');
      const filter = { ...(list.filter ?? {}) };
      if (fetchType === GET_MANY_REFERENCE && list.target) filter[list.target] = String(list.id);
      return request(
        principal,
        pruneDocument(documents.list, principal, config.listFields),
        { ...paging(list), ...sortOf(config, principal, list), filter: listFilter(config, principal, filter) },
        (data) => ({ data: rows(data.items), total: (data.total as { count: number } | undefined)?.count ?? 0 }),
      );
    }
    case GET_MANY: {
      const ids = ((params.ids as unknown[] | undefined) ?? []).map(String);
      if (documents.many) {
        return request(principal, pruneDocument(documents.many, principal, config.listFields), { ids }, (data) => ({
          data: rows(data.items),
        }));
      }
      if (!documents.list) return missing(config, 'listed');
      return request(
        principal,
        pruneDocument(documents.list, principal, config.listFields),
        { page: 0, perPage: Math.min(Math.max(ids.length, 1), MAX_PER_PAGE), filter: { ids } },
        (data) => ({ data: rows(data.items) }),
      );
    }
    case GET_ONE: {
      if (!documents.one) return missing(config, 'opened');
      return request(
        principal,
        pruneDocument(documents.one, principal, recordFields(config, principal)),
        { id: String(params.id) },
        (data) => {
          if (!data.data) throw Object.assign(new Error('ra.notification.item_doesnt_exist'), { status: 404 });
          return { data: toRecord(data.data as Row) };
        },
      );
    }
    case CREATE:
    case UPDATE: {
      const operation = fetchType === CREATE ? 'create' : 'update';
      const source = operation === 'create' ? documents.create : documents.update;
      if (!source) return missing(config, operation === 'create' ? 'created' : 'changed');
      const document = pruneDocument(source, principal, recordFields(config, principal));
      const variables = mutationVariables({
        document,
        principal,
        typeName: config.typeName,
        operation,
        data: params.data as Row,
        previousData: params.previousData as Row | undefined,
        writable: config.writable?.(principal, operation),
        serialize: config.serialize,
      });
      if (operation === 'create') {
        return request(principal, document, variables, (data) => ({ data: toRecord(data.data as Row) }));
      }
      return request(principal, document, { id: String(params.id), ...variables }, (data) => ({
        data: data.data ? toRecord(data.data as Row) : { ...(params.previousData as object), id: params.id },
      }));
    }
    case DELETE:
      if (!documents.delete) return missing(config, 'deleted');
      return request(principal, pruneDocument(documents.delete, principal), { id: String(params.id) }, (data) => ({
        data: data.data ?? params.previousData ?? { id: params.id },
      }));
    default:
      throw new Error(`${config.typeName} records cannot be fetched with ${fetchType}.`);
  }
}

/**
 * Maps react-admin's calls to the typed documents of @register/schema. Built for one call with
 * the principal of that moment, so a sign-in as another role never sees the previous field set;
 * `queries` holds the configs of the resources loaded so far (each is loaded with its screens).
 */
export function buildQuery(principal: Principal, queries: ReadonlyMap<string, ResourceQuery>): BuildQuery {
  return (fetchType, resource, params) => {
    const config = queries.get(resource);
    if (!config) throw new Error(`Unknown resource ${resource}.`);
    return buildResourceQuery(config, principal, fetchType, params);
  };
}
