import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { DateInput, required, SelectInput, TextInput, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { KIND_CHOICES, SOURCE_CHOICES, STATUS_INPUT_CHOICES } from './choices';
import { validateBusinessId, validatePersonalIdentityNumber, validatePostalCode } from './validators';

/** Fields that only one kind of customer has (the API refuses them on the other kind). */
export const PRIVATE_ONLY = ['dateOfBirth', 'personalIdentityNumber'];
export const BUSINESS_ONLY = ['businessId'];

function Group({ title, children }: { title: string; children: ReactNode[] }) {
  const visible = children.filter(Boolean);
  if (visible.length === 0) return null;
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 2, width: '100%' }}>
      <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' },
          columnGap: 2,
        }}
      >
        {visible}
      </Box>
    </Box>
  );
}

/**
 * The inputs of a customer form: one for each field the roles may write in this operation
 * (`writable`, from the data map), none for the others. Identifiers are checked as they are typed
 * with the API's own parsers; everything else the API checks on save and its message appears on
 * the field.
 */
export function CustomerInputs({ writable, operation }: { writable: ReadonlySet<string>; operation: 'create' | 'update' }) {
  const translate = useTranslate();
  const kind = useWatch({ name: 'kind' }) as string | undefined;
  const show = (field: string) =>
    writable.has(field) &&
    !(kind === 'BUSINESS' && PRIVATE_ONLY.includes(field)) &&
    !(kind === 'PRIVATE' && BUSINESS_ONLY.includes(field));
  const full = { fullWidth: true } as const;
  const creating = operation === 'create';

  return (
    <Box sx={{ width: '100%', maxWidth: 960 }}>
      <Group title={translate('register.customers.sections.identity')}>
        {[
          show('kind') && (
            <SelectInput key="kind" source="kind" choices={KIND_CHOICES} validate={creating ? required() : undefined} {...full} />
          ),
          show('status') && <SelectInput key="status" source="status" choices={STATUS_INPUT_CHOICES} {...full} />,
          show('name') && <TextInput key="name" source="name" validate={required()} {...full} />,
          show('dateOfBirth') && <DateInput key="dateOfBirth" source="dateOfBirth" {...full} />,
          show('personalIdentityNumber') && (
            <TextInput
              key="personalIdentityNumber"
              source="personalIdentityNumber"
              validate={validatePersonalIdentityNumber}
              helperText={translate('register.customers.create.identityNumberHint')}
              autoComplete="off"
              slotProps={{ htmlInput: { 'data-testid': 'input-personalIdentityNumber' } }}
              {...full}
            />
          ),
          show('businessId') && (
            <TextInput
              key="businessId"
              source="businessId"
              validate={validateBusinessId}
              helperText={translate('register.customers.create.businessIdHint')}
              {...full}
            />
          ),
        ]}
      </Group>
      <Group title={translate('register.customers.sections.contact')}>
        {[
          show('email') && <TextInput key="email" source="email" type="email" {...full} />,
          show('phone') && (
            <TextInput
              key="phone"
              source="phone"
              type="tel"
              helperText={translate('register.customers.create.phoneHint')}
              slotProps={{ htmlInput: { 'data-testid': 'input-phone' } }}
              {...full}
            />
          ),
          show('streetAddress') && <TextInput key="streetAddress" source="streetAddress" {...full} />,
          show('postalCode') && (
            <TextInput key="postalCode" source="postalCode" validate={validatePostalCode} {...full} />
          ),
          show('city') && <TextInput key="city" source="city" {...full} />,
          show('country') && <TextInput key="country" source="country" helperText="FI, SE, …" {...full} />,
        ]}
      </Group>
      <Group title={translate('register.customers.sections.provenance')}>
        {[
          show('sourceType') && <SelectInput key="sourceType" source="sourceType" choices={SOURCE_CHOICES} {...full} />,
          show('sourcePartner') && <TextInput key="sourcePartner" source="sourcePartner" {...full} />,
        ]}
      </Group>
    </Box>
  );
}

/** Drops values of fields the chosen kind of customer does not have (hidden inputs keep them). */
export function withoutOtherKindFields(data: Record<string, unknown>): Record<string, unknown> {
  const dropped = data.kind === 'BUSINESS' ? PRIVATE_ONLY : data.kind === 'PRIVATE' ? BUSINESS_ONLY : [];
  return Object.fromEntries(Object.entries(data).filter(([field]) => !dropped.includes(field)));
}
