import { Alert, Box, Button, Card, CardContent, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  BooleanInput,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SelectInput,
  TopToolbar,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { today } from '../common/dates';
import { RecordField } from '../common/RecordField';
import { ResourceCreate, ResourceEdit } from '../common/ResourceForm';
import { filtersFor } from '../common/ResourceList';
import { ResourceShow } from '../common/ResourceShow';
import {
  completeRequest,
  extendRequest,
  liftRestriction,
  portabilityUrl,
  refuseRequest,
  reportJsonUrl,
  reportUrl,
  restrictionsOf,
  restrictProcessing,
  startHandling,
  verifyIdentity,
  type Restriction,
} from './api';
import { CLOSED, REQUEST_COLUMNS, REQUEST_SECTIONS, REQUEST_SPECS } from './fields';
import { dataSubjectRequestQuery } from './query';

const RequestChart = lazy(() => import('./RequestChart'));

type RequestRecord = Record<string, unknown> & { id: string; status?: string; overdue?: boolean; type?: string };

const represent = (record: Record<string, unknown>) => `${String(record.id ?? '').slice(0, 8)} · ${record.dueDate ?? ''}`;

function DueDate() {
  const record = useRecordContext<RequestRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <RecordField source="dueDate" spec={REQUEST_SPECS.dueDate!} compact />
      {record.overdue ? (
        <Chip size="small" color="error" label={translate('register.dataSubjectRequests.overdue')} data-testid="dsr-overdue" />
      ) : null}
    </Stack>
  );
}

/** Open requests first by due date; overdue ones highlighted; the chart above. */
export function DataSubjectRequestList() {
  const access = useResourceAccess('dataSubjectRequests');
  const translate = useTranslate();
  const filters = filtersFor(access.readable, [
    [['status'], <SelectInput key="status" source="status" choices={choicesOf('DataSubjectRequestStatus')} alwaysOn sx={{ minWidth: 180 }} />],
    [['type'], <SelectInput key="type" source="type" choices={choicesOf('DataSubjectRequestType')} alwaysOn sx={{ minWidth: 180 }} />],
    [['status'], <BooleanInput key="open" source="open" label="register.dataSubjectRequests.openOnly" alwaysOn />],
    [['overdue'], <BooleanInput key="overdue" source="overdue" label="register.dataSubjectRequests.overdueOnly" alwaysOn />],
  ]);
  const columns = REQUEST_COLUMNS.filter((field) => access.readable.has(field) && REQUEST_SPECS[field]);
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <Suspense fallback={null}>
        <RequestChart />
      </Suspense>
      <List
        resource="dataSubjectRequests"
        storeKey={false}
        sort={dataSubjectRequestQuery.defaultSort}
        filterDefaultValues={{ open: true }}
        filters={filters}
        exporter={false}
        empty={false}
        actions={
          <TopToolbar>
            <FilterButton />
            {access.canCreate ? <CreateButton data-testid="dataSubjectRequests-create" /> : null}
          </TopToolbar>
        }
      >
        <DataTable
          rowClick="show"
          bulkActionButtons={false}
          data-testid="dataSubjectRequests-table"
          rowSx={(record) => ((record as RequestRecord).overdue ? { backgroundColor: 'rgba(211, 47, 47, 0.08)' } : {})}
        >
          {columns.map((field) =>
            field === 'dueDate' ? (
              <DataTable.Col key={field} source={field} label={translate('resources.dataSubjectRequests.fields.dueDate')}>
                <DueDate />
              </DataTable.Col>
            ) : (
              <DataTable.Col key={field} source={field} disableSort={!dataSubjectRequestQuery.sortFields.includes(field)}>
                <RecordField source={field} spec={REQUEST_SPECS[field]!} compact />
              </DataTable.Col>
            ),
          )}
        </DataTable>
      </List>
    </Stack>
  );
}

