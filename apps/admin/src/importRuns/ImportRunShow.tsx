import {
  Alert,
  Box,
  Card,
  CardContent,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { FixedPager } from '../common/FixedPager';
import { useCallback, useEffect, useState } from 'react';
import { Link, Title, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { importRowErrors, importRun, isRunning, type ImportRowError, type ImportRun } from './api';
import { ImportStatusChip } from './ImportStatusChip';

const POLL_MS = 1000;
const PER_PAGE = 50;
const TOTALS = ['totalRows', 'processedRows', 'validRows', 'invalidRows', 'importedRows', 'duplicateRows'] as const;

/** One import: a progress bar while it runs (polling the API), then its totals and its row errors. */
export function ImportRunShow() {
  const { id } = useParams<{ id: string }>();
  const translate = useTranslate();
  const [run, setRun] = useState<ImportRun | null | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (!id) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      try {
        const current = await importRun(id);
        if (stopped) return;
        setRun(current);
        if (current && isRunning(current)) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (failure) {
        if (!stopped) setError(failure instanceof Error ? failure.message : String(failure));
      }
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [id]);

  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>;
  if (run === undefined) return <LinearProgress sx={{ mt: 2 }} />;
  if (run === null) return <Alert severity="warning" sx={{ mt: 2 }}>{translate('ra.page.not_found')}</Alert>;

  const percent = Math.round(run.progress * 100);
  return (
    <Box sx={{ display: 'grid', gap: 2, mt: 2 }}>
      <Title title={`${translate('resources.importRuns.name', { smart_count: 1 })}: ${run.partnerRegister}`} />
      <Card variant="outlined">
        <CardContent sx={{ display: 'grid', gap: 1.5 }}>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="h6" component="h2">
              {run.partnerRegister}
              {run.fileName ? ` — ${run.fileName}` : ''}
            </Typography>
            <ImportStatusChip run={run} />
            {run.dryRun ? <Typography variant="body2">{translate('register.imports.dryRunNote')}</Typography> : null}
          </Box>
          <Box>
            <LinearProgress
              variant="determinate"
              value={percent}
              aria-label={translate('register.imports.progress')}
              data-testid="import-progress"
              data-value={percent}
            />
            <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="import-progress-text">
              {translate('register.imports.processed', { processed: run.processedRows, total: run.totalRows, percent })}
            </Typography>
          </Box>
          {run.failure ? <Alert severity="error">{run.failure}</Alert> : null}
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content auto', columnGap: 3, rowGap: 0.5, m: 0 }}>
            {TOTALS.map((field) => (
              <Box key={field} sx={{ display: 'contents' }}>
                <Typography component="dt" variant="body2" color="text.secondary">
                  {translate(`resources.importRuns.fields.${field}`)}
                </Typography>
                <Typography component="dd" variant="body2" sx={{ m: 0 }} data-testid={`import-${field}`}>
                  {run[field]}
                </Typography>
              </Box>
            ))}
          </Box>
          <Box>
            <Link to="/importRuns">{translate('register.imports.back')}</Link>
          </Box>
        </CardContent>
      </Card>
      {!isRunning(run) ? <RowErrors runId={run.id} /> : null}
    </Box>
  );
}

function RowErrors({ runId }: { runId: string }) {
  const translate = useTranslate();
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<ImportRowError[] | undefined>();
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      const data = await importRowErrors(runId, page, PER_PAGE);
      setRows(data.items);
      setTotal(data.total.count);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, [runId, page]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Card variant="outlined" component="section" aria-labelledby="import-errors-title">
      <CardContent>
        <Typography id="import-errors-title" variant="h6" component="h2">
          {translate('register.imports.rowErrors')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('register.imports.rowErrorsHelp')}
        </Typography>
        {error ? <Alert severity="error">{error}</Alert> : null}
        {rows && rows.length === 0 ? (
          <Typography variant="body2" data-testid="import-no-errors">
            {translate('register.imports.noRowErrors')}
          </Typography>
        ) : null}
        {rows && rows.length > 0 ? (
          <Table size="small" data-testid="import-row-errors">
            <TableHead>
              <TableRow>
                <TableCell>{translate('register.imports.row')}</TableCell>
                <TableCell>{translate('register.imports.column')}</TableCell>
                <TableCell>{translate('register.imports.kind')}</TableCell>
                <TableCell>{translate('register.imports.message')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell>{row.rowNumber}</TableCell>
                  <TableCell>
                    {row.column ? translate(`resources.customers.fields.${row.column}`, { _: row.column }) : translate('register.imports.wholeRow')}
                    {row.column ? <Typography component="span" variant="caption" color="text.secondary">{` (${row.column})`}</Typography> : null}
                  </TableCell>
                  <TableCell>{translate(`register.imports.problem.${row.kind}`)}</TableCell>
                  <TableCell>{row.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
        <FixedPager total={total} page={page} perPage={PER_PAGE} onPage={setPage} />
      </CardContent>
    </Card>
  );
}
