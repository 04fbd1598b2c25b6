import PaidIcon from '@mui/icons-material/Paid';
import GavelIcon from '@mui/icons-material/Gavel';
import MarkEmailUnreadIcon from '@mui/icons-material/MarkEmailUnread';
import UndoIcon from '@mui/icons-material/Undo';
import { Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import type { InvoiceStatus } from '@register/schema';
import { useState, type ReactElement } from 'react';
import { Button, Confirm, useNotify, useRecordContext, useRefresh, useTranslate, useUpdate } from 'react-admin';
import { useResourceAccess } from '../access/access';
import { today } from '../common/dates';

/** Payment and collection: what may follow each status (PAID and CREDITED are final). */
const NEXT: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  OPEN: ['PAID', 'REMINDER_SENT', 'CREDITED'],
  REMINDER_SENT: ['PAID', 'IN_COLLECTION', 'CREDITED'],
  IN_COLLECTION: ['PAID', 'CREDITED'],
  PAID: [],
  CREDITED: [],
};

/** What each step writes besides the status (the API requires it). */
const NEEDS: Readonly<Partial<Record<InvoiceStatus, string>>> = {
  PAID: 'paidDate',
  REMINDER_SENT: 'reminderSentDate',
  IN_COLLECTION: 'collectionAgency',
};

const ICONS: Readonly<Partial<Record<InvoiceStatus, ReactElement>>> = {
  PAID: <PaidIcon />,
  REMINDER_SENT: <MarkEmailUnreadIcon />,
  IN_COLLECTION: <GavelIcon />,
  CREDITED: <UndoIcon />,
};

/**
 * Billing's buttons on an invoice: mark it paid, send a payment reminder, hand it to collection,
 * credit it — the steps its status allows, where the roles may change what the step writes.
 */
export function PaymentActions() {
  const record = useRecordContext<{ id: string; status?: InvoiceStatus | null }>();
  const access = useResourceAccess('invoices');
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [update, { isPending }] = useUpdate();
  const [asking, setAsking] = useState<InvoiceStatus | undefined>();
  const [agency, setAgency] = useState('');
  if (!record?.status || !access.updatable.has('status')) return null;

  const steps = NEXT[record.status].filter((status) => {
    const needed = NEEDS[status];
    return !needed || access.updatable.has(needed);
  });

  const run = (status: InvoiceStatus, extra: Record<string, unknown> = {}) => {
    update(
      'invoices',
      { id: record.id, data: { status, ...extra }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          notify('register.invoices.statusChanged', {
            type: 'success',
            messageArgs: { status: translate(`register.enums.InvoiceStatus.${status}`) },
          });
          refresh();
        },
        onError: (error) => notify(error instanceof Error ? error.message : String(error), { type: 'error' }),
      },
    );
    setAsking(undefined);
  };

  const start = (status: InvoiceStatus) => {
    if (status === 'PAID') run('PAID', { paidDate: today() });
    else if (status === 'REMINDER_SENT') run('REMINDER_SENT', { reminderSentDate: today() });
    else setAsking(status);
  };

  return (
    <>
      {steps.map((status) => (
        <Button
          key={status}
          label={`register.invoices.actions.${status}`}
          onClick={() => start(status)}
          disabled={isPending}
          data-testid={`invoice-action-${status}`}
        >
          {ICONS[status]}
        </Button>
      ))}
      <Confirm
        isOpen={asking === 'CREDITED'}
        title="register.invoices.actions.CREDITED"
        content="register.invoices.creditConfirm"
        onConfirm={() => run('CREDITED')}
        onClose={() => setAsking(undefined)}
      />
      <Dialog open={asking === 'IN_COLLECTION'} onClose={() => setAsking(undefined)}>
        <DialogTitle>{translate('register.invoices.actions.IN_COLLECTION')}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            margin="dense"
            label={translate('resources.invoices.fields.collectionAgency')}
            value={agency}
            onChange={(event) => setAgency(event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'collection-agency' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setAsking(undefined)} />
          <Button
            label="ra.action.confirm"
            variant="contained"
            disabled={agency.trim() === ''}
            onClick={() => run('IN_COLLECTION', { collectionAgency: agency.trim() })}
          />
        </DialogActions>
      </Dialog>
    </>
  );
}
