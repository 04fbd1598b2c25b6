import { DateInput, SelectInput } from 'react-admin';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { ResourceCreate } from '../common/ResourceForm';
import { filtersFor, ResourceList } from '../common/ResourceList';
import { ResourceShow } from '../common/ResourceShow';
import { CONTACT_SECTIONS, CUSTOMER_EVENT_COLUMNS, CUSTOMER_EVENT_SECTIONS, CUSTOMER_EVENT_SPECS } from './fields';
import { customerEventQuery } from './query';

/** Every customer's history in one list, by kind and time. */
export function CustomerEventList() {
  const { readable } = useResourceAccess('customerEvents');
  const filters = filtersFor(readable, [
    [['kind'], <SelectInput key="kind" source="kind" choices={choicesOf('CustomerEventKind')} alwaysOn sx={{ minWidth: 200 }} />],
    [['at'], <DateInput key="after" source="after" label="register.history.after" alwaysOn />],
    [['at'], <DateInput key="before" source="before" label="register.history.before" />],
  ]);
  return (
    <ResourceList
      resource="customerEvents"
      query={customerEventQuery}
      specs={CUSTOMER_EVENT_SPECS}
      columns={CUSTOMER_EVENT_COLUMNS}
      filters={filters}
    />
  );
}

export function CustomerEventShow() {
  return (
    <ResourceShow
      resource="customerEvents"
      specs={CUSTOMER_EVENT_SPECS}
      sections={CUSTOMER_EVENT_SECTIONS}
      represent={(record) => `${record.at ?? ''}`}
    />
  );
}

export function CustomerEventCreate() {
  return (
    <ResourceCreate
      resource="customerEvents"
      specs={CUSTOMER_EVENT_SPECS}
      sections={CONTACT_SECTIONS}
      defaultValues={{ channel: 'PHONE' }}
      options={{ required: ['customerId', 'channel', 'summary'], props: { channel: {} } }}
    />
  );
}
