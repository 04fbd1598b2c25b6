import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

/** Data subject requests (dpo only, from the data map): list by due date, record page with actions, forms. */
export const dataSubjectRequestScreens: ResourceScreens = {
  name: 'dataSubjectRequests',
  icon: AssignmentIndIcon,
  list: lazy(() => screens().then((m) => ({ default: m.DataSubjectRequestList }))),
  show: lazy(() => screens().then((m) => ({ default: m.DataSubjectRequestShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.DataSubjectRequestCreate }))),
  edit: lazy(() => screens().then((m) => ({ default: m.DataSubjectRequestEdit }))),
};
