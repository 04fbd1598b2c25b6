import type { ReactElement, ReactNode } from 'react';
import { CreateButton, FilterButton, List, TopToolbar } from 'react-admin';
import { useResourceAccess } from '../access/access';
import type { ResourceQuery } from '../dataProvider/resourceQuery';
import type { ResourceName } from '../resources';
import type { FieldSpecs } from './fieldSpec';
import { ResourceTable } from './ResourceTable';

export interface ResourceListProps {
  resource: ResourceName;
  query: ResourceQuery;
  specs: FieldSpecs;
  columns: readonly string[];
  /** The list's filters; build them with `filtersFor` so that only usable ones exist. */
  filters?: ReactElement<{ alwaysOn?: boolean }>[];
  actions?: ReactNode;
  perPage?: number;
  children?: ReactNode;
}

/**
 * A resource's list: the columns the roles may read, the filters they may use, a create button
 * where they may create. Filter values stay in the address bar only (never in the browser's
 * storage): they can hold personal data.
 */
export function ResourceList({ resource, query, specs, columns, filters, actions, perPage = 25, children }: ResourceListProps) {
  const access = useResourceAccess(resource);
  return (
    <List
      storeKey={false}
      sort={query.defaultSort}
      perPage={perPage}
      filters={filters}
      exporter={false}
      actions={
        <TopToolbar>
          {filters?.some((filter) => !filter.props.alwaysOn) ? <FilterButton /> : null}
          {actions}
          {access.canCreate ? <CreateButton data-testid={`${resource}-create`} /> : null}
        </TopToolbar>
      }
      empty={false}
    >
      <ResourceTable specs={specs} columns={columns} readable={access.readable} sortable={query.sortFields} testId={`${resource}-table`}>
        {children}
      </ResourceTable>
    </List>
  );
}

/**
 * The filters a list offers: each with the fields it reads, kept only where the roles may read
 * all of them (the API refuses a filter on a field the role cannot read).
 */
export function filtersFor(
  readable: ReadonlySet<string>,
  filters: readonly [readonly string[], ReactElement<{ alwaysOn?: boolean }>][],
): ReactElement<{ alwaysOn?: boolean }>[] {
  return filters.filter(([fields]) => fields.every((field) => readable.has(field))).map(([, element]) => element);
}

/**
 * react-admin hides helper texts in filter forms; a filter checked as it is typed (an ICCID, a
 * reference number) shows its error, and the list is not filtered by an invalid value meanwhile.
 */
export const SHOW_FILTER_ERROR = { '& .MuiFormHelperText-root.Mui-error': { display: 'block' } } as const;
