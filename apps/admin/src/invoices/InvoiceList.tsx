import { BooleanInput, DateInput, SelectInput, TextInput } from 'react-admin';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { filtersFor, ResourceList, SHOW_FILTER_ERROR } from '../common/ResourceList';
import { validateInvoiceReference } from '../common/validators';
import { INVOICE_COLUMNS, INVOICE_SPECS } from './fields';
import { invoiceQuery } from './query';

/** Invoices by payment and collection status, due dates, overdue, reference number. */
export function InvoiceList() {
  const { readable } = useResourceAccess('invoices');
  const filters = filtersFor(readable, [
    [['status'], <SelectInput key="status" source="status" choices={choicesOf('InvoiceStatus')} alwaysOn sx={{ minWidth: 240 }} />],
    [['status', 'dueDate'], <BooleanInput key="overdue" source="overdue" label="register.invoices.overdue" alwaysOn />],
    [['dueDate'], <DateInput key="dueAfter" source="dueAfter" label="register.invoices.dueAfter" />],
    [['dueDate'], <DateInput key="dueBefore" source="dueBefore" label="register.invoices.dueBefore" />],
    [
      ['referenceNumber'],
      <TextInput
        key="referenceNumber"
        source="referenceNumber"
        label="resources.invoices.fields.referenceNumber"
        alwaysOn
        validate={validateInvoiceReference}
        sx={SHOW_FILTER_ERROR}
        slotProps={{ htmlInput: { 'data-testid': 'filter-referenceNumber' } }}
      />,
    ],
  ]);
  return <ResourceList resource="invoices" query={invoiceQuery} specs={INVOICE_SPECS} columns={INVOICE_COLUMNS} filters={filters} />;
}
