import SimCardIcon from '@mui/icons-material/SimCard';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

export const simCardScreens: ResourceScreens = {
  name: 'simCards',
  icon: SimCardIcon,
  list: lazy(() => screens().then((m) => ({ default: m.SimCardList }))),
  show: lazy(() => screens().then((m) => ({ default: m.SimCardShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.SimCardCreate }))),
  edit: lazy(() => screens().then((m) => ({ default: m.SimCardEdit }))),
  recordRepresentation: 'iccid',
};
