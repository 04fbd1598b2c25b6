import FeedbackIcon from '@mui/icons-material/Feedback';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

export const feedbackScreens: ResourceScreens = {
  name: 'feedback',
  icon: FeedbackIcon,
  list: lazy(() => screens().then((m) => ({ default: m.FeedbackList }))),
  show: lazy(() => screens().then((m) => ({ default: m.FeedbackShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.FeedbackCreate }))),
  edit: lazy(() => screens().then((m) => ({ default: m.FeedbackEdit }))),
};
