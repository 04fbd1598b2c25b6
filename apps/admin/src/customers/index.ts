import PeopleIcon from '@mui/icons-material/People';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { CustomerAccess } from '../access/access';

// Each screen is its own chunk: a role loads only the screens it can open.
const CustomerList = lazy(() => import('./CustomerList').then((m) => ({ default: m.CustomerList })));
const CustomerShow = lazy(() => import('./CustomerShow').then((m) => ({ default: m.CustomerShow })));
const CustomerEdit = lazy(() => import('./CustomerEdit').then((m) => ({ default: m.CustomerEdit })));
const CustomerCreate = lazy(() => import('./CustomerCreate').then((m) => ({ default: m.CustomerCreate })));

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
