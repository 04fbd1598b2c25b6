import CampaignIcon from '@mui/icons-material/Campaign';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

export const marketingPermitEntryScreens: ResourceScreens = {
  name: 'marketingPermitEntries',
  icon: CampaignIcon,
  list: lazy(() => screens().then((m) => ({ default: m.MarketingPermitEntryList }))),
  show: lazy(() => screens().then((m) => ({ default: m.MarketingPermitEntryShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.MarketingPermitEntryCreate }))),
};
