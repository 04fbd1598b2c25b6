import { DataTable, List, TextArrayField, TextField, TextInput } from 'react-admin';
import { LocalDateField } from '../common/LocalDateField';

const filters = [
  <TextInput key="subjectId" source="subjectId" alwaysOn data-testid="audit-subject-filter" />,
  <TextInput key="actorId" source="actorId" />,
  <TextInput key="action" source="action" />,
];

/** What happened to whose data, by whom and from where — never the values themselves. */
export function AuditEventList() {
  return (
    <List
      storeKey={false}
      filters={filters}
      sort={{ field: 'seq', order: 'DESC' }}
      perPage={50}
      exporter={false}
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="seq" disableSort={false} />
        <DataTable.Col source="at" disableSort>
          <LocalDateField source="at" showTime />
        </DataTable.Col>
        <DataTable.Col source="actorType" disableSort />
        <DataTable.Col source="actorId" disableSort />
        <DataTable.Col source="operation" disableSort />
        <DataTable.Col source="action" disableSort />
        <DataTable.Col source="subjectId" disableSort />
        {/* A read of a page is one event naming every data subject on it. */}
        <DataTable.Col source="subjectIds" disableSort>
          <TextArrayField source="subjectIds" size="small" />
        </DataTable.Col>
        <DataTable.Col source="fields" disableSort>
          <TextArrayField source="fields" size="small" />
        </DataTable.Col>
        <DataTable.Col source="outcome" disableSort />
        <DataTable.Col source="client" disableSort>
          <TextField source="client" sx={{ fontSize: '0.75rem' }} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
