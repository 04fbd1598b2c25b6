import type { ReactNode } from 'react';
import { DataTable, type DataTableProps } from 'react-admin';
import type { FieldSpecs } from './fieldSpec';
import { RecordField } from './RecordField';

export interface ResourceTableProps {
  specs: FieldSpecs;
  /** Columns in order; only those the roles may read are shown. */
  columns: readonly string[];
  readable: ReadonlySet<string>;
  /** The fields the API sorts by; the others cannot be sorted. */
  sortable?: readonly string[];
  rowClick?: DataTableProps['rowClick'];
  /** Extra cells at the end (e.g. actions). */
  children?: ReactNode;
  testId?: string;
}

/** The table of a list or of a customer's tab: one column per readable field. */
export function ResourceTable({ specs, columns, readable, sortable = [], rowClick = 'show', children, testId }: ResourceTableProps) {
  return (
    <DataTable rowClick={rowClick} bulkActionButtons={false} data-testid={testId}>
      {columns
        .filter((field) => readable.has(field) && specs[field])
        .map((field) => (
          <DataTable.Col key={field} source={field} disableSort={!sortable.includes(field)}>
            <RecordField source={field} spec={specs[field]!} compact />
          </DataTable.Col>
        ))}
      {children}
    </DataTable>
  );
}
