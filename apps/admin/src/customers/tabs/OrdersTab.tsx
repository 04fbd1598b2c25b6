import { Stack } from '@mui/material';
import { CUSTOMER_ORDER_COLUMNS, ORDER_SPECS } from '../../orders/fields';
import { CUSTOMER_QUOTATION_COLUMNS, QUOTATION_SPECS } from '../../quotations/fields';
import { RelatedList } from './RelatedList';

/** The customer's quotations and orders (an order made of a quotation links back to it). */
export function OrdersTab() {
  return (
    <Stack spacing={2}>
      <RelatedList
        resource="quotations"
        specs={QUOTATION_SPECS}
        columns={CUSTOMER_QUOTATION_COLUMNS}
        sort={{ field: 'quotationNumber', order: 'DESC' }}
        createLabel="register.customers.newQuotation"
      />
      <RelatedList
        resource="orders"
        specs={ORDER_SPECS}
        columns={CUSTOMER_ORDER_COLUMNS}
        sort={{ field: 'orderNumber', order: 'DESC' }}
        createLabel="register.customers.newOrder"
      />
    </Stack>
  );
}