/** A dialog that asks for text (and a date) and runs one action. */
function ActionDialog({
  open,
  title,
  fields,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  fields: { name: string; label: string; type?: 'date'; required?: boolean; multiline?: boolean; defaultValue?: string }[];
  onClose: () => void;
  onSubmit: (values: Record<string, string>) => Promise<void>;
}) {
  const translate = useTranslate();
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setValues(Object.fromEntries(fields.map((field) => [field.name, field.defaultValue ?? ''])));
      setError(null);
    }
  }, [open, fields]);
  const missing = fields.some((field) => field.required && !(values[field.name] ?? '').trim());
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {fields.map((field) => (
            <TextField
              key={field.name}
              label={field.label}
              type={field.type ?? 'text'}
              required={field.required}
              multiline={field.multiline}
              minRows={field.multiline ? 3 : undefined}
              value={values[field.name] ?? ''}
              onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.value }))}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `dsr-dialog-${field.name}` } }}
            />
          ))}
          {error ? <Alert severity="error">{error}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={missing || busy}
          data-testid="dsr-dialog-confirm"
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onSubmit(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()])));
              onClose();
            } catch (failure) {
              setError(failure instanceof Error ? failure.message : String(failure));
            } finally {
              setBusy(false);
            }
          }}
        >
          {translate('ra.action.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

type ActionName = 'verify' | 'extend' | 'complete' | 'refuse';

/** Verify identity, start, extend, complete, refuse, restrict or lift: each one API mutation. */
function RequestActions() {
  const record = useRecordContext<RequestRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [dialog, setDialog] = useState<ActionName | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>, done: string) => {
      await action();
      notify(done, { type: 'info' });
      refresh();
    },
    [notify, refresh],
  );
  if (!record || CLOSED.includes(String(record.status))) return null;
  const id = record.id;
  const t = (key: string) => translate(`register.dataSubjectRequests.${key}`);
  const fail = (error: unknown) => notify(error instanceof Error ? error.message : String(error), { type: 'error' });
  const dialogs: Record<ActionName, { title: string; fields: Parameters<typeof ActionDialog>[0]['fields']; submit: (v: Record<string, string>) => Promise<void> }> = {
    verify: {
      title: t('verify'),
      fields: [{ name: 'method', label: t('verificationMethod'), required: true }],
      submit: (v) => run(() => verifyIdentity(id, v.method!), t('verified')),
    },
    extend: {
      title: t('extend'),
      fields: [
        { name: 'newDueDate', label: t('newDueDate'), type: 'date', required: true },
        { name: 'reason', label: t('extensionReason'), required: true, multiline: true },
      ],
      submit: (v) => run(() => extendRequest(id, v.newDueDate!, v.reason!), t('extended')),
    },
    complete: {
      title: t('complete'),
      fields: [{ name: 'notes', label: t('completionNotes'), multiline: true }],
      submit: (v) => run(() => completeRequest(id, v.notes || null), t('completed')),
    },
    refuse: {
      title: t('refuse'),
      fields: [{ name: 'reason', label: t('refusalReason'), required: true, multiline: true }],
      submit: (v) => run(() => refuseRequest(id, v.reason!), t('refused')),
    },
  };
  const current = dialog ? dialogs[dialog] : null;
  return (
    <>
      {!record.identityVerifiedAt ? (
        <Button size="small" onClick={() => setDialog('verify')} data-testid="dsr-verify">
          {t('verify')}
        </Button>
      ) : null}
      {record.status === 'RECEIVED' || record.status === 'IDENTITY_VERIFIED' ? (
        <Button size="small" onClick={() => run(() => startHandling(id), t('started')).catch(fail)} data-testid="dsr-start">
          {t('start')}
        </Button>
      ) : null}
      {!record.extendedAt ? (
        <Button size="small" onClick={() => setDialog('extend')} data-testid="dsr-extend">
          {t('extend')}
        </Button>
      ) : null}
      <Button size="small" onClick={() => setDialog('complete')} data-testid="dsr-complete">
        {t('complete')}
      </Button>
      <Button size="small" color="error" onClick={() => setDialog('refuse')} data-testid="dsr-refuse">
        {t('refuse')}
      </Button>
      {current ? (
        <ActionDialog open title={current.title} fields={current.fields} onClose={() => setDialog(null)} onSubmit={current.submit} />
      ) : null}
    </>
  );
}

