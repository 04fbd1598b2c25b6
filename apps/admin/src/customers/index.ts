import PeopleIcon from '@mui/icons-material/People';
import type { ResourceProps } from 'react-admin';
import type { CustomerAccess } from '../access/access';
import { lazyScreen } from '../common/lazyScreen';

// Each screen is its own chunk: a role loads only the screens it can open. The list can be loaded
// before React asks for it, when the address names it (boot.ts).
export const CustomerList = lazyScreen(() => import('./CustomerList').then((m) => m.CustomerList));
const CustomerShow = lazyScreen(() => import('./CustomerShow').then((m) => m.CustomerShow));
const CustomerEdit = lazyScreen(() => import('./CustomerEdit').then((m) => m.CustomerEdit));
const CustomerCreate = lazyScreen(() => import('./CustomerCreate').then((m) => m.CustomerCreate));

/**
 * The customers resource for the signed-in roles, or none: `analyst` and `admin` read no
 * individual customer, so they get no customer screens at all; roles that may change nothing get
 * no edit screen, and only roles that may set a name and a kind get a create screen.
 */
export function customersResource(access: CustomerAccess): ResourceProps | undefined {
  if (!access.canList) return undefined;
  return {
    name: 'customers',
    icon: PeopleIcon,
    list: CustomerList,
    show: CustomerShow,
    ...(access.canEdit ? { edit: CustomerEdit } : {}),
    ...(access.canCreate ? { create: CustomerCreate } : {}),
    recordRepresentation: 'name',
  };
}
