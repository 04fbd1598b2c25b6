import { TableCell } from '@mui/material';
import { memo, type ReactNode } from 'react';
import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useDataTableRenderContext,
  useLocaleState,
  useRecordContext,
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
 * A row's cell: MUI's TableCell with the text, and the classes react-admin's cell has
 * (`RaDataTable-rowCell column-<field>`). react-admin's DataTableCell wraps TableCell in a second
 * styled component and subscribes every cell to the store of hidden columns; the list has no
 * column chooser, and a page is 25 rows × up to 9 cells, styled as the first rows are drawn.
 */
const TextCell = memo(function TextCell({ source, text }: { source: string; text: (record: Row) => ReactNode }) {
  const record = useRecordContext<Row>();
  return <TableCell className={`RaDataTable-rowCell column-${source}`}>{record ? text(record) : null}</TableCell>;
});

/** A column of text: react-admin's column for the header, a TextCell in each row. */
function TextColumn({ source, disableSort, text }: { source: string; disableSort: boolean; text: (record: Row) => ReactNode }) {
  if (useDataTableRenderContext() === 'data') return <TextCell source={source} text={text} />;
  return <DataTable.Col source={source} disableSort={disableSort} render={text} />;
}

/**
 * A column whose cells are text, not a field component each: react-admin's fields (a styled
 * Typography per cell, with their hooks) were most of the time between the answer and the rows on
 * the screen. A withheld value still shows the note of WithheldOr.
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
    <TextColumn
      key={field}
      source={field}
      disableSort={!SORTABLE.has(field)}
      text={(record: Row) => (withheldFields(record).includes(field) ? <Withheld source={field} compact /> : text(record))}
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
