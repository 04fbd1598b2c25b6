import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';
import { BillingAccountName } from './BillingAccountName';

export const billingAccountScreens: ResourceScreens = {
  name: 'billingAccounts',
  icon: AccountBalanceWalletIcon,
  list: lazy(() => import('./BillingAccountList').then((m) => ({ default: m.BillingAccountList }))),
  show: lazy(() => import('./BillingAccountShow').then((m) => ({ default: m.BillingAccountShow }))),
  create: lazy(() => import('./BillingAccountCreate').then((m) => ({ default: m.BillingAccountCreate }))),
  edit: lazy(() => import('./BillingAccountEdit').then((m) => ({ default: m.BillingAccountEdit }))),
  recordRepresentation: <BillingAccountName />,
};
