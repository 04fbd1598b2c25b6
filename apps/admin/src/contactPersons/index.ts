import ContactPhoneIcon from '@mui/icons-material/ContactPhone';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

export const contactPersonScreens: ResourceScreens = {
  name: 'contactPersons',
  icon: ContactPhoneIcon,
  list: lazy(() => screens().then((m) => ({ default: m.ContactPersonList }))),
  show: lazy(() => screens().then((m) => ({ default: m.ContactPersonShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.ContactPersonCreate }))),
  edit: lazy(() => screens().then((m) => ({ default: m.ContactPersonEdit }))),
  recordRepresentation: 'name',
};
