import { readableFields, writableFields, type StaffRole } from '@register/schema';
import { resourceDefinition, type ResourceName } from '../resources';
import { mayDo } from './operationRules';
import { principalOf } from './session';

/**
 * What the signed-in roles may do with customers, straight from the data map: the screens show
 * a field, an input or a button only where this says so. The API enforces the same map.
 */
export interface CustomerAccess extends ResourceAccess {
  roles: readonly StaffRole[];
  canVerifyIdentityNumber: boolean;
  canReadAuditLog: boolean;
  /** Reads the current direct-marketing permissions (and so may filter customers by channel). */
  readsMarketingPermissions: boolean;
}

export function customerAccess(roles: readonly StaffRole[]): CustomerAccess {
  const principal = principalOf(roles);
  const readable = new Set(readableFields(principal, 'Customer'));
  const creatable = new Set(writableFields(principal, 'Customer', 'create'));
  const updatable = new Set(writableFields(principal, 'Customer', 'update'));
  return {
    roles,
    readable,
    creatable,
    updatable,
    canList: readable.has('id'),
    // The API needs a kind and a name for every new customer.
    canCreate: creatable.has('kind') && creatable.has('name'),
    canEdit: readable.has('id') && updatable.size > 0,
    // Only records entered by mistake, and only the dpo (the API's rule).
    canDelete: readable.has('id') && mayDo(principal, 'deleteCustomer'),
    canVerifyIdentityNumber: mayDo(principal, 'verifyIdentityNumber'),
    canReadAuditLog: mayDo(principal, 'readAuditLog'),
    readsMarketingPermissions: readableFields(principal, 'MarketingPermissions').length > 0,
  };
}

/** What the signed-in roles may do with one resource's records (data map, or the API's operation rules). */
export interface ResourceAccess {
  readable: ReadonlySet<string>;
  creatable: ReadonlySet<string>;
  updatable: ReadonlySet<string>;
  /** Its list and record screens exist. */
  canList: boolean;
  canCreate: boolean;
  canEdit: boolean;
  canDelete: boolean;
}

export function resourceAccess(roles: readonly StaffRole[], name: ResourceName): ResourceAccess {
  const principal = principalOf(roles);
  const definition = resourceDefinition(name);
  const { unclassified, createRule } = definition;
  const operations: readonly string[] = definition.operations;
  const readable = new Set(
    unclassified ? (unclassified.reads(principal) ? unclassified.fields : []) : readableFields(principal, definition.typeName),
  );
  const writable = (operation: 'create' | 'update'): string[] => {
    if (!operations.includes(operation)) return [];
    if (unclassified) return [...unclassified.writes(principal, operation)];
    if (operation === 'create' && createRule) return mayDo(principal, createRule.operation) ? [...createRule.fields] : [];
    return writableFields(principal, definition.typeName, operation);
  };
  const creatable = new Set(writable('create'));
  const updatable = new Set(writable('update'));
  const canList = readable.size > 0;
  return {
    readable,
    creatable,
    updatable,
    canList,
    canCreate: creatable.size > 0 && (definition.requiredOnCreate ?? []).every((field) => creatable.has(field)),
    canEdit: canList && updatable.size > 0,
    canDelete: canList && definition.deleteRule !== undefined && mayDo(principal, definition.deleteRule),
  };
}
