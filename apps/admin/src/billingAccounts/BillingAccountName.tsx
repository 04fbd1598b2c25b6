import { useRecordContext, useTranslate } from 'react-admin';

/** A billing account as a reference shows it: its method and where the invoices go. */
export function BillingAccountName() {
  const record = useRecordContext<{ method?: string | null; eInvoiceAddress?: string | null; invoiceEmail?: string | null; city?: string | null }>();
  const translate = useTranslate();
  if (!record) return null;
  const method = record.method ? translate(`register.enums.BillingMethod.${record.method}`) : '';
  const where = record.method === 'E_INVOICE' ? record.eInvoiceAddress : record.method === 'EMAIL' ? record.invoiceEmail : record.city;
  return <span>{[method, where].filter(Boolean).join(' · ')}</span>;
}
