import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useLocaleState,
  useTranslate,
  type TranslateFunction,
} from 'react-admin';
import { useCustomerAccess, type CustomerAccess } from '../access/access';
import { formatLocalDate } from '../common/formatDate';
import { Withheld } from '../common/Withheld';
import { withheldFields } from '../dataProvider/fieldErrors';
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

type Row = Record<string, unknown>;

const choiceName = (choices: readonly { id: string; name: string }[], value: unknown) => choices.find((choice) => choice.id === value)?.name;

/**
 * A column whose cells are text, not a field component each: a page is 25 rows × up to 9 columns,
 * and react-admin's fields (a styled Typography per cell, with their hooks) were most of the time
 * between the answer and the rows on the screen. The cell (a td with `column-<field>`) is the same;
 * a withheld value still shows the note of WithheldOr.
 */
function column(field: string, translate: TranslateFunction, locale: string) {
  const text = (() => {
    switch (field) {
      case 'kind':
        return (record: Row) => translateChoice(translate, choiceName(KIND_CHOICES, record.kind));
      case 'status':
        return (record: Row) => translateChoice(translate, choiceName(STATUS_CHOICES, record.status));
      case 'createdAt':
      case 'updatedAt':
        return (record: Row) => formatLocalDate(record[field], locale);
      default:
        return (record: Row) => (record[field] === null || record[field] === undefined ? undefined : String(record[field]));
    }
  })();
  return (
    <DataTable.Col
      key={field}
      source={field}
      disableSort={!SORTABLE.has(field)}
      render={(record: Row) => (withheldFields(record).includes(field) ? <Withheld source={field} compact /> : text(record))}
    />
  );
}

function translateChoice(translate: TranslateFunction, name: string | undefined) {
  return name === undefined ? undefined : translate(name, { _: name });
}

export function CustomerList() {
  const access = useCustomerAccess();
  const translate = useTranslate();
  const [locale] = useLocaleState();
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
        {columns.map((field) => column(field, translate, locale))}
      </DataTable>
    </List>
  );
}
