import {
  canRead,
  CreateCustomerDocument,
  CustomerListDocument,
  CustomerManyDocument,
  CustomerOneDocument,
  dataMap,
  DeleteCustomerDocument,
  UpdateCustomerDocument,
  type CustomerFilter,
  type Principal,
} from '@register/schema';
import { searchValue, type ResourceQuery } from '../dataProvider/resourceQuery';

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
  const fields = new Set([...Object.keys(dataMap.Customer.fields), 'marketingPermissions']);
  if (canRead(principal, 'Customer', 'personalIdentityNumber')) fields.delete('personalIdentityNumberMasked');
  return fields;
}

/** Which fields each filter reads: the API refuses a filter on a field the role cannot read. */
const CUSTOMER_FILTERS: Readonly<Record<keyof CustomerFilter, readonly string[]>> = {
  q: ['name', 'email', 'phone'],
  ids: ['id'],
  kind: ['kind'],
  status: ['status'],
  city: ['city'],
  postalCode: ['postalCode'],
  sourceType: ['sourceType'],
  // Whoever may list customers may ask which ones may be marketed to on a channel.
  marketingChannel: ['id'],
};

export const customerQuery: ResourceQuery = {
  typeName: 'Customer',
  documents: {
    list: CustomerListDocument,
    many: CustomerManyDocument,
    one: CustomerOneDocument,
    create: CreateCustomerDocument,
    update: UpdateCustomerDocument,
    delete: DeleteCustomerDocument,
  },
  sortFields: ['name', 'createdAt', 'updatedAt', 'status', 'kind', 'city', 'postalCode'],
  defaultSort: { field: 'name', order: 'ASC' },
  filters: CUSTOMER_FILTERS,
  filterValues: { q: searchValue },
  listFields: CUSTOMER_LIST_FIELDS,
  recordFields: customerRecordFields,
};
