import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

export const orderScreens: ResourceScreens = {
  name: 'orders',
  icon: ShoppingCartIcon,
  list: lazy(() => screens().then((m) => ({ default: m.OrderList }))),
  show: lazy(() => screens().then((m) => ({ default: m.OrderShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.OrderCreate }))),
  edit: lazy(() => screens().then((m) => ({ default: m.OrderEdit }))),
  recordRepresentation: (record) => `#${record.orderNumber ?? ''}`,
};