/** The report (printable, fi/en), its JSON, the portability export, and restriction of processing. */
function RightsPanel() {
  const record = useRecordContext<RequestRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const [restrictions, setRestrictions] = useState<Restriction[] | null>(null);
  const [version, setVersion] = useState(0);
  const subjectId = (record?.customerId ?? record?.contactPersonId) as string | undefined;
  useEffect(() => {
    if (!subjectId) return;
    let live = true;
    restrictionsOf(subjectId).then(
      (rows) => live && setRestrictions(rows),
      () => live && setRestrictions([]),
    );
    return () => {
      live = false;
    };
  }, [subjectId, version]);
  if (!record) return null;
  const t = (key: string) => translate(`register.dataSubjectRequests.${key}`);
  if (!subjectId) {
    return (
      <Alert severity="info" data-testid="dsr-unmatched">
        {t('unmatched')}
      </Alert>
    );
  }
  const active = (restrictions ?? []).filter((r) => !r.liftedAt);
  const restrictedByRequest = active.some((r) => r.reason === 'DATA_SUBJECT_REQUEST');
  const act = (action: () => Promise<unknown>, done: string) =>
    action().then(
      () => {
        notify(done, { type: 'info' });
        setVersion((v) => v + 1);
      },
      (error: unknown) => notify(error instanceof Error ? error.message : String(error), { type: 'error' }),
    );
  const link = (href: string, label: string, testId: string, download = false): ReactNode => (
    <Button size="small" variant="outlined" href={href} target={download ? undefined : '_blank'} rel="noopener" download={download || undefined} data-testid={testId}>
      {label}
    </Button>
  );
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
          {t('rights')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}>
          {link(reportUrl(record.id, 'fi'), t('reportFi'), 'dsr-report-fi')}
          {link(reportUrl(record.id, 'en'), t('reportEn'), 'dsr-report-en')}
          {link(reportJsonUrl(record.id), t('reportJson'), 'dsr-report-json', true)}
          {link(portabilityUrl(record.id), t('portabilityJson'), 'dsr-portability-json', true)}
        </Box>
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="dsr-restriction-state">
          {active.length > 0 ? t('restricted') : t('notRestricted')}
          {active.some((r) => r.reason === 'LEGAL_HOLD') ? ` ${t('legalHold')}` : ''}
        </Typography>
        {restrictedByRequest ? (
          <Button size="small" onClick={() => act(() => liftRestriction(record.id), t('lifted'))} data-testid="dsr-lift">
            {t('lift')}
          </Button>
        ) : (
          <Button size="small" color="warning" onClick={() => act(() => restrictProcessing(record.id), t('restrictedDone'))} data-testid="dsr-restrict">
            {t('restrict')}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}

export function DataSubjectRequestShow() {
  return (
    <ResourceShow resource="dataSubjectRequests" specs={REQUEST_SPECS} sections={REQUEST_SECTIONS} represent={represent} actions={<RequestActions />}>
      <RightsPanel />
    </ResourceShow>
  );
}

const FORM_OPTIONS = {
  required: ['type', 'receivedDate', 'channel'],
  // The status moves through the actions of the record page, never by hand.
  hide: ['status'],
};

export function DataSubjectRequestCreate() {
  return (
    <ResourceCreate
      resource="dataSubjectRequests"
      specs={REQUEST_SPECS}
      sections={REQUEST_SECTIONS}
      options={FORM_OPTIONS}
      defaultValues={{ receivedDate: today(), channel: 'LETTER', type: 'ACCESS', signed: false }}
    />
  );
}

export function DataSubjectRequestEdit() {
  return <ResourceEdit resource="dataSubjectRequests" specs={REQUEST_SPECS} sections={REQUEST_SECTIONS} options={FORM_OPTIONS} />;
}
