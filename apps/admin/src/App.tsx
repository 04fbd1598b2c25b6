import type { StaffRole } from '@register/schema';
import { lazy, type ReactElement } from 'react';
import { Admin, CustomRoutes, Resource, useTranslate } from 'react-admin';
import { Route } from 'react-router-dom';
import { customerAccess, resourceAccess } from './access/access';
import { auditEventsResource } from './auditEvents';
import { authProvider } from './authProvider';
import { billingAccountScreens } from './billingAccounts';
import { resourceFor, type ResourceScreens } from './common/defineResource';
import { contactPersonScreens } from './contactPersons';
import { contractScreens } from './contracts';
import { customerEventScreens } from './customerEvents';
import { customersResource } from './customers';
import { dataProvider } from './dataProvider';
import { equipmentModelScreens } from './equipmentModels';
import { feedbackScreens } from './feedback';
import { disclosureScreens } from './disclosures';
import { dataSubjectRequestScreens } from './dataSubjectRequests';
import { privacyResource } from './privacy';
import { statisticsResource } from './statistics';
import { i18nProvider } from './i18n';
import { importRunsResource } from './importRuns';
import { retentionRunsResource } from './retentionRuns';
import { invoiceScreens } from './invoices';
import { AppLayout } from './layout/AppLayout';
import { Dashboard } from './layout/Dashboard';
import { LoginPage } from './layout/LoginPage';
import { theme } from './layout/theme';
import { marketingPermitEntryScreens } from './marketingPermitEntries';
import { orderScreens } from './orders';
import { quotationScreens } from './quotations';
import { serviceProductScreens } from './serviceProducts';
import { simCardScreens } from './simCards';
import { staffUsersResource } from './staffUsers';
import { store } from './store';

const MyAccess = lazy(() => import('./layout/MyAccess').then((m) => ({ default: m.MyAccess })));

/** The menu's order: the customer first, then what belongs to customers, then the catalogue. */
const SCREENS: readonly ResourceScreens[] = [
  contractScreens,
  simCardScreens,
  orderScreens,
  quotationScreens,
  invoiceScreens,
  billingAccountScreens,
  contactPersonScreens,
  customerEventScreens,
  feedbackScreens,
  marketingPermitEntryScreens,
  disclosureScreens,
  dataSubjectRequestScreens,
  serviceProductScreens,
  equipmentModelScreens,
];

/** The resources of each set of roles, worked out once (react-admin asks on every render of the routes). */
const resourcesByRoles = new Map<string, ReactElement[]>();

/** Resources follow the roles: a role gets the screens of what it may read, and no others. */
function resourcesFor(permissions: StaffRole[] | undefined): ReactElement[] {
  const key = (permissions ?? []).join(',');
  let resources = resourcesByRoles.get(key);
  if (!resources) {
    resources = buildResources(permissions ?? []);
    resourcesByRoles.set(key, resources);
  }
  return resources;
}

function buildResources(roles: StaffRole[]): ReactElement[] {
  const access = customerAccess(roles);
  const resources = [
    customersResource(access),
    ...SCREENS.map((screens) => resourceFor(screens, resourceAccess(roles, screens.name))),
    auditEventsResource(access),
    statisticsResource(roles),
    privacyResource(roles),
    importRunsResource(roles),
    retentionRunsResource(roles),
    staffUsersResource(access),
  ].filter((resource) => resource !== undefined);
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
