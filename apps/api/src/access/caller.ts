import type { PartnerScope, Principal, StaffRole } from '@register/schema';

/** Who is calling: resolved once per request from the session cookie or the API key. */
export type Caller =
  | {
      kind: 'staff';
      userId: string;
      username: string;
      displayName: string;
      roles: StaffRole[];
      sessionId: Buffer;
      /** Whether any processing restriction was active when the request began (read with the session). */
      anyRestrictions?: boolean;
    }
  | { kind: 'partner'; keyId: string; partner: string; scopes: PartnerScope[]; anyRestrictions?: boolean }
  | { kind: 'system'; name: string }
  | { kind: 'anonymous' };

/** A signed-in member of staff. */
export type StaffCaller = Extract<Caller, { kind: 'staff' }>;

export function principalOf(caller: Caller): Principal {
  switch (caller.kind) {
    case 'staff':
      return { kind: 'staff', roles: caller.roles };
    case 'partner':
      return { kind: 'partner', scopes: caller.scopes };
    default:
      return { kind: 'anonymous' };
  }
}

export function actorOf(caller: Caller): { actorType: string; actorId: string | null } {
  switch (caller.kind) {
    case 'staff':
      return { actorType: 'staff', actorId: caller.userId };
    case 'partner':
      return { actorType: 'partner', actorId: caller.keyId };
    case 'system':
      return { actorType: 'system', actorId: caller.name };
    default:
      return { actorType: 'anonymous', actorId: null };
  }
}

export const hasRole = (caller: Caller, ...roles: StaffRole[]): boolean =>
  caller.kind === 'staff' && caller.roles.some((role) => roles.includes(role));
