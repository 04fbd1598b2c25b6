import { Card, CardContent, Typography } from '@mui/material';
import { ArrayField, DataTable, useRecordContext, useTranslate } from 'react-admin';
import { SALES_LINE_COLUMNS, SALES_LINE_SPECS } from '../orders/fields';
import { RecordField } from './RecordField';

/** What an order or a quotation is for, line by line (its `lines`). */
export function SalesLines({ lineResource, title }: { lineResource: 'orderLines' | 'quotationLines'; title: string }) {
  const record = useRecordContext<{ lines?: unknown[] | null }>();
  const translate = useTranslate();
  if (!record || !Array.isArray(record.lines)) return null;
  return (
    <Card variant="outlined" data-testid={lineResource}>
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate(title)}
        </Typography>
        <ArrayField source="lines" resource={lineResource}>
          <DataTable bulkActionButtons={false} rowClick={false}>
            {SALES_LINE_COLUMNS.map((field) => (
              <DataTable.Col key={field} source={field} label={`resources.${lineResource}.fields.${field}`} disableSort>
                <RecordField source={field} spec={SALES_LINE_SPECS[field]!} compact />
              </DataTable.Col>
            ))}
          </DataTable>
        </ArrayField>
      </CardContent>
    </Card>
  );
}
