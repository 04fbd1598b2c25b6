import TimelineIcon from '@mui/icons-material/Timeline';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

export const customerEventScreens: ResourceScreens = {
  name: 'customerEvents',
  icon: TimelineIcon,
  list: lazy(() => screens().then((m) => ({ default: m.CustomerEventList }))),
  show: lazy(() => screens().then((m) => ({ default: m.CustomerEventShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.CustomerEventCreate }))),
};
