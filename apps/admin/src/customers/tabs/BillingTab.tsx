import { Stack } from '@mui/material';
import { BILLING_ACCOUNT_SPECS, CUSTOMER_BILLING_ACCOUNT_COLUMNS } from '../../billingAccounts/fields';
import { CUSTOMER_INVOICE_COLUMNS, INVOICE_SPECS } from '../../invoices/fields';
import { RelatedList } from './RelatedList';

/** How the customer is billed, and the invoices. */
export function BillingTab() {
  return (
    <Stack spacing={2}>
      <RelatedList
        resource="billingAccounts"
        specs={BILLING_ACCOUNT_SPECS}
        columns={CUSTOMER_BILLING_ACCOUNT_COLUMNS}
        sort={{ field: 'createdAt', order: 'DESC' }}
        createLabel="register.customers.newBillingAccount"
      />
      <RelatedList
        resource="invoices"
        specs={INVOICE_SPECS}
        columns={CUSTOMER_INVOICE_COLUMNS}
        sort={{ field: 'issueDate', order: 'DESC' }}
        createLabel="register.customers.newInvoice"
      />
    </Stack>
  );
}
