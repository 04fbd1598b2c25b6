import PeopleIcon from '@mui/icons-material/People';
import type { ResourceProps } from 'react-admin';
import type { CustomerAccess } from '../access/access';
import { CustomerCreate, CustomerEdit, CustomerList, CustomerShow } from './screens';

export { CustomerList };

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
