import PolicyIcon from '@mui/icons-material/Policy';
import type { StaffRole } from '@register/schema';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const PrivacyPage = lazy(() => import('./PrivacyPage').then((m) => ({ default: m.PrivacyPage })));

/** The registry description for every member of staff (it is public), and the Art. 30 record for dpo and admin. */
export function privacyResource(roles: readonly StaffRole[]): ResourceProps | undefined {
  if (roles.length === 0) return undefined;
  return { name: 'privacy', icon: PolicyIcon, list: PrivacyPage };
}
