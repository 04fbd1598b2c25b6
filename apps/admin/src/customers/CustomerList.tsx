import type { ReactNode } from 'react';
import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { useCustomerAccess, type CustomerAccess } from '../access/access';
import { LocalDateField } from '../common/LocalDateField';
import { WithheldOr } from '../common/Withheld';
import { KIND_CHOICES, MARKETING_CHANNEL_CHOICES, SOURCE_CHOICES, STATUS_CHOICES } from './choices';
import { LIST_COLUMNS, LIST_PER_PAGE, LIST_SORT, SORTABLE } from './fields';

/** Filters exist only for fields the roles may read (the API refuses the others). */
function customerFilters(access: CustomerAccess, searchHint: string) {
  const filters = [];
  if (['name', 'email', 'phone'].every((field) => access.readable.has(field))) {
    filters.push(<SearchInput
        key="q"
        source="q"
        alwaysOn
        placeholder={searchHint}
        sx={{ minWidth: 340 }}
        slotProps={{ htmlInput: { 'aria-label': searchHint, 'data-testid': 'customer-search' } }}
      />);
  }
  if (access.readable.has('kind')) {
    filters.push(<SelectInput key="kind" source="kind" choices={KIND_CHOICES} sx={{ minWidth: 200 }} />);
  }
  if (access.readable.has('status')) {
    filters.push(<SelectInput key="status" source="status" choices={STATUS_CHOICES} sx={{ minWidth: 200 }} />);
  }
  if (access.readable.has('city')) filters.push(<TextInput key="city" source="city" />);
  if (access.readable.has('postalCode')) filters.push(<TextInput key="postalCode" source="postalCode" />);
  if (access.readable.has('sourceType')) {
    filters.push(<SelectInput key="sourceType" source="sourceType" choices={SOURCE_CHOICES} sx={{ minWidth: 200 }} />);
  }
  if (access.readsMarketingPermissions) {
    filters.push(
      <SelectInput
        key="marketingChannel"
        source="marketingChannel"
        label="register.customers.marketingChannel"
        choices={MARKETING_CHANNEL_CHOICES}
        alwaysOn={access.roles.includes('marketing')}
      />,
    );
  }
  return filters;
}

function column(field: string) {
  const disableSort = !SORTABLE.has(field);
  const cell = (children: ReactNode) => (
    <DataTable.Col key={field} source={field} disableSort={disableSort}>
      {children}
    </DataTable.Col>
  );
  switch (field) {
    case 'kind':
      return cell(<SelectField source={field} choices={KIND_CHOICES} />);
    case 'status':
      return cell(<SelectField source={field} choices={STATUS_CHOICES} />);
    case 'createdAt':
    case 'updatedAt':
      return cell(<LocalDateField source={field} />);
    default:
      return cell(
        <WithheldOr source={field} compact>
          <TextField source={field} />
        </WithheldOr>,
      );
  }
}

export function CustomerList() {
  const access = useCustomerAccess();
  const translate = useTranslate();
  const columns = LIST_COLUMNS.filter((field) => access.readable.has(field));
  return (
    <List
      // Searches hold names: keep them in the address bar only, never in the browser's storage.
      storeKey={false}
      sort={LIST_SORT}
      perPage={LIST_PER_PAGE}
      filters={customerFilters(access, translate('register.customers.searchHint'))}
      exporter={false}
      actions={
        <TopToolbar>
          <FilterButton />
          {access.canCreate ? <CreateButton /> : null}
        </TopToolbar>
      }
      empty={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false} data-testid="customer-table">
        {columns.map(column)}
      </DataTable>
    </List>
  );
}
