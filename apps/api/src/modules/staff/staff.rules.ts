import { admin } from '../../access/rules.js';
import type { RuleMap } from '../../access/shield.js';

/** Staff users and partner keys are the `admin` role's alone (it reads no customer data). */
export const staffRules: RuleMap = {
  Query: {
    allStaffUsers: admin,
    _allStaffUsersMeta: admin,
    StaffUser: admin,
    allApiKeys: admin,
    _allApiKeysMeta: admin,
  },
  Mutation: {
    createStaffUser: admin,
    updateStaffUser: admin,
    createApiKey: admin,
    revokeApiKey: admin,
  },
  StaffUser: {
    id: admin, username: admin, displayName: admin, roles: admin, active: admin,
    lockedUntil: admin, totpEnabled: admin, lastLoginAt: admin, createdAt: admin,
  },
  ApiKey: {
    id: admin, partner: admin, label: admin, prefix: admin, scopes: admin,
    createdAt: admin, createdBy: admin, revokedAt: admin, lastUsedAt: admin,
  },
  CreatedApiKey: { apiKey: admin, key: admin },
};
