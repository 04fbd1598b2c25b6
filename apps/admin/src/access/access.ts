import type { Principal, StaffRole } from '@register/schema';
import { useMemo } from 'react';
import { usePermissions } from 'react-admin';
import type { ResourceName } from '../resources';
import { customerAccess, resourceAccess, type CustomerAccess, type ResourceAccess } from './rules';
import { principalOf } from './session';

// The rules themselves have no React in them (rules.ts): the start-up code asks them before the
// app's React part has loaded.
export { customerAccess, resourceAccess, type CustomerAccess, type ResourceAccess } from './rules';

const NOBODY = customerAccess([]);

/** The access of the signed-in user; nothing while the roles are still loading. */
export function useCustomerAccess(): CustomerAccess {
  const { permissions } = usePermissions<StaffRole[]>();
  return useMemo(() => (permissions ? customerAccess(permissions) : NOBODY), [permissions]);
}

/** The access of the signed-in user to one resource; nothing while the roles are still loading. */
export function useResourceAccess(name: ResourceName): ResourceAccess {
  const { permissions } = usePermissions<StaffRole[]>();
  return useMemo(() => resourceAccess(permissions ?? [], name), [permissions, name]);
}

/** The data-map principal of the signed-in user (anonymous while the roles are loading). */
export function usePrincipal(): Principal {
  const { permissions } = usePermissions<StaffRole[]>();
  return useMemo(() => principalOf(permissions ?? []), [permissions]);
}
