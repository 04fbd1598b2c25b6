import RouterIcon from '@mui/icons-material/Router';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

export const equipmentModelScreens: ResourceScreens = {
  name: 'equipmentModels',
  icon: RouterIcon,
  list: lazy(() => screens().then((m) => ({ default: m.EquipmentModelList }))),
  show: lazy(() => screens().then((m) => ({ default: m.EquipmentModelShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.EquipmentModelCreate }))),
  edit: lazy(() => screens().then((m) => ({ default: m.EquipmentModelEdit }))),
  recordRepresentation: (record) => `${record.manufacturer ?? ''} ${record.model ?? ''} (${record.sku ?? ''})`,
};
