import AutoDeleteIcon from '@mui/icons-material/AutoDelete';
import type { StaffRole } from '@register/schema';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const RetentionPage = lazy(() => import('./RetentionPage').then((m) => ({ default: m.RetentionPage })));

/** apps/api/src/privacy/retention/retention.rules.ts: the retention job is for the dpo alone. */
export const RETENTION_ROLES: readonly StaffRole[] = ['dpo'];

/** The retention job's dry run and its runs with their progress (dpo only; loads lazily). */
export function retentionRunsResource(roles: readonly StaffRole[]): ResourceProps | undefined {
  if (!roles.some((role) => RETENTION_ROLES.includes(role))) return undefined;
  return { name: 'retentionRuns', icon: AutoDeleteIcon, list: RetentionPage };
}
