import { PARTNER_SCOPES, STAFF_ROLES } from '@register/schema';
import { registerEnumType } from 'type-graphql';

/** GraphQL enums built from the data map's role and scope lists, so they cannot drift. */
export const StaffRoleEnum = Object.fromEntries(STAFF_ROLES.map((role) => [role, role])) as {
  [K in (typeof STAFF_ROLES)[number]]: K;
};
export const PartnerScopeEnum = Object.fromEntries(PARTNER_SCOPES.map((s) => [s, s])) as {
  [K in (typeof PARTNER_SCOPES)[number]]: K;
};

registerEnumType(StaffRoleEnum, { name: 'StaffRole', description: 'Access right of a member of staff' });
registerEnumType(PartnerScopeEnum, { name: 'PartnerScope', description: 'Access right of a partner API key' });
