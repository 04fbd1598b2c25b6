import { BooleanInput, DateInput, SelectInput, TextInput } from 'react-admin';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { daysFromToday, today } from '../common/dates';
import { SalesLinesInput } from '../common/LinesInput';
import { ResourceCreate, ResourceEdit } from '../common/ResourceForm';
import { filtersFor, ResourceList } from '../common/ResourceList';
import { RecordTitle, ResourceShow } from '../common/ResourceShow';
import { SalesLines } from '../common/SalesLines';
import { ORDER_COLUMNS, ORDER_SECTIONS, ORDER_SPECS, representOrder } from './fields';
import { orderQuery } from './query';

/** Orders by status, open or not, order date and number. */
export function OrderList() {
  const { readable } = useResourceAccess('orders');
  const filters = filtersFor(readable, [
    [['status'], <SelectInput key="status" source="status" choices={choicesOf('OrderStatus')} alwaysOn sx={{ minWidth: 200 }} />],
    [['status'], <BooleanInput key="open" source="open" label="register.orders.open" alwaysOn />],
    [['orderDate'], <DateInput key="orderedAfter" source="orderedAfter" label="register.orders.orderedAfter" />],
    [['orderDate'], <DateInput key="orderedBefore" source="orderedBefore" label="register.orders.orderedBefore" />],
    [['orderNumber'], <TextInput key="orderNumber" source="orderNumber" />],
  ]);
  return <ResourceList resource="orders" query={orderQuery} specs={ORDER_SPECS} columns={ORDER_COLUMNS} filters={filters} />;
}

export function OrderShow() {
  return (
    <ResourceShow resource="orders" specs={ORDER_SPECS} sections={ORDER_SECTIONS} represent={representOrder}>
      <SalesLines lineResource="orderLines" title="resources.orders.fields.lines" />
    </ResourceShow>
  );
}

export function OrderCreate() {
  const { creatable } = useResourceAccess('orders');
  return (
    <ResourceCreate
      resource="orders"
      specs={ORDER_SPECS}
      sections={ORDER_SECTIONS}
      defaultValues={{ orderDate: today(), deliveryDate: daysFromToday(7), deliveryCountry: 'FI', lines: [{ quantity: 1 }] }}
      // A new order is not delivered yet: the API sets NEW, and the delivery date comes with DELIVERED.
      // The planned delivery date may be left empty until one is agreed.
      options={{ required: ['customerId'], hide: ['status', 'deliveredAt'] }}
    >
      {creatable.has('lines') ? <SalesLinesInput lineResource="orderLines" /> : null}
    </ResourceCreate>
  );
}

/** Status and delivery; the lines of an order are fixed when it is made. */
export function OrderEdit() {
  return (
    <ResourceEdit
      resource="orders"
      specs={ORDER_SPECS}
      sections={ORDER_SECTIONS}
      title={<RecordTitle resource="orders" represent={representOrder} />}
    />
  );
}
