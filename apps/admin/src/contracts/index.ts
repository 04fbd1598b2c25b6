import DescriptionIcon from '@mui/icons-material/Description';
import { lazy } from 'react';
import type { ResourceScreens } from '../common/defineResource';

const screens = () => import('./screens');

export const contractScreens: ResourceScreens = {
  name: 'contracts',
  icon: DescriptionIcon,
  list: lazy(() => screens().then((m) => ({ default: m.ContractList }))),
  show: lazy(() => screens().then((m) => ({ default: m.ContractShow }))),
  create: lazy(() => screens().then((m) => ({ default: m.ContractCreate }))),
  edit: lazy(() => screens().then((m) => ({ default: m.ContractEdit }))),
  recordRepresentation: 'contractNumber',
};
