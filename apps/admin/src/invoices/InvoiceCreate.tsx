import { useLocation } from 'react-router-dom';
import { daysFromToday, today } from '../common/dates';
import { ResourceCreate } from '../common/ResourceForm';
import { INVOICE_SECTIONS, INVOICE_SPECS } from './fields';

/** Issues an invoice: its number and reference number come from the API. */
export function InvoiceCreate() {
  const state = useLocation().state as { record?: { customerId?: string } } | null;
  const customerId = state?.record?.customerId;
  return (
    <ResourceCreate
      resource="invoices"
      specs={INVOICE_SPECS}
      sections={INVOICE_SECTIONS}
      defaultValues={{ issueDate: today(), dueDate: daysFromToday(14) }}
      options={{
        required: ['billingAccountId', 'dueDate', 'netAmountCents', 'vatAmountCents'],
        props: { billingAccountId: { referenceFilter: customerId ? { customerId } : undefined } },
      }}
    />
  );
}
