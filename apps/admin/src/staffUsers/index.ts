import BadgeIcon from '@mui/icons-material/Badge';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { CustomerAccess } from '../access/access';

const StaffUserList = lazy(() => import('./StaffUserList').then((m) => ({ default: m.StaffUserList })));

/** Staff users, for the `admin` role only (which reads no customer data). */
export function staffUsersResource(access: CustomerAccess): ResourceProps | undefined {
  if (!access.roles.includes('admin')) return undefined;
  return { name: 'staffUsers', icon: BadgeIcon, list: StaffUserList };
}
