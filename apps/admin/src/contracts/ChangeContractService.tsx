import EditIcon from '@mui/icons-material/Edit';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import { ChangeContractServiceDocument } from '@register/schema';
import { useState, type FormEvent } from 'react';
import { Button, useDataProvider, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { formatEuros } from '../common/money';
import type { RegisterDataProvider } from '../dataProvider';

interface Line {
  id: string;
  quantity?: number | null;
  monthlyPriceCents?: number | null;
  removedDate?: string | null;
}

/** "19,90" or "19.90" euros → 1990 cents; undefined when it is no amount of euros and cents. */
function centsOf(text: string): number | undefined {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return undefined;
  return Math.round(Number(normalised) * 100);
}

/**
 * Changes the quantity or the agreed monthly price of an active service on the contract
 * (changeContractService). The dialog shows the service before and after; the API records the
 * change in the customer's history with both.
 */
export function ChangeContractService() {
  const line = useRecordContext<Line>();
  const dataProvider = useDataProvider<RegisterDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState(false);
  const [quantity, setQuantity] = useState('');
  const [price, setPrice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!line || line.removedDate) return null;

  const beforeQuantity = line.quantity ?? 0;
  const beforePrice = line.monthlyPriceCents ?? 0;
  const newQuantity = /^\d+$/.test(quantity.trim()) ? Number(quantity.trim()) : undefined;
  const newPrice = centsOf(price);
  const quantityProblem = quantity.trim() !== '' && (newQuantity === undefined || newQuantity < 1 || newQuantity > 1000);
  const priceProblem = price.trim() !== '' && newPrice === undefined;
  const afterQuantity = newQuantity ?? beforeQuantity;
  const afterPrice = newPrice ?? beforePrice;
  const changed = afterQuantity !== beforeQuantity || afterPrice !== beforePrice;

  const start = () => {
    setQuantity(String(beforeQuantity));
    setPrice((beforePrice / 100).toFixed(2));
    setError(undefined);
    setOpen(true);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!changed || quantityProblem || priceProblem) return;
    setBusy(true);
    setError(undefined);
    try {
      await dataProvider.command(ChangeContractServiceDocument, {
        contractLineId: line.id,
        ...(afterQuantity !== beforeQuantity ? { quantity: afterQuantity } : {}),
        ...(afterPrice !== beforePrice ? { monthlyPriceCents: afterPrice } : {}),
      });
      setOpen(false);
      notify('register.contracts.serviceChanged', { type: 'success' });
      refresh();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const euros = (cents: number) => formatEuros(cents, locale);
  return (
    <>
      <Button label="register.contracts.changeService" onClick={start} data-testid="change-service">
        <EditIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="change-service-title" fullWidth maxWidth="sm">
        <form onSubmit={submit}>
          <DialogTitle id="change-service-title">{translate('register.contracts.changeService')}</DialogTitle>
          <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
            <TextField
              label={translate('resources.contractLines.fields.quantity')}
              value={quantity}
              onChange={(event) => setQuantity(event.target.value)}
              error={quantityProblem}
              helperText={quantityProblem ? translate('register.validation.between', { min: 1, max: 1000 }) : ' '}
              size="small"
              slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'change-service-quantity' } }}
            />
            <TextField
              label={translate('resources.contractLines.fields.monthlyPriceCents')}
              value={price}
              onChange={(event) => setPrice(event.target.value)}
              error={priceProblem}
              helperText={priceProblem ? translate('register.contracts.priceHint') : ' '}
              size="small"
              slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'change-service-price' } }}
            />
            <Table size="small" aria-label={translate('register.contracts.beforeAfter')} data-testid="change-service-preview">
              <TableHead>
                <TableRow>
                  <TableCell />
                  <TableCell>{translate('register.contracts.before')}</TableCell>
                  <TableCell>{translate('register.contracts.after')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                <TableRow>
                  <TableCell>{translate('resources.contractLines.fields.quantity')}</TableCell>
                  <TableCell>{beforeQuantity}</TableCell>
                  <TableCell sx={{ fontWeight: afterQuantity !== beforeQuantity ? 600 : undefined }}>{afterQuantity}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>{translate('resources.contractLines.fields.monthlyPriceCents')}</TableCell>
                  <TableCell>{euros(beforePrice)}</TableCell>
                  <TableCell sx={{ fontWeight: afterPrice !== beforePrice ? 600 : undefined }}>{euros(afterPrice)}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>{translate('register.contracts.monthlyTotal')}</TableCell>
                  <TableCell>{euros(beforeQuantity * beforePrice)}</TableCell>
                  <TableCell sx={{ fontWeight: changed ? 600 : undefined }}>{euros(afterQuantity * afterPrice)}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
            {error ? (
              <Alert severity="error" data-testid="change-service-error">
                {error}
              </Alert>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <Button
              type="submit"
              variant="contained"
              label="register.contracts.changeServiceSave"
              disabled={busy || !changed || quantityProblem || priceProblem}
              data-testid="change-service-save"
            />
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
