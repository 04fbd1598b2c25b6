import { SelectInput } from 'react-admin';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { ResourceCreate } from '../common/ResourceForm';
import { filtersFor, ResourceList } from '../common/ResourceList';
import { ResourceShow } from '../common/ResourceShow';
import { DECISION_DEFAULTS, DecisionInputs } from './DecisionInputs';
import {
  DECISION_SECTIONS,
  MARKETING_PERMIT_ENTRY_COLUMNS,
  MARKETING_PERMIT_ENTRY_SECTIONS,
  MARKETING_PERMIT_ENTRY_SPECS,
} from './fields';
import { marketingPermitEntryQuery } from './query';

/** The ledger: every permit and prohibition with its time, source and who recorded it. */
export function MarketingPermitEntryList() {
  const { readable } = useResourceAccess('marketingPermitEntries');
  const filters = filtersFor(readable, [
    [['channel'], <SelectInput key="channel" source="channel" choices={choicesOf('MarketingChannel')} alwaysOn sx={{ minWidth: 200 }} />],
    [['decision'], <SelectInput key="decision" source="decision" choices={choicesOf('MarketingDecision')} alwaysOn sx={{ minWidth: 200 }} />],
    [['source'], <SelectInput key="source" source="source" choices={choicesOf('MarketingSource')} sx={{ minWidth: 200 }} />],
  ]);
  return (
    <ResourceList
      resource="marketingPermitEntries"
      query={marketingPermitEntryQuery}
      specs={MARKETING_PERMIT_ENTRY_SPECS}
      columns={MARKETING_PERMIT_ENTRY_COLUMNS}
      filters={filters}
    />
  );
}

export function MarketingPermitEntryShow() {
  return (
    <ResourceShow
      resource="marketingPermitEntries"
      specs={MARKETING_PERMIT_ENTRY_SPECS}
      sections={MARKETING_PERMIT_ENTRY_SECTIONS}
      represent={(record) => `${record.channel ?? ''} ${record.decision ?? ''}`}
    />
  );
}

/** Records a decision; it is in force when the API answers. The ledger is never edited. */
export function MarketingPermitEntryCreate() {
  return (
    <ResourceCreate
      resource="marketingPermitEntries"
      specs={MARKETING_PERMIT_ENTRY_SPECS}
      sections={DECISION_SECTIONS}
      defaultValues={DECISION_DEFAULTS}
      redirect="list"
      renderInputs={(writable) => <DecisionInputs writable={writable} />}
    />
  );
}
