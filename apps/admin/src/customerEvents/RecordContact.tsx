import { Box, Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DateTimeInput,
  Form,
  required,
  SaveButton,
  SelectInput,
  TextInput,
  useCreate,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';

/** A call, e-mail, visit or chat with the customer, recorded on the timeline (customer service, sales, dpo). */
export function RecordContact({ customerId }: { customerId: string }) {
  const access = useResourceAccess('customerEvents');
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [create, { isPending }] = useCreate();
  const [key, setKey] = useState(0);
  if (!access.canCreate) return null;
  const submit = (values: Record<string, unknown>) =>
    create(
      'customerEvents',
      { data: { ...values, customerId } },
      {
        onSuccess: () => {
          notify('register.history.contactRecorded', { type: 'success' });
          setKey((value) => value + 1);
          refresh();
        },
        onError: (error) => notify(error instanceof Error ? error.message : String(error), { type: 'error' }),
      },
    );
  return (
    <Card variant="outlined" component="section" data-testid="record-contact">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
          {translate('register.history.recordContact')}
        </Typography>
        <Form key={key} onSubmit={submit} resource="customerEvents" defaultValues={{ channel: 'PHONE' }}>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <SelectInput
              source="channel"
              choices={choicesOf('ContactChannel')}
              validate={required()}
              fullWidth={false}
              sx={{ minWidth: 200 }}
            />
            <DateTimeInput source="at" helperText="register.history.atHint" fullWidth={false} />
          </Box>
          <TextInput
            source="summary"
            multiline
            minRows={2}
            fullWidth
            validate={required()}
            helperText="register.history.summaryHint"
            slotProps={{ htmlInput: { 'data-testid': 'contact-summary', maxLength: 2000 } }}
          />
          <SaveButton label="register.history.record" disabled={isPending} data-testid="contact-save" />
        </Form>
      </CardContent>
    </Card>
  );
}
