import { Card, CardContent, Typography } from '@mui/material';
import { ReferenceManyField, SelectInput, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { daysFromToday, today } from '../common/dates';
import { SalesLinesInput } from '../common/LinesInput';
import { ResourceCreate, ResourceEdit, ResourceInputs } from '../common/ResourceForm';
import { filtersFor, ResourceList } from '../common/ResourceList';
import { RecordTitle, ResourceShow } from '../common/ResourceShow';
import { ResourceTable } from '../common/ResourceTable';
import { SalesLines } from '../common/SalesLines';
import { CUSTOMER_ORDER_COLUMNS, ORDER_SPECS } from '../orders/fields';
import { ConvertToOrder } from './ConvertToOrder';
import { QUOTATION_COLUMNS, QUOTATION_SECTIONS, QUOTATION_SPECS, representQuotation, SETTABLE_STATUSES } from './fields';
import { quotationQuery } from './query';

export function QuotationList() {
  const { readable } = useResourceAccess('quotations');
  const filters = filtersFor(readable, [
    [['status'], <SelectInput key="status" source="status" choices={choicesOf('QuotationStatus')} alwaysOn sx={{ minWidth: 200 }} />],
    [['quotationNumber'], <TextInput key="quotationNumber" source="quotationNumber" />],
  ]);
  return (
    <ResourceList resource="quotations" query={quotationQuery} specs={QUOTATION_SPECS} columns={QUOTATION_COLUMNS} filters={filters} />
  );
}

/** The order a quotation became (order ↔ quotation). */
function QuotationOrders() {
  const quotation = useRecordContext<{ status?: string | null }>();
  const translate = useTranslate();
  const orders = useResourceAccess('orders');
  if (!orders.canList || quotation?.status !== 'CONVERTED') return null;
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate('register.quotations.orders')}
        </Typography>
        <ReferenceManyField reference="orders" target="quotationId">
          <ResourceTable specs={ORDER_SPECS} columns={CUSTOMER_ORDER_COLUMNS} readable={orders.readable} />
        </ReferenceManyField>
      </CardContent>
    </Card>
  );
}

export function QuotationShow() {
  return (
    <ResourceShow
      resource="quotations"
      specs={QUOTATION_SPECS}
      sections={QUOTATION_SECTIONS}
      represent={representQuotation}
      actions={<ConvertToOrder />}
    >
      <SalesLines lineResource="quotationLines" title="resources.quotations.fields.lines" />
      <QuotationOrders />
    </ResourceShow>
  );
}

/** The lines can be replaced while the quotation is a draft. */
function QuotationInputs({ writable, creating }: { writable: ReadonlySet<string>; creating: boolean }) {
  const status = useWatch({ name: 'status' }) as string | undefined;
  const record = useRecordContext<{ status?: string | null }>();
  const draft = creating || record?.status === 'DRAFT';
  return (
    <>
      <ResourceInputs
        specs={QUOTATION_SPECS}
        sections={QUOTATION_SECTIONS}
        writable={writable}
        options={{
          required: creating ? ['customerId'] : [],
          props: { status: { only: creating ? ['DRAFT', 'SENT'] : SETTABLE_STATUSES } },
        }}
      />
      {writable.has('lines') && draft && status !== 'CONVERTED' ? <SalesLinesInput lineResource="quotationLines" /> : null}
    </>
  );
}

export function QuotationCreate() {
  return (
    <ResourceCreate
      resource="quotations"
      specs={QUOTATION_SPECS}
      sections={QUOTATION_SECTIONS}
      defaultValues={{ quotationDate: today(), validUntil: daysFromToday(30), status: 'DRAFT', lines: [{ quantity: 1 }] }}
      renderInputs={(writable) => <QuotationInputs writable={writable} creating />}
    />
  );
}

export function QuotationEdit() {
  return (
    <ResourceEdit
      resource="quotations"
      specs={QUOTATION_SPECS}
      sections={QUOTATION_SECTIONS}
      title={<RecordTitle resource="quotations" represent={representQuotation} />}
      renderInputs={(writable) => <QuotationInputs writable={writable} creating={false} />}
    />
  );
}
