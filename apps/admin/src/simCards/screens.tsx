import { SelectInput, TextInput } from 'react-admin';
import { useLocation } from 'react-router-dom';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { ResourceCreate, ResourceEdit } from '../common/ResourceForm';
import { filtersFor, ResourceList, SHOW_FILTER_ERROR } from '../common/ResourceList';
import { RecordTitle, ResourceShow } from '../common/ResourceShow';
import { validateIccid } from '../common/validators';
import { representSimCard, SIM_CARD_COLUMNS, SIM_CARD_SECTIONS, SIM_CARD_SPECS } from './fields';
import { simCardQuery } from './query';

export function SimCardList() {
  const { readable } = useResourceAccess('simCards');
  const filters = filtersFor(readable, [
    [
      ['iccid'],
      <TextInput
        key="iccid"
        source="iccid"
        alwaysOn
        validate={validateIccid}
        sx={SHOW_FILTER_ERROR}
        slotProps={{ htmlInput: { 'data-testid': 'filter-iccid' } }}
      />,
    ],
    [['status'], <SelectInput key="status" source="status" choices={choicesOf('SimCardStatus')} alwaysOn sx={{ minWidth: 200 }} />],
  ]);
  return <ResourceList resource="simCards" query={simCardQuery} specs={SIM_CARD_SPECS} columns={SIM_CARD_COLUMNS} filters={filters} />;
}

export function SimCardShow() {
  return <ResourceShow resource="simCards" specs={SIM_CARD_SPECS} sections={SIM_CARD_SECTIONS} represent={representSimCard} />;
}

/** A SIM card is added to a DRAFT or ACTIVE contract; its ICCID is checked as it is typed. */
export function SimCardCreate() {
  const state = useLocation().state as { record?: { customerId?: string } } | null;
  const customerId = state?.record?.customerId;
  return (
    <ResourceCreate
      resource="simCards"
      specs={SIM_CARD_SPECS}
      sections={SIM_CARD_SECTIONS}
      defaultValues={{ status: 'ORDERED' }}
      options={{
        required: ['contractId', 'iccid'],
        props: { contractId: { referenceFilter: customerId ? { customerId } : undefined } },
      }}
    />
  );
}

/** Only the status changes: activate, suspend, close (a closed card is never reopened). */
export function SimCardEdit() {
  return (
    <ResourceEdit
      resource="simCards"
      specs={SIM_CARD_SPECS}
      sections={SIM_CARD_SECTIONS}
      title={<RecordTitle resource="simCards" represent={representSimCard} />}
    />
  );
}
