import LockOpenIcon from '@mui/icons-material/LockOpen';
import type { ReactNode } from 'react';
import { Layout, Menu } from 'react-admin';

function AppMenu() {
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItems />
      <Menu.Item to="/my-access" primaryText="register.access.title" leftIcon={<LockOpenIcon />} />
    </Menu>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  return <Layout menu={AppMenu}>{children}</Layout>;
}
