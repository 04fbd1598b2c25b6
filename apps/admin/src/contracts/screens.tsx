import AddIcon from '@mui/icons-material/Add';
import { Card, CardContent, Typography } from '@mui/material';
import { AutocompleteInput, Button, DateInput, ReferenceInput, ReferenceManyField, SelectInput, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { today } from '../common/dates';
import { ContractLinesInput } from '../common/LinesInput';
import { ResourceCreate, ResourceEdit } from '../common/ResourceForm';
import { filtersFor, ResourceList } from '../common/ResourceList';
import { RecordTitle, ResourceShow } from '../common/ResourceShow';
import { ResourceTable } from '../common/ResourceTable';
import { CONTRACT_SIM_CARD_COLUMNS, SIM_CARD_SPECS } from '../simCards/fields';
import { ContractLines } from './ContractLines';
import { CONTRACT_COLUMNS, CONTRACT_SECTIONS, CONTRACT_SPECS, representContract } from './fields';
import { contractQuery } from './query';

/** Contracts by status, start date and service. */
export function ContractList() {
  const { readable } = useResourceAccess('contracts');
  const filters = filtersFor(readable, [
    [['status'], <SelectInput key="status" source="status" choices={choicesOf('ContractStatus')} alwaysOn sx={{ minWidth: 200 }} />],
    [
      ['lines'],
      <ReferenceInput key="serviceProductId" source="serviceProductId" reference="serviceProducts" alwaysOn>
        <AutocompleteInput
          label="register.contracts.service"
          filterToQuery={(text: string) => (text.trim().length >= 3 ? { q: text.trim() } : {})}
          sx={{ minWidth: 260 }}
        />
      </ReferenceInput>,
    ],
    [['startDate'], <DateInput key="startAfter" source="startAfter" label="register.contracts.startAfter" />],
    [['startDate'], <DateInput key="startBefore" source="startBefore" label="register.contracts.startBefore" />],
    [['contractNumber'], <TextInput key="contractNumber" source="contractNumber" />],
  ]);
  return <ResourceList resource="contracts" query={contractQuery} specs={CONTRACT_SPECS} columns={CONTRACT_COLUMNS} filters={filters} />;
}

function ContractSimCards() {
  const contract = useRecordContext<{ id: string; customerId?: string | null }>();
  const translate = useTranslate();
  const simCards = useResourceAccess('simCards');
  if (!contract || !simCards.canList) return null;
  return (
    <Card variant="outlined" data-testid="contract-sim-cards">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate('resources.simCards.name', { smart_count: 2 })}
        </Typography>
        <ReferenceManyField reference="simCards" target="contractId" perPage={50} sort={{ field: 'createdAt', order: 'DESC' }}>
          <ResourceTable specs={SIM_CARD_SPECS} columns={CONTRACT_SIM_CARD_COLUMNS} readable={simCards.readable} />
        </ReferenceManyField>
        {simCards.canCreate ? (
          <Button
            component={Link}
            to={{ pathname: '/simCards/create', state: { record: { contractId: contract.id, customerId: contract.customerId } } }}
            label="register.contracts.addSimCard"
          >
            <AddIcon />
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

export function ContractShow() {
  return (
    <ResourceShow resource="contracts" specs={CONTRACT_SPECS} sections={CONTRACT_SECTIONS} represent={representContract}>
      <ContractLines />
      <ContractSimCards />
    </ResourceShow>
  );
}

/** A new contract with its services; sales opens it as a DRAFT (it cannot set the status). */
export function ContractCreate() {
  const { creatable } = useResourceAccess('contracts');
  return (
    <ResourceCreate
      resource="contracts"
      specs={CONTRACT_SPECS}
      sections={CONTRACT_SECTIONS}
      defaultValues={{ startDate: today(), ...(creatable.has('status') ? { status: 'DRAFT' } : {}), lines: [] }}
      options={{ required: ['customerId', 'startDate'] }}
    >
      {creatable.has('lines') ? <ContractLinesInput /> : null}
    </ResourceCreate>
  );
}

/** Status and end date; ending a contract ends its services and closes its SIM cards. */
export function ContractEdit() {
  return (
    <ResourceEdit
      resource="contracts"
      specs={CONTRACT_SPECS}
      sections={CONTRACT_SECTIONS}
      title={<RecordTitle resource="contracts" represent={representContract} />}
    />
  );
}
