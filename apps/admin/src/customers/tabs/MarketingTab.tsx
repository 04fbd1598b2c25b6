import { Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { recordCondition } from '@register/schema';
import { useState } from 'react';
import {
  Form,
  SaveButton,
  useCreate,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { usePrincipal, useResourceAccess } from '../../access/access';
import { ENUMS } from '../../common/choices';
import { intlLocale } from '../../i18n';
import { DECISION_DEFAULTS, DecisionInputs } from '../../marketingPermitEntries/DecisionInputs';
import { CUSTOMER_MARKETING_PERMIT_ENTRY_COLUMNS, MARKETING_PERMIT_ENTRY_SPECS } from '../../marketingPermitEntries/fields';
import { RelatedList } from './RelatedList';

type Permissions = Record<string, unknown> | null | undefined;

const KEY: Readonly<Record<string, string>> = { EMAIL: 'email', SMS: 'sms', PHONE: 'phone', POST: 'post' };

/** The current state per channel, derived from the ledger (the latest entry wins, else the law's default). */
function CurrentPermissions({ permissions }: { permissions: Permissions }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Card variant="outlined" component="section" data-testid="marketing-permissions">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate('register.marketing.current')}
        </Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('register.marketing.channel')}</TableCell>
              <TableCell>{translate('register.marketing.state')}</TableCell>
              <TableCell>{translate('register.marketing.decidedAt')}</TableCell>
              <TableCell>{translate('register.marketing.source')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {ENUMS.MarketingChannel.map((channel) => {
              const key = KEY[channel]!;
              const permitted = permissions?.[key];
              const decidedAt = permissions?.[`${key}DecidedAt`] as string | null | undefined;
              const source = permissions?.[`${key}Source`] as string | null | undefined;
              return (
                <TableRow key={channel} data-testid={`permission-${channel}`}>
                  <TableCell>{translate(`register.enums.MarketingChannel.${channel}`)}</TableCell>
                  <TableCell>
                    {permitted === true || permitted === false ? (
                      <Chip
                        size="small"
                        color={permitted ? 'success' : 'default'}
                        label={translate(permitted ? 'register.marketing.permitted' : 'register.marketing.notPermitted')}
                      />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>{decidedAt ? format.format(new Date(decidedAt)) : translate('register.marketing.byDefault')}</TableCell>
                  <TableCell>{source ? translate(`register.enums.MarketingSource.${source}`) : ''}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

/**
 * Records a permit or a prohibition for this customer; it is in force when the API answers. A
 * role that sees the customer only while marketing is permitted (the data map's row condition)
 * may have just taken the customer out of its own view: it is told so and goes back to the list.
 */
function RecordDecision({ customerId }: { customerId: string }) {
  const access = useResourceAccess('marketingPermitEntries');
  const principal = usePrincipal();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const dataProvider = useDataProvider();
  const [create, { isPending }] = useCreate();
  const [key, setKey] = useState(0);
  if (!access.canCreate) return null;
  const conditional = recordCondition(principal, 'Customer') !== null;

  const afterwards = async () => {
    notify('register.marketing.recorded', { type: 'success' });
    setKey((value) => value + 1);
    if (conditional) {
      const stillVisible = await dataProvider.getOne('customers', { id: customerId }).then(
        () => true,
        () => false,
      );
      if (!stillVisible) {
        notify('register.marketing.leftView', { type: 'info' });
        navigate('/customers');
        return;
      }
    }
    refresh();
  };

  return (
    <Card variant="outlined" component="section" data-testid="record-decision">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
          {translate('register.marketing.record')}
        </Typography>
        <Form
          key={key}
          resource="marketingPermitEntries"
          defaultValues={{ ...DECISION_DEFAULTS, customerId }}
          onSubmit={(values: Record<string, unknown>) =>
            create(
              'marketingPermitEntries',
              { data: { ...values, customerId } },
              {
                onSuccess: () => void afterwards(),
                onError: (error) => notify(error instanceof Error ? error.message : String(error), { type: 'error' }),
              },
            )
          }
        >
          <DecisionInputs writable={access.creatable} customerFixed />
          <Box>
            <SaveButton label="register.marketing.recordButton" disabled={isPending} data-testid="decision-save" />
          </Box>
        </Form>
      </CardContent>
    </Card>
  );
}

/** Direct marketing: the current permissions, a decision to record, and the whole ledger. */
export function MarketingTab() {
  const customer = useRecordContext<{ id: string; marketingPermissions?: Permissions }>();
  if (!customer) return null;
  return (
    <Stack spacing={2}>
      <CurrentPermissions permissions={customer.marketingPermissions} />
      <RecordDecision customerId={String(customer.id)} />
      <RelatedList
        resource="marketingPermitEntries"
        specs={MARKETING_PERMIT_ENTRY_SPECS}
        columns={CUSTOMER_MARKETING_PERMIT_ENTRY_COLUMNS}
        sort={{ field: 'recordedAt', order: 'DESC' }}
        title="register.marketing.ledger"
      />
    </Stack>
  );
}
