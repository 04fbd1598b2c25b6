import HistoryIcon from '@mui/icons-material/History';
import { Box, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import type { StaffRole } from '@register/schema';
import { lazy, Suspense, type ComponentType, type ReactElement, type ReactNode } from 'react';
import {
  Button,
  DeleteButton,
  EditButton,
  EmailField,
  Labeled,
  ListButton,
  Loading,
  SelectField,
  Show,
  TabbedShowLayout,
  TabbedShowLayoutTabs,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { resourceAccess, useCustomerAccess, type CustomerAccess } from '../access/access';
import type { ResourceName } from '../resources';
import { ContactPersons } from './tabs/ContactPersons';
import { LocalDateField } from '../common/LocalDateField';
import { WithheldOr } from '../common/Withheld';
import { KIND_CHOICES, SOURCE_CHOICES, STATUS_CHOICES } from './choices';
import { CustomerTitle } from './CustomerTitle';
import { SHOW_SECTIONS } from './fields';
import { VerifyIdentityNumber } from './VerifyIdentityNumber';
import { ERASURE_ROLES } from '../erasure';

function fieldFor(source: string): ReactElement {
  switch (source) {
    case 'kind':
      return <SelectField source={source} choices={KIND_CHOICES} />;
    case 'status':
      return <SelectField source={source} choices={STATUS_CHOICES} />;
    case 'sourceType':
      return <SelectField source={source} choices={SOURCE_CHOICES} />;
    case 'email':
      return <EmailField source={source} />;
    case 'dateOfBirth':
      return <LocalDateField source={source} />;
    case 'collectedAt':
    case 'relationshipEndedAt':
    case 'createdAt':
    case 'updatedAt':
      return <LocalDateField source={source} showTime />;
    default:
      return <TextField source={source} />;
  }
}

/**
 * The full number where the roles may read it, else the masked one (DDMMYYC-****), else nothing
 * at all — not even an empty label.
 */
function IdentityNumber({ access }: { access: CustomerAccess }) {
  const record = useRecordContext();
  if (record?.kind === 'BUSINESS') return null;
  const source = access.readable.has('personalIdentityNumber')
    ? 'personalIdentityNumber'
    : access.readable.has('personalIdentityNumberMasked')
      ? 'personalIdentityNumberMasked'
      : undefined;
  if (!source) return null;
  return (
    <Labeled source={source} data-testid="identity-number-field">
      <TextField source={source} data-testid="customer-identity-number" />
    </Labeled>
  );
}

function Section({ title, children }: { title: string; children: ReactNode[] }) {
  const visible = children.filter(Boolean);
  if (visible.length === 0) return null;
  return (
    <Box component="section" sx={{ mb: 3 }}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(3, 1fr)' },
          columnGap: 3,
          rowGap: 1.5,
        }}
      >
        {visible}
      </Box>
    </Box>
  );
}

function CustomerDetails() {
  const access = useCustomerAccess();
  const translate = useTranslate();
  const record = useRecordContext();
  const fields = (names: readonly string[]) =>
    names
      .filter((name) => access.readable.has(name))
      .filter((name) => !(record?.kind === 'BUSINESS' && name === 'dateOfBirth'))
      .filter((name) => !(record?.kind === 'PRIVATE' && name === 'businessId'))
      .map((name) => (
        <Labeled key={name} source={name} data-testid={`customer-field-${name}`}>
          <WithheldOr source={name}>{fieldFor(name)}</WithheldOr>
        </Labeled>
      ));
  return (
    <Stack spacing={2} sx={{ pt: 2 }}>
      <Card variant="outlined">
        <CardContent>
          <Section title={translate('register.customers.sections.identity')}>
            {[...fields(SHOW_SECTIONS.identity), <IdentityNumber key="pin" access={access} />]}
          </Section>
          <Section title={translate('register.customers.sections.contact')}>
            {fields(SHOW_SECTIONS.contact)}
          </Section>
          <Section title={translate('register.customers.sections.provenance')}>
            {fields(SHOW_SECTIONS.provenance)}
          </Section>
          <Section title={translate('register.customers.sections.lifecycle')}>
            {fields(SHOW_SECTIONS.lifecycle)}
          </Section>
        </CardContent>
      </Card>
      {access.canVerifyIdentityNumber && record?.kind !== 'BUSINESS' ? (
        <>
          <Divider />
          <VerifyIdentityNumber />
        </>
      ) : null}
      {record?.kind === 'BUSINESS' ? <ContactPersons /> : null}
    </Stack>
  );
}

