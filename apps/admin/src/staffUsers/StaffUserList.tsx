import { BooleanField, ChipField, DataTable, List, useRecordContext, useTranslate } from 'react-admin';
import { Stack } from '@mui/material';
import { LocalDateField } from '../common/LocalDateField';

function Roles() {
  const record = useRecordContext<{ roles: string[] }>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.roles.map((role) => (
        <ChipField key={role} record={{ id: role, name: translate(`register.roles.${role}`) }} source="name" size="small" />
      ))}
    </Stack>
  );
}

/** The members of staff who sign in to the register (read-only for now). */
export function StaffUserList() {
  return (
    <List sort={{ field: 'username', order: 'ASC' }} exporter={false} storeKey={false}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="username" />
        <DataTable.Col source="displayName" />
        <DataTable.Col source="roles" disableSort>
          <Roles />
        </DataTable.Col>
        <DataTable.Col source="active" disableSort>
          <BooleanField source="active" />
        </DataTable.Col>
        <DataTable.Col source="totpEnabled" disableSort>
          <BooleanField source="totpEnabled" />
        </DataTable.Col>
        <DataTable.Col source="lastLoginAt" disableSort>
          <LocalDateField source="lastLoginAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="lockedUntil" disableSort>
          <LocalDateField source="lockedUntil" showTime />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <LocalDateField source="createdAt" showTime />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
