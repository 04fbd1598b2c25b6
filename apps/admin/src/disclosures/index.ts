import GavelIcon from '@mui/icons-material/Gavel';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

/** Disclosures to authorities: list, record page and the form (dpo only, from the data map). */
export const disclosureScreens: ResourceScreens = {
  name: 'disclosures',
  icon: GavelIcon,
  list: lazy(() => screens().then((m) => ({ default: m.DisclosureList }))),
  show: lazy(() => screens().then((m) => ({ default: m.DisclosureShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.DisclosureCreate }))),
};
