import { lazyScreen } from '../common/lazyScreen';

// Each screen is its own chunk: a role loads only the screens it can open. The list can be loaded
// before React asks for it, when the address names it (boot.ts).
export const CustomerList = lazyScreen(() => import('./CustomerList').then((m) => m.CustomerList));
export const CustomerShow = lazyScreen(() => import('./CustomerShow').then((m) => m.CustomerShow));
export const CustomerEdit = lazyScreen(() => import('./CustomerEdit').then((m) => m.CustomerEdit));
export const CustomerCreate = lazyScreen(() => import('./CustomerCreate').then((m) => m.CustomerCreate));
