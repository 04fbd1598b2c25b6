import ShoppingCartCheckoutIcon from '@mui/icons-material/ShoppingCartCheckout';
import { Box, Dialog, DialogContent, DialogTitle } from '@mui/material';
import { canRead, canWrite, ConvertQuotationToOrderDocument } from '@register/schema';
import { useState } from 'react';
import {
  Button,
  DateInput,
  Form,
  SaveButton,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { usePrincipal } from '../access/access';
import { postalCodeValidator } from '../common/validators';
import { daysFromToday } from '../common/dates';
import type { RegisterDataProvider } from '../dataProvider';
import type { ApiErrorBody } from '../dataProvider/errors';
import { CONVERTIBLE_STATUSES } from './fields';

/** Converting changes the quotation's status and makes an order of its customer and lines. */
export function useMayConvert(): boolean {
  const principal = usePrincipal();
  return (
    canRead(principal, 'Quotation', 'id') &&
    canWrite(principal, 'Quotation', 'status', 'update') &&
    canWrite(principal, 'Order', 'customerId', 'create') &&
    canWrite(principal, 'Order', 'lines', 'create')
  );
}

const DELIVERY_FIELDS = ['deliveryDate', 'recipientName', 'deliveryStreetAddress', 'deliveryPostalCode', 'deliveryCity'] as const;

/**
 * "Convert to order": a NEW order of a SENT or ACCEPTED quotation that has not expired, with the
 * delivery details given here (all optional); the quotation becomes CONVERTED.
 */
export function ConvertToOrder() {
  const quotation = useRecordContext<{ id: string; status?: string | null }>();
  const mayConvert = useMayConvert();
  const principal = usePrincipal();
  const dataProvider = useDataProvider<RegisterDataProvider>();
  const notify = useNotify();
  const navigate = useNavigate();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!quotation || !mayConvert || !CONVERTIBLE_STATUSES.includes(quotation.status ?? '')) return null;
  const fields = DELIVERY_FIELDS.filter((field) => canWrite(principal, 'Order', field, 'create'));

  /** The API's input errors are returned to the form, which shows each on its field. */
  const convert = async (values: Record<string, unknown>) => {
    const delivery = Object.fromEntries(fields.filter((field) => values[field]).map((field) => [field, values[field]]));
    try {
      const { data } = await dataProvider.command(ConvertQuotationToOrderDocument, { quotationId: quotation.id, ...delivery });
      notify('register.quotations.converted', { type: 'success', messageArgs: { number: data.orderNumber } });
      setOpen(false);
      navigate(`/orders/${data.id}/show`);
      return undefined;
    } catch (error) {
      const fieldErrors = (error as { body?: ApiErrorBody }).body?.errors;
      if (fieldErrors) return fieldErrors;
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
      return undefined;
    }
  };

  return (
    <>
      <Button label="register.quotations.convert" onClick={() => setOpen(true)} data-testid="quotation-convert">
        <ShoppingCartCheckoutIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('register.quotations.convert')}</DialogTitle>
        <DialogContent>
          <Form onSubmit={convert} resource="orders" defaultValues={{ deliveryDate: daysFromToday(7) }}>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', columnGap: 2 }}>
              {fields.includes('deliveryDate') ? <DateInput source="deliveryDate" helperText="register.hints.deliveryDate" /> : null}
              {fields.includes('recipientName') ? <TextInput source="recipientName" /> : null}
              {fields.includes('deliveryStreetAddress') ? <TextInput source="deliveryStreetAddress" /> : null}
              {fields.includes('deliveryPostalCode') ? (
                <TextInput source="deliveryPostalCode" validate={postalCodeValidator('deliveryCountry')} />
              ) : null}
              {fields.includes('deliveryCity') ? <TextInput source="deliveryCity" /> : null}
            </Box>
            <SaveButton label="register.quotations.convertConfirm" alwaysEnable data-testid="quotation-convert-confirm" />
          </Form>
        </DialogContent>
      </Dialog>
    </>
  );
}
