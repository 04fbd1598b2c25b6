import type { StaffRole } from '@register/schema';
import { lazy } from 'react';
import { Admin, CustomRoutes, Resource, useTranslate } from 'react-admin';
import { Route } from 'react-router-dom';
import { customerAccess } from './access/access';
import { auditEventsResource } from './auditEvents';
import { authProvider } from './authProvider';
import { customersResource } from './customers';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { Dashboard } from './layout/Dashboard';
import { LoginPage } from './layout/LoginPage';
import { theme } from './layout/theme';
import { staffUsersResource } from './staffUsers';
import { store } from './store';

const MyAccess = lazy(() => import('./layout/MyAccess').then((m) => ({ default: m.MyAccess })));

/** Resources follow the roles: a role without customer access gets no customer screens. */
function resourcesFor(permissions: StaffRole[] | undefined) {
  const access = customerAccess(permissions ?? []);
  const resources = [customersResource(access), auditEventsResource(access), staffUsersResource(access)].filter(
    (resource) => resource !== undefined,
  );
  return [
    ...resources.map((resource) => <Resource key={resource.name} {...resource} />),
    // Always there, so that roles without any resource still get the layout and the dashboard.
    <CustomRoutes key="custom">
      <Route path="/my-access" element={<MyAccess />} />
    </CustomRoutes>,
  ];
}

function AppTitle() {
  return <>{useTranslate()('register.title')}</>;
}

export function App() {
  return (
    <Admin
      disableTelemetry
      requireAuth
      title={<AppTitle />}
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      store={store}
      theme={theme}
      layout={AppLayout}
      loginPage={LoginPage}
      dashboard={Dashboard}
    >
      {resourcesFor}
    </Admin>
  );
}
