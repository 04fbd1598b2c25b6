import HistoryIcon from '@mui/icons-material/History';
import { Box, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import type { ReactElement, ReactNode } from 'react';
import {
  Button,
  DeleteButton,
  EditButton,
  EmailField,
  Labeled,
  ListButton,
  SelectField,
  Show,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { useCustomerAccess, type CustomerAccess } from '../access/access';
import { LocalDateField } from '../common/LocalDateField';
import { KIND_CHOICES, SOURCE_CHOICES, STATUS_CHOICES } from './choices';
import { CustomerTitle } from './CustomerTitle';
import { SHOW_SECTIONS } from './fields';
import { VerifyIdentityNumber } from './VerifyIdentityNumber';

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
          {fieldFor(name)}
        </Labeled>
      ));
  return (
    <Stack spacing={2}>
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

export function CustomerShow() {
  return (
    <Show title={<CustomerTitle />} actions={<CustomerShowActions />} component="div">
      <CustomerDetails />
    </Show>
  );
}
