import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Loading, useLocaleState, useRefresh, useTranslate } from 'react-admin';
import { intlLocale } from '../i18n';
import { eraseDataSubject, erasurePlan, type ErasurePlan, type ErasureResult, type ErasureSubject } from './api';

const ACTION_COLOURS = { DELETE: 'error', ANONYMISE: 'warning', CLEAR: 'info', HOLD: 'secondary' } as const;

function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(year!, month! - 1, day!));
}

function ActionChip({ action }: { action: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={ACTION_COLOURS[action as keyof typeof ACTION_COLOURS] ?? 'default'}
      label={translate(`register.erasure.actions.${action}`)}
      data-testid={`erasure-action-${action}`}
    />
  );
}

function PlanType({ type, locale }: { type: ErasurePlan['types'][number]; locale: string }) {
  const translate = useTranslate();
  const label = locale === 'fi' ? type.labelFi : type.label;
  const byAction = type.records.reduce<Record<string, number>>((counts, record) => ({ ...counts, [record.action]: (counts[record.action] ?? 0) + 1 }), {});
  return (
    <Accordion disableGutters variant="outlined" data-testid={`erasure-type-${type.type}`}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography sx={{ fontWeight: 600 }}>{label}</Typography>
          {Object.entries(byAction).map(([action, count]) => (
            <Chip key={action} size="small" variant="outlined" label={`${translate(`register.erasure.actions.${action}`)}: ${count}`} />
          ))}
        </Stack>
      </AccordionSummary>
      <AccordionDetails>
        <Table size="small" aria-label={translate('register.erasure.records')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('register.erasure.record')}</TableCell>
              <TableCell>{translate('register.erasure.action')}</TableCell>
              <TableCell>{translate('register.erasure.law')}</TableCell>
              <TableCell>{translate('register.erasure.heldUntil')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {type.records.map((record) => (
              <TableRow key={record.id}>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: '0.75rem' }}>{record.id}</TableCell>
                <TableCell>
                  <ActionChip action={record.action} />
                </TableCell>
                <TableCell>{record.law ?? ''}</TableCell>
                <TableCell>{formatDate(record.heldUntil, locale)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography variant="subtitle2" sx={{ mt: 2 }}>
          {translate('register.erasure.fields')}
        </Typography>
        <Table size="small" aria-label={translate('register.erasure.fields')}>
          <TableBody>
            {type.fields.map((field) => (
              <TableRow key={field.field}>
                <TableCell>{locale === 'fi' ? field.labelFi : field.label}</TableCell>
                <TableCell>{translate(`register.erasure.strategies.${field.strategy}`)}</TableCell>
                <TableCell sx={{ color: 'text.secondary' }}>
                  {field.strategy === 'ANONYMISE'
                    ? translate('register.erasure.replacedWith', { value: field.replacement ?? '—' })
                    : (field.law ?? field.reason ?? '')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </AccordionDetails>
    </Accordion>
  );
}

/**
 * The erasure plan of one data subject and the button that executes exactly that plan: the
 * plan's fingerprint goes with the request, so a plan that went stale is refused by the API.
 */
export function ErasurePlanView({ subject, requestId: initialRequestId }: { subject: ErasureSubject; requestId?: string }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const [plan, setPlan] = useState<ErasurePlan | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ErasureResult | undefined>();
  const [requestId, setRequestId] = useState(initialRequestId ?? '');

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setPlan(await erasurePlan(subject));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the subject's ids are what matters
  }, [subject.customerId, subject.contactPersonId]);
  useEffect(() => {
    void load();
  }, [load]);

  const erase = async () => {
    if (!plan) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await eraseDataSubject(subject, plan.fingerprint, requestId.trim() || undefined));
      setConfirming(false);
      refresh();
      await load();
    } catch (failure) {
      setConfirming(false);
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  if (!plan && !error) return <Loading />;
  const counts = plan?.counts;
  const nothingToDo = plan !== undefined && plan.alreadyErased && plan.counts.deleted === 0;
  return (
    <Stack spacing={2} data-testid="erasure-plan">
      <Typography variant="body2" color="text.secondary">
        {translate('register.erasure.help')}
      </Typography>
      {result ? (
        <Alert severity="success" data-testid="erasure-result">
          {translate(result.heldUntil ? 'register.erasure.doneHeld' : 'register.erasure.done', {
            deleted: result.counts.deleted,
            held: result.counts.held,
            date: formatDate(result.heldUntil, locale),
          })}
        </Alert>
      ) : null}
      {error ? (
        <Alert severity="error" data-testid="erasure-error">
          {error}
        </Alert>
      ) : null}
      {plan && counts ? (
        <>
          {plan.alreadyErased ? (
            <Alert severity="info" data-testid="erasure-already">
              {translate(plan.heldUntil ? 'register.erasure.alreadyErasedHeld' : 'register.erasure.alreadyErased', {
                date: formatDate(plan.heldUntil, locale),
              })}
            </Alert>
          ) : null}
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} data-testid="erasure-counts">
            <Chip label={translate('register.erasure.count.records', { count: counts.records })} />
            <Chip color="error" label={translate('register.erasure.count.deleted', { count: counts.deleted })} data-testid="erasure-count-deleted" />
            <Chip color="warning" label={translate('register.erasure.count.anonymised', { count: counts.anonymised })} />
            <Chip color="info" label={translate('register.erasure.count.cleared', { count: counts.cleared })} />
            <Chip color="secondary" label={translate('register.erasure.count.held', { count: counts.held })} data-testid="erasure-count-held" />
          </Stack>
          {plan.heldUntil ? (
            <Typography variant="body2" data-testid="erasure-held-until">
              {translate('register.erasure.holdEnds', { date: formatDate(plan.heldUntil, locale) })}
            </Typography>
          ) : null}
          <Box>
            {plan.types
              .filter((type) => type.records.length > 0)
              .map((type) => (
                <PlanType key={type.type} type={type} locale={locale} />
              ))}
          </Box>
          <Typography variant="caption" color="text.secondary">
            {translate('register.erasure.computed', {
              types: plan.computedTypes.map((type) => (locale === 'fi' ? type.labelFi : type.label)).join(', '),
            })}
          </Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <TextField
              size="small"
              label={translate('register.erasure.requestId')}
              value={requestId}
              onChange={(event) => setRequestId(event.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'erasure-request-id', maxLength: 36 } }}
              sx={{ minWidth: 340 }}
            />
            <Button variant="contained" color="error" disabled={busy || nothingToDo} onClick={() => setConfirming(true)} data-testid="erasure-erase">
              {translate('register.erasure.erase')}
            </Button>
            <Button onClick={() => void load()} disabled={busy}>
              {translate('register.erasure.recompute')}
            </Button>
          </Stack>
          <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="erasure-confirm-title">
            <DialogTitle id="erasure-confirm-title">{translate('register.erasure.confirmTitle')}</DialogTitle>
            <DialogContent>
              <DialogContentText>
                {translate('register.erasure.confirmText', { deleted: counts.deleted, held: counts.held, records: counts.records })}
              </DialogContentText>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setConfirming(false)} disabled={busy}>
                {translate('ra.action.cancel')}
              </Button>
              <Button color="error" variant="contained" onClick={() => void erase()} disabled={busy} data-testid="erasure-confirm">
                {translate('register.erasure.eraseNow')}
              </Button>
            </DialogActions>
          </Dialog>
        </>
      ) : null}
    </Stack>
  );
}
