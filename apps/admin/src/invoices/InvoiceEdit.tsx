import { ResourceEdit } from '../common/ResourceForm';
import { RecordTitle } from '../common/ResourceShow';
import { INVOICE_SECTIONS, INVOICE_SPECS, representInvoice } from './fields';

/** What can change on an issued invoice: its due date while open, payment and collection. */
export function InvoiceEdit() {
  return (
    <ResourceEdit
      resource="invoices"
      specs={INVOICE_SPECS}
      sections={INVOICE_SECTIONS}
      title={<RecordTitle resource="invoices" represent={representInvoice} />}
    />
  );
}
