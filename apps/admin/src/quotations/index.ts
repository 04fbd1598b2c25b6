import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

export const quotationScreens: ResourceScreens = {
  name: 'quotations',
  icon: RequestQuoteIcon,
  list: lazy(() => screens().then((m) => ({ default: m.QuotationList }))),
  show: lazy(() => screens().then((m) => ({ default: m.QuotationShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.QuotationCreate }))),
  edit: lazy(() => screens().then((m) => ({ default: m.QuotationEdit }))),
  recordRepresentation: (record) => `#${record.quotationNumber ?? ''}`,
};
