import type { StaffRole } from '@register/schema';

/**
 * apps/api/src/privacy/erasure/erasure.rules.ts: the erasure plan and its execution are the
 * registry liaison officer's alone. The screens (ErasureTab, ErasurePlanView) load lazily.
 */
export const ERASURE_ROLES: readonly StaffRole[] = ['dpo'];
