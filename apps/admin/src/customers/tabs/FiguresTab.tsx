import { Alert, Card, CardContent } from '@mui/material';
import { Loading, RecordContextProvider, ResourceContextProvider, useGetOne, useRecordContext, useTranslate } from 'react-admin';
import { useResourceAccess } from '../../access/access';
import { date, enumOf, integer, money, type FieldSpecs } from '../../common/fieldSpec';
import { FieldSections } from '../../common/ResourceShow';

const FIGURE_SPECS: FieldSpecs = {
  segment: enumOf('CustomerSegment'),
  monthlyValueCents: money,
  activeServices: integer,
  openInvoices: integer,
  customerSince: date,
};

/** Figures compiled from the register on every read (never entered by hand). */
export function FiguresTab() {
  const customer = useRecordContext();
  const translate = useTranslate();
  const access = useResourceAccess('customerFigures');
  const { data, isPending, error } = useGetOne('customerFigures', { id: String(customer?.id) }, { enabled: Boolean(customer) });
  if (isPending) return <Loading />;
  if (error || !data) return <Alert severity="warning">{translate('register.customers.figuresUnavailable')}</Alert>;
  return (
    <ResourceContextProvider value="customerFigures">
      <RecordContextProvider value={data}>
        <Card variant="outlined" data-testid="customer-figures">
          <CardContent>
            <FieldSections
              resource="customerFigures"
              specs={FIGURE_SPECS}
              readable={access.readable}
              sections={[{ title: 'register.customers.tabs.figures', fields: Object.keys(FIGURE_SPECS) }]}
            />
            <Alert severity="info" variant="outlined">
              {translate('register.customers.figuresNote')}
            </Alert>
          </CardContent>
        </Card>
      </RecordContextProvider>
    </ResourceContextProvider>
  );
}
