import { ResourceShow } from '../common/ResourceShow';
import { INVOICE_SECTIONS, INVOICE_SPECS, representInvoice } from './fields';
import { PaymentActions } from './PaymentActions';

export function InvoiceShow() {
  return (
    <ResourceShow
      resource="invoices"
      specs={INVOICE_SPECS}
      sections={INVOICE_SECTIONS}
      represent={representInvoice}
      actions={<PaymentActions />}
    />
  );
}
