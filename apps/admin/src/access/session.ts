import {
  isStaffRole,
  MeDocument,
  staff,
  type MeFieldsFragment,
  type Principal,
  type StaffRole,
} from '@register/schema';
import { graphqlClient } from '../graphqlClient';

/**
 * Who is signed in, as the API's `me` query says. Kept in memory for the session only (never in
 * storage) and cleared on logout, so a later sign-in as another user starts from nothing: the
 * data provider reads the roles from here on every call.
 */
export type Me = MeFieldsFragment;

let current: Me | null | undefined;
let pending: Promise<Me | null> | undefined;

export function currentMe(): Me | null | undefined {
  return current;
}

export function setMe(me: Me | null): void {
  current = me;
  pending = undefined;
}

export function clearMe(): void {
  current = undefined;
  pending = undefined;
}

/** The signed-in caller, fetched once and then served from memory; `force` asks the API again. */
export function loadMe({ force = false } = {}): Promise<Me | null> {
  if (!force && current !== undefined) return Promise.resolve(current);
  if (!force && pending) return pending;
  const request = graphqlClient
    .query({ query: MeDocument, fetchPolicy: 'no-cache' })
    .then((result) => {
      if (pending === request) setMe(result.data.me ?? null);
      return result.data.me ?? null;
    })
    .finally(() => {
      if (pending === request) pending = undefined;
    });
  pending = request;
  return request;
}

export function rolesOf(me: Me | null | undefined): StaffRole[] {
  if (!me || me.kind !== 'staff') return [];
  return me.roles.filter((role: string): role is StaffRole => isStaffRole(role));
}

/** The data-map principal of the signed-in user (anonymous when nobody is). */
export function principalOf(roles: readonly StaffRole[] | null | undefined): Principal {
  return roles && roles.length > 0 ? staff(...roles) : { kind: 'anonymous' };
}

export function currentPrincipal(): Principal {
  return principalOf(rolesOf(current));
}
