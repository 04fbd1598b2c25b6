import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
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
import { useNavigate } from 'react-router-dom';
import { intlLocale } from '../i18n';
import { importRuns, MAX_CSV_BYTES, startImport, type ImportRun } from './api';
import { ImportStatusChip } from './ImportStatusChip';

const PER_PAGE = 10;

/** The partner-register import form, and the imports made so far (newest first). */
export function ImportRunsPage() {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'grid', gap: 2, mt: 2 }}>
      <Title title={translate('resources.importRuns.name', { smart_count: 2 })} />
      <NewImport />
      <PastImports />
    </Box>
  );
}

function NewImport() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [partnerRegister, setPartnerRegister] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const tooBig = file !== null && file.size > MAX_CSV_BYTES;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || tooBig || partnerRegister.trim() === '') return;
    setBusy(true);
    setError(undefined);
    try {
      const run = await startImport({ partnerRegister: partnerRegister.trim(), fileName: file.name, csv: await file.text(), dryRun });
      navigate(`/importRuns/${run.id}/show`);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <Card variant="outlined" component="section" aria-labelledby="new-import-title">
      <CardContent>
        <Typography id="new-import-title" variant="h6" component="h2">
          {translate('register.imports.new')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('register.imports.help')}
        </Typography>
        <Typography variant="body2" component="code" sx={{ display: 'block', mb: 2, fontSize: '0.8rem', overflowWrap: 'anywhere' }}>
          kind,name,personalIdentityNumber,businessId,dateOfBirth,email,phone,streetAddress,postalCode,city,country,collectedAt
        </Typography>
        <Box component="form" onSubmit={submit} sx={{ display: 'grid', gap: 2, maxWidth: 560 }}>
          <TextField
            label={translate('resources.importRuns.fields.partnerRegister')}
            value={partnerRegister}
            onChange={(event) => setPartnerRegister(event.target.value)}
            required
            size="small"
            slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'import-partner' } }}
          />
          <Box>
            <Button variant="outlined" component="label">
              {translate('register.imports.chooseFile')}
              <input
                hidden
                type="file"
                accept=".csv,text/csv"
                data-testid="import-file"
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              />
            </Button>
            <Typography component="span" variant="body2" sx={{ ml: 2 }} data-testid="import-file-name">
              {file ? file.name : translate('register.imports.noFile')}
            </Typography>
          </Box>
          {tooBig ? <Alert severity="error">{translate('register.imports.tooBig')}</Alert> : null}
          <FormControlLabel
            control={<Checkbox checked={dryRun} onChange={(event) => setDryRun(event.target.checked)} data-testid="import-dry-run" />}
            label={translate('register.imports.dryRun')}
          />
          <Box>
            <Button type="submit" variant="contained" disabled={busy || !file || tooBig || partnerRegister.trim() === ''} data-testid="import-start">
              {translate(dryRun ? 'register.imports.startDryRun' : 'register.imports.start')}
            </Button>
          </Box>
          {error ? (
            <Alert severity="error" data-testid="import-error">
              {error}
            </Alert>
          ) : null}
        </Box>
      </CardContent>
    </Card>
  );
}

function PastImports() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [locale] = useLocaleState();
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<ImportRun[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      const data = await importRuns(page, PER_PAGE);
      setRows(data.items);
      setTotal(data.total.count);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, [page]);
  useEffect(() => {
    void load();
  }, [load]);

  const time = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Card variant="outlined" component="section" aria-labelledby="past-imports-title">
      <CardContent>
        <Typography id="past-imports-title" variant="h6" component="h2">
          {translate('register.imports.past')}
        </Typography>
        {error ? <Alert severity="error">{error}</Alert> : null}
        {rows.length === 0 && !error ? (
          <Typography variant="body2" color="text.secondary">
            {translate('register.imports.none')}
          </Typography>
        ) : (
          <Table size="small" data-testid="import-runs">
            <TableHead>
              <TableRow>
                {['startedAt', 'partnerRegister', 'fileName', 'status', 'totalRows', 'importedRows', 'invalidRows', 'duplicateRows'].map((field) => (
                  <TableCell key={field}>{translate(`resources.importRuns.fields.${field}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((run) => (
                <TableRow key={run.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/importRuns/${run.id}/show`)}>
                  <TableCell>{time.format(new Date(run.startedAt as string))}</TableCell>
                  <TableCell>{run.partnerRegister}</TableCell>
                  <TableCell>
                    {run.fileName ?? ''}
                    {run.dryRun ? ` (${translate('register.imports.dryRunShort')})` : ''}
                  </TableCell>
                  <TableCell>
                    <ImportStatusChip run={run} />
                  </TableCell>
                  <TableCell align="right">{run.totalRows}</TableCell>
                  <TableCell align="right">{run.importedRows}</TableCell>
                  <TableCell align="right">{run.invalidRows}</TableCell>
                  <TableCell align="right">{run.duplicateRows}</TableCell>
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