function AuditEventsButton() {
  const record = useRecordContext();
  if (!record) return null;
  const search = `?${new URLSearchParams({ filter: JSON.stringify({ subjectId: record.id }) })}`;
  return (
    <Button
      component={Link}
      to={{ pathname: '/auditEvents', search }}
      label="register.customers.auditEvents"
      data-testid="customer-audit-events"
    >
      <HistoryIcon />
    </Button>
  );
}

function CustomerShowActions() {
  const access = useCustomerAccess();
  return (
    <TopToolbar>
      <ListButton />
      {access.canReadAuditLog ? <AuditEventsButton /> : null}
      {access.canEdit ? <EditButton /> : null}
      {access.canDelete ? <DeleteButton mutationMode="pessimistic" /> : null}
    </TopToolbar>
  );
}

const ContractsTab = lazy(() => import('./tabs/ContractsTab').then((m) => ({ default: m.ContractsTab })));
const OrdersTab = lazy(() => import('./tabs/OrdersTab').then((m) => ({ default: m.OrdersTab })));
const HistoryTab = lazy(() => import('./tabs/HistoryTab').then((m) => ({ default: m.HistoryTab })));
const BillingTab = lazy(() => import('./tabs/BillingTab').then((m) => ({ default: m.BillingTab })));
const MarketingTab = lazy(() => import('./tabs/MarketingTab').then((m) => ({ default: m.MarketingTab })));
const FeedbackTab = lazy(() => import('./tabs/FeedbackTab').then((m) => ({ default: m.FeedbackTab })));
const AuditTab = lazy(() => import('./tabs/AuditTab').then((m) => ({ default: m.AuditTab })));
const FiguresTab = lazy(() => import('./tabs/FiguresTab').then((m) => ({ default: m.FiguresTab })));
const DisclosuresTab = lazy(() => import('./tabs/DisclosuresTab').then((m) => ({ default: m.DisclosuresTab })));
const ErasureTab = lazy(() => import('../erasure/ErasureTab').then((m) => ({ default: m.ErasureTab })));

interface TabDefinition {
  path: string;
  /** The tab exists when the roles may read one of these resources… */
  resources: readonly ResourceName[];
  /** …or hold one of these roles (an operation of the API, not a resource). */
  roles?: readonly StaffRole[];
  content: ComponentType;
}

/** The tabs of a customer's page, each for the roles that may read what it shows. */
const TABS: readonly TabDefinition[] = [
  { path: 'contracts', resources: ['contracts', 'simCards'], content: ContractsTab },
  { path: 'orders', resources: ['quotations', 'orders'], content: OrdersTab },
  { path: 'history', resources: ['customerEvents'], content: HistoryTab },
  { path: 'billing', resources: ['billingAccounts', 'invoices'], content: BillingTab },
  { path: 'marketing', resources: ['marketingPermitEntries'], content: MarketingTab },
  { path: 'feedback', resources: ['feedback'], content: FeedbackTab },
  { path: 'figures', resources: ['customerFigures'], content: FiguresTab },
  { path: 'disclosures', resources: ['disclosures'], content: DisclosuresTab },
  { path: 'audit', resources: ['auditEvents'], content: AuditTab },
  { path: 'erasure', resources: [], roles: ERASURE_ROLES, content: ErasureTab },
];

function TabContent({ content: Content }: { content: ComponentType }) {
  return (
    <Box sx={{ pt: 2 }}>
      <Suspense fallback={<Loading />}>
        <Content />
      </Suspense>
    </Box>
  );
}

export function CustomerShow() {
  const { permissions } = usePermissions<StaffRole[]>();
  const tabs = TABS.filter(
    (tab) =>
      tab.resources.some((resource) => resourceAccess(permissions ?? [], resource).canList) ||
      (tab.roles ?? []).some((role) => (permissions ?? []).includes(role)),
  );
  return (
    <Show title={<CustomerTitle />} actions={<CustomerShowActions />} component="div">
      <TabbedShowLayout
        syncWithLocation
        data-testid="customer-tabs"
        sx={{ p: 0 }}
        tabs={<TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" />}
      >
        <TabbedShowLayout.Tab label="register.customers.tabs.customer" data-testid="customer-tab-customer">
          <CustomerDetails />
        </TabbedShowLayout.Tab>
        {tabs.map((tab) => (
          <TabbedShowLayout.Tab
            key={tab.path}
            label={`register.customers.tabs.${tab.path}`}
            path={tab.path}
            data-testid={`customer-tab-${tab.path}`}
          >
            <TabContent content={tab.content} />
          </TabbedShowLayout.Tab>
        ))}
      </TabbedShowLayout>
    </Show>
  );
}
