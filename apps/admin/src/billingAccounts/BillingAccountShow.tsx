import { Card, CardContent, Typography } from '@mui/material';
import { ReferenceManyField, useTranslate } from 'react-admin';
import { useResourceAccess } from '../access/access';
import { ResourceShow } from '../common/ResourceShow';
import { ResourceTable } from '../common/ResourceTable';
import { CUSTOMER_INVOICE_COLUMNS, INVOICE_SPECS } from '../invoices/fields';
import { BILLING_ACCOUNT_SECTIONS, BILLING_ACCOUNT_SPECS, representBillingAccount } from './fields';

function AccountInvoices() {
  const translate = useTranslate();
  const invoices = useResourceAccess('invoices');
  if (!invoices.canList) return null;
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate('resources.invoices.name', { smart_count: 2 })}
        </Typography>
        <ReferenceManyField reference="invoices" target="billingAccountId" perPage={10} sort={{ field: 'issueDate', order: 'DESC' }}>
          <ResourceTable specs={INVOICE_SPECS} columns={CUSTOMER_INVOICE_COLUMNS} readable={invoices.readable} />
        </ReferenceManyField>
      </CardContent>
    </Card>
  );
}

export function BillingAccountShow() {
  return (
    <ResourceShow
      resource="billingAccounts"
      specs={BILLING_ACCOUNT_SPECS}
      sections={BILLING_ACCOUNT_SECTIONS}
      represent={representBillingAccount}
    >
      <AccountInvoices />
    </ResourceShow>
  );
}
