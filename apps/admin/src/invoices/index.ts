import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

export const invoiceScreens: ResourceScreens = {
  name: 'invoices',
  icon: ReceiptLongIcon,
  list: lazy(() => import('./InvoiceList').then((m) => ({ default: m.InvoiceList }))),
  show: lazy(() => import('./InvoiceShow').then((m) => ({ default: m.InvoiceShow }))),
  create: lazy(() => import('./InvoiceCreate').then((m) => ({ default: m.InvoiceCreate }))),
  edit: lazy(() => import('./InvoiceEdit').then((m) => ({ default: m.InvoiceEdit }))),
  recordRepresentation: (record) => `${record.invoiceNumber ?? ''}`,
};
