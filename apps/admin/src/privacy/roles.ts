import type { StaffRole } from '@register/schema';

/** apps/api/src/privacy/description/description.rules.ts: the Art. 30 record is for these roles. */
export const RECORD_OF_PROCESSING_ROLES: readonly StaffRole[] = ['dpo', 'admin'];
