import AddIcon from '@mui/icons-material/Add';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutline';
import { Box, Card, CardContent, Typography } from '@mui/material';
import { AddContractServiceDocument, canRead, canWrite, RemoveContractServiceDocument } from '@register/schema';
import { useState } from 'react';
import {
  ArrayField,
  AutocompleteInput,
  Button,
  Confirm,
  DataTable,
  Form,
  NumberInput,
  ReferenceInput,
  required,
  SaveButton,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { usePrincipal } from '../access/access';
import { MoneyInput } from '../common/money';
import { RecordField } from '../common/RecordField';
import type { RegisterDataProvider } from '../dataProvider';
import { ChangeContractService } from './ChangeContractService';
import { CONTRACT_LINE_COLUMNS, CONTRACT_LINE_SPECS } from './fields';

/** Services are added to and removed from DRAFT and ACTIVE contracts only. */
const OPEN_STATUSES = ['DRAFT', 'ACTIVE'];

function useCanChangeServices() {
  const principal = usePrincipal();
  return canWrite(principal, 'Contract', 'lines', 'update') && canRead(principal, 'Contract', 'id');
}

function useCommand() {
  const dataProvider = useDataProvider<RegisterDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  return async (document: Parameters<RegisterDataProvider['command']>[0], variables: Record<string, unknown>, message: string) => {
    try {
      await dataProvider.command(document, variables);
      notify(message, { type: 'success' });
      refresh();
      return true;
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
      return false;
    }
  };
}

function RemoveService() {
  const line = useRecordContext<{ id: string; removedDate?: string | null }>();
  const command = useCommand();
  const [open, setOpen] = useState(false);
  if (!line || line.removedDate) return null;
  return (
    <>
      <Button label="register.contracts.removeService" onClick={() => setOpen(true)} data-testid="remove-service">
        <RemoveCircleOutlineIcon />
      </Button>
      <Confirm
        isOpen={open}
        title="register.contracts.removeService"
        content="register.contracts.removeServiceConfirm"
        onConfirm={async () => {
          setOpen(false);
          await command(RemoveContractServiceDocument, { contractLineId: line.id }, 'register.contracts.serviceRemoved');
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

function AddService({ contractId }: { contractId: string }) {
  const command = useCommand();
  const translate = useTranslate();
  const [key, setKey] = useState(0);
  return (
    <Form
      key={key}
      onSubmit={async (values: Record<string, unknown>) => {
        const done = await command(
          AddContractServiceDocument,
          {
            contractId,
            serviceProductId: values.serviceProductId,
            quantity: values.quantity ?? undefined,
            monthlyPriceCents: values.monthlyPriceCents ?? undefined,
          },
          'register.contracts.serviceAdded',
        );
        if (done) setKey((value) => value + 1);
      }}
    >
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        {translate('register.contracts.addService')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <ReferenceInput source="serviceProductId" reference="serviceProducts" filter={{ active: true }}>
          <AutocompleteInput
            validate={required()}
            sx={{ minWidth: 300 }}
            filterToQuery={(text: string) => (text.trim().length >= 3 ? { q: text.trim() } : {})}
          />
        </ReferenceInput>
        <NumberInput source="quantity" step={1} min={1} defaultValue={1} sx={{ width: 110 }} />
        <MoneyInput source="monthlyPriceCents" sx={{ width: 170 }} />
        <SaveButton label="register.contracts.addService" icon={<AddIcon />} sx={{ mt: 1 }} alwaysEnable={false} />
      </Box>
    </Form>
  );
}

/** The services of the contract in context, with add and remove where the roles may change them. */
export function ContractLines() {
  const contract = useRecordContext<{ id: string; status?: string | null; lines?: unknown[] | null }>();
  const translate = useTranslate();
  const canChange = useCanChangeServices();
  if (!contract || !Array.isArray(contract.lines)) return null;
  const open = OPEN_STATUSES.includes(contract.status ?? '');
  return (
    <Card variant="outlined" data-testid="contract-lines">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate('resources.contracts.fields.lines')}
        </Typography>
        <ArrayField source="lines" resource="contractLines">
          <DataTable bulkActionButtons={false} rowClick={false}>
            {CONTRACT_LINE_COLUMNS.map((field) => (
              <DataTable.Col key={field} source={field} label={`resources.contractLines.fields.${field}`} disableSort>
                <RecordField source={field} spec={CONTRACT_LINE_SPECS[field]!} compact />
              </DataTable.Col>
            ))}
            {canChange && open ? (
              <DataTable.Col label=" " disableSort>
                <ChangeContractService />
                <RemoveService />
              </DataTable.Col>
            ) : null}
          </DataTable>
        </ArrayField>
        {canChange && open ? <AddService contractId={contract.id} /> : null}
      </CardContent>
    </Card>
  );
}
