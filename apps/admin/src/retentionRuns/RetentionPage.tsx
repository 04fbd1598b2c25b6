import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { FixedPager } from '../common/FixedPager';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import { intlLocale } from '../i18n';
import { retentionDryRun, retentionRuns, type RetentionReport, type RetentionRun } from './api';

const PER_PAGE = 10;
const STATUS_COLOURS = { RUNNING: 'info', COMPLETED: 'success', FAILED: 'error', STOPPED: 'warning', INTERRUPTED: 'warning' } as const;

/** The retention job: what a run would erase (dry run) and the runs so far with their progress. */
export function RetentionPage() {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'grid', gap: 2, mt: 2 }}>
      <Title title={translate('resources.retentionRuns.name', { smart_count: 2 })} />
      <Typography variant="body2" color="text.secondary">
        {translate('register.retention.help')}
      </Typography>
      <DryRun />
      <PastRuns />
    </Box>
  );
}

function DryRun() {
  const translate = useTranslate();
  const [asOf, setAsOf] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<RetentionReport | undefined>();
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setReport(await retentionDryRun(asOf || undefined));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card variant="outlined" component="section" aria-labelledby="retention-dry-run-title">
      <CardContent>
        <Typography id="retention-dry-run-title" variant="h6" component="h2">
          {translate('register.retention.dryRun')}
        </Typography>
        <Box component="form" onSubmit={submit} sx={{ display: 'flex', gap: 2, alignItems: 'center', my: 2 }}>
          <TextField
            type="date"
            size="small"
            label={translate('register.retention.asOf')}
            value={asOf}
            onChange={(event) => setAsOf(event.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'retention-as-of' } }}
            sx={{ width: 220 }}
          />
          <Button type="submit" variant="contained" disabled={busy} data-testid="retention-dry-run">
            {translate('register.retention.runDryRun')}
          </Button>
        </Box>
        {error ? (
          <Alert severity="error" data-testid="retention-error">
            {error}
          </Alert>
        ) : null}
        {report ? (
          <Box data-testid="retention-report">
            <Typography variant="body2" sx={{ mb: 1 }} data-testid="retention-report-summary">
              {translate('register.retention.summary', {
                customers: report.customers,
                held: report.wouldHold,
                holds: report.holdsEnding,
                months: report.relationshipMonths,
              })}
            </Typography>
            {report.types.length > 0 ? (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('register.retention.type')}</TableCell>
                    <TableCell align="right">{translate('register.erasure.actions.DELETE')}</TableCell>
                    <TableCell align="right">{translate('register.erasure.actions.ANONYMISE')}</TableCell>
                    <TableCell align="right">{translate('register.erasure.actions.CLEAR')}</TableCell>
                    <TableCell align="right">{translate('register.erasure.actions.HOLD')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {report.types.map((type) => (
                    <TableRow key={type.type}>
                      <TableCell>{type.type}</TableCell>
                      <TableCell align="right">{type.deleted}</TableCell>
                      <TableCell align="right">{type.anonymised}</TableCell>
                      <TableCell align="right">{type.cleared}</TableCell>
                      <TableCell align="right">{type.held}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
            <Typography variant="caption" color="text.secondary">
              {translate('register.retention.nothingChanged')}
            </Typography>
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
}

function PastRuns() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<RetentionRun[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const load = useCallback(async () => {
    try {
      const data = await retentionRuns(page, PER_PAGE);
      setRows(data.items);
      setTotal(data.total.count);
      setError(undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, [page]);
  useEffect(() => {
    void load();
  }, [load]);
  // While a run is in progress its counters move: follow them.
  const running = rows.some((run) => run.status === 'RUNNING');
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [running, load]);
  const time = (value: unknown) =>
    value ? new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(String(value))) : '';
  return (
    <Card variant="outlined" component="section" aria-labelledby="retention-runs-title">
      <CardContent>
        <Typography id="retention-runs-title" variant="h6" component="h2">
          {translate('register.retention.runs')}
        </Typography>
        {error ? <Alert severity="error">{error}</Alert> : null}
        {rows.length === 0 && !error ? (
          <Typography variant="body2" color="text.secondary" data-testid="retention-no-runs">
            {translate('register.retention.noRuns')}
          </Typography>
        ) : (
          <Table size="small" data-testid="retention-runs">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.retentionRuns.fields.startedAt')}</TableCell>
                <TableCell>{translate('resources.retentionRuns.fields.asOf')}</TableCell>
                <TableCell>{translate('resources.retentionRuns.fields.trigger')}</TableCell>
                <TableCell>{translate('resources.retentionRuns.fields.status')}</TableCell>
                <TableCell sx={{ minWidth: 160 }}>{translate('resources.retentionRuns.fields.processed')}</TableCell>
                <TableCell align="right">{translate('resources.retentionRuns.fields.erased')}</TableCell>
                <TableCell align="right">{translate('resources.retentionRuns.fields.held')}</TableCell>
                <TableCell align="right">{translate('resources.retentionRuns.fields.holdsEnded')}</TableCell>
                <TableCell align="right">{translate('resources.retentionRuns.fields.failed')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((run) => (
                <TableRow key={run.id} data-testid="retention-run-row">
                  <TableCell>{time(run.startedAt)}</TableCell>
                  <TableCell>{String(run.asOf)}</TableCell>
                  <TableCell>{translate(`register.retention.triggers.${run.trigger}`)}</TableCell>
                  <TableCell>
                    <Chip size="small" color={STATUS_COLOURS[run.status]} label={translate(`register.retention.statuses.${run.status}`)} />
                  </TableCell>
                  <TableCell>
                    <LinearProgress variant="determinate" value={run.total > 0 ? (100 * run.processed) / run.total : 100} />
                    <Typography variant="caption">
                      {run.processed} / {run.total}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">{run.erased}</TableCell>
                  <TableCell align="right">{run.held}</TableCell>
                  <TableCell align="right">{run.holdsEnded}</TableCell>
                  <TableCell align="right">{run.failed}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <FixedPager total={total} page={page} perPage={PER_PAGE} onPage={setPage} />
      </CardContent>
    </Card>
  );
}
