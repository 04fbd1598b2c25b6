import { parsePersonalIdentityNumber } from '@register/identifiers';
import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { errorCode, type RegisterDataProvider } from '../dataProvider';

type Outcome =
  | { kind: 'match' }
  | { kind: 'mismatch' }
  | { kind: 'rate-limited' }
  | { kind: 'error'; message: string };

/**
 * Customer service checks the number a caller gives without ever reading the stored one. Each
 * check is audited and the API limits how many can be made per customer.
 */
export function VerifyIdentityNumber() {
  const record = useRecordContext();
  const dataProvider = useDataProvider<RegisterDataProvider>();
  const translate = useTranslate();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  if (!record) return null;

  const parsed = value === '' ? undefined : parsePersonalIdentityNumber(value);
  const problem =
    parsed && !parsed.ok
      ? translate(`register.validation.${parsed.code}`, { _: parsed.error })
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed?.ok) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const match = await dataProvider.verifyPersonalIdentityNumber(String(record.id), value);
      setOutcome({ kind: match ? 'match' : 'mismatch' });
    } catch (error) {
      setOutcome(
        errorCode(error) === 'TOO_MANY_REQUESTS'
          ? { kind: 'rate-limited' }
          : { kind: 'error', message: error instanceof Error ? error.message : String(error) },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card variant="outlined" component="section" aria-labelledby="verify-identity-number-title">
      <CardContent>
        <Typography id="verify-identity-number-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate('register.customers.verify.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('register.customers.verify.help')}
        </Typography>
        <Box component="form" onSubmit={submit} sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <TextField
            size="small"
            label={translate('register.customers.verify.value')}
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setOutcome(undefined);
            }}
            error={Boolean(problem)}
            helperText={problem ?? ' '}
            autoComplete="off"
            slotProps={{ htmlInput: { 'data-testid': 'verify-identity-number-input', maxLength: 11 } }}
            fullWidth={false}
            sx={{ width: 320 }}
          />
          <Button type="submit" variant="contained" sx={{ mt: 0.5 }} disabled={busy || !parsed?.ok} data-testid="verify-identity-number-submit">
            {translate('register.customers.verify.submit')}
          </Button>
        </Box>
        {outcome ? (
          <Alert
            data-testid="verify-identity-number-result"
            severity={outcome.kind === 'match' ? 'success' : outcome.kind === 'mismatch' ? 'warning' : 'error'}
            sx={{ mt: 1 }}
          >
            {outcome.kind === 'match'
              ? translate('register.customers.verify.match')
              : outcome.kind === 'mismatch'
                ? translate('register.customers.verify.mismatch')
                : outcome.kind === 'rate-limited'
                  ? translate('register.customers.verify.rateLimited')
                  : translate('register.customers.verify.failed', { message: outcome.message })}
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}
