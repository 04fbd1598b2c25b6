import CellTowerIcon from '@mui/icons-material/CellTower';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

export const serviceProductScreens: ResourceScreens = {
  name: 'serviceProducts',
  icon: CellTowerIcon,
  list: lazy(() => screens().then((m) => ({ default: m.ServiceProductList }))),
  show: lazy(() => screens().then((m) => ({ default: m.ServiceProductShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.ServiceProductCreate }))),
  edit: lazy(() => screens().then((m) => ({ default: m.ServiceProductEdit }))),
  recordRepresentation: (record) => `${record.name ?? ''} (${record.code ?? ''})`,
};
