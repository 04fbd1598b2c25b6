import { readableFields, writableFields, type StaffRole } from '@register/schema';
import { useMemo } from 'react';
import { usePermissions } from 'react-admin';
import { principalOf } from './session';

/** Roles that may check a number a caller gives against the stored one (PRODUCT.md). */
const VERIFIERS: readonly StaffRole[] = ['service', 'billing', 'dpo'];

/**
 * What the signed-in roles may do with customers, straight from the data map: the screens show
 * a field, an input or a button only where this says so. The API enforces the same map.
 */
export interface CustomerAccess {
  roles: readonly StaffRole[];
  readable: ReadonlySet<string>;
  creatable: ReadonlySet<string>;
  updatable: ReadonlySet<string>;
  canList: boolean;
  canCreate: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canVerifyIdentityNumber: boolean;
  canReadAuditLog: boolean;
}

export function customerAccess(roles: readonly StaffRole[]): CustomerAccess {
  const principal = principalOf(roles);
  const readable = new Set(readableFields(principal, 'Customer'));
  const creatable = new Set(writableFields(principal, 'Customer', 'create'));
  const updatable = new Set(writableFields(principal, 'Customer', 'update'));
  const has = (...wanted: StaffRole[]) => roles.some((role) => wanted.includes(role));
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
    canDelete: has('dpo'),
    canVerifyIdentityNumber: has(...VERIFIERS),
    canReadAuditLog: has('dpo'),
  };
}

const NOBODY = customerAccess([]);

/** The access of the signed-in user; nothing while the roles are still loading. */
export function useCustomerAccess(): CustomerAccess {
  const { permissions } = usePermissions<StaffRole[]>();
  return useMemo(() => (permissions ? customerAccess(permissions) : NOBODY), [permissions]);
}
