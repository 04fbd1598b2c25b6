import { Card, CardContent, Stack } from '@mui/material';
import { ReferenceManyField, useRecordContext } from 'react-admin';
import { RecordContact } from '../../customerEvents/RecordContact';
import { Timeline } from '../../customerEvents/Timeline';

/** The customer's history, newest first, and a customer contact to record. */
export function HistoryTab() {
  const customer = useRecordContext();
  if (!customer) return null;
  return (
    <Stack spacing={2}>
      <RecordContact customerId={String(customer.id)} />
      <Card variant="outlined">
        <CardContent>
          <ReferenceManyField reference="customerEvents" target="customerId" sort={{ field: 'at', order: 'DESC' }} perPage={25}>
            <Timeline />
          </ReferenceManyField>
        </CardContent>
      </Card>
    </Stack>
  );
}
