import UploadFileIcon from '@mui/icons-material/UploadFile';
import type { StaffRole } from '@register/schema';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const ImportRunsPage = lazy(() => import('./ImportRunsPage').then((m) => ({ default: m.ImportRunsPage })));
const ImportRunShow = lazy(() => import('./ImportRunShow').then((m) => ({ default: m.ImportRunShow })));

/** apps/api/src/modules/import/import.rules.ts: customer service and the dpo import partner registers. */
export const IMPORT_ROLES: readonly StaffRole[] = ['service', 'dpo'];

/**
 * Imports of customers from partner registers (CSV): the form, the past imports, and one import's
 * progress, totals and row errors. Only for the roles the API lets import; the screens load lazily.
 */
export function importRunsResource(roles: readonly StaffRole[]): ResourceProps | undefined {
  if (!roles.some((role) => IMPORT_ROLES.includes(role))) return undefined;
  return { name: 'importRuns', icon: UploadFileIcon, list: ImportRunsPage, show: ImportRunShow };
}
