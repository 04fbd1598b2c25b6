import { Box } from '@mui/material';
import { AutocompleteArrayInput, DateInput, SelectArrayInput, SelectInput, TextInput, useLocaleState } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useLocation } from 'react-router-dom';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { ResourceCreate, ResourceInputs } from '../common/ResourceForm';
import { filtersFor, ResourceList } from '../common/ResourceList';
import { ResourceShow } from '../common/ResourceShow';
import { RecordInput } from '../common/RecordInput';
import { today } from '../common/dates';
import { categoryChoices, DISCLOSURE_COLUMNS, DISCLOSURE_SECTIONS, DISCLOSURE_SPECS, fieldChoices } from './fields';
import { disclosureQuery } from './query';

const represent = (record: Record<string, unknown>) => `${record.recipient ?? ''} ${record.disclosedOn ?? ''}`.trim();

/** Disclosures to authorities, newest first (dpo). */
export function DisclosureList() {
  const { readable } = useResourceAccess('disclosures');
  const filters = filtersFor(readable, [
    [['recipient'], <TextInput key="recipient" source="recipient" alwaysOn />],
    [['legalBasis'], <SelectInput key="legalBasis" source="legalBasis" choices={choicesOf('DisclosureLegalBasis')} alwaysOn sx={{ minWidth: 220 }} />],
    [['disclosedOn'], <DateInput key="from" source="disclosedFrom" label="register.disclosures.from" alwaysOn />],
    [['disclosedOn'], <DateInput key="to" source="disclosedTo" label="register.disclosures.to" alwaysOn />],
    [['subjectId'], <TextInput key="subjectId" source="subjectId" />],
  ]);
  return <ResourceList resource="disclosures" query={disclosureQuery} specs={DISCLOSURE_SPECS} columns={DISCLOSURE_COLUMNS} filters={filters} />;
}

export function DisclosureShow() {
  return <ResourceShow resource="disclosures" specs={DISCLOSURE_SPECS} sections={DISCLOSURE_SECTIONS} represent={represent} />;
}

/** The person: a customer chosen from the register, or a contact person's id. */
function SubjectInput() {
  const kind = useWatch({ name: 'subjectKind' }) as string | undefined;
  return (
    <RecordInput
      source="subjectId"
      spec={kind === 'CONTACT_PERSON' ? { kind: 'reference', reference: 'contactPersons' } : { kind: 'reference', reference: 'customers' }}
      required
    />
  );
}

function DisclosureInputs({ writable }: { writable: ReadonlySet<string> }) {
  const [locale] = useLocaleState();
  const language = locale === 'fi' ? 'fi' : 'en';
  const generic = new Set([...writable].filter((field) => !['subjectId', 'categories', 'fields'].includes(field)));
  const [whom, recipient, what] = DISCLOSURE_SECTIONS;
  const required = { required: ['subjectKind', 'recipient', 'legalBasis', 'legalBasisText', 'disclosedOn'] };
  return (
    <>
      <ResourceInputs specs={DISCLOSURE_SPECS} sections={[whom!]} writable={generic} options={required} />
      {writable.has('subjectId') ? (
        <Box sx={{ width: '100%', maxWidth: 960, mt: -1, mb: 2 }}>
          <SubjectInput />
        </Box>
      ) : null}
      <ResourceInputs specs={DISCLOSURE_SPECS} sections={[recipient!]} writable={generic} options={required} />
      <ResourceInputs specs={DISCLOSURE_SPECS} sections={[what!]} writable={generic} />
      <Box sx={{ width: '100%', maxWidth: 960 }}>
        {writable.has('categories') ? (
          <SelectArrayInput
            source="categories"
            choices={categoryChoices(language)}
            fullWidth
            helperText="register.disclosures.whatHint"
            data-testid="input-categories"
          />
        ) : null}
        {writable.has('fields') ? (
          <AutocompleteArrayInput source="fields" choices={fieldChoices(language)} fullWidth helperText="register.disclosures.whatHint" />
        ) : null}
      </Box>
    </>
  );
}

/** Records a disclosure. It cannot be changed afterwards: the API and the database refuse it. */
export function DisclosureCreate() {
  // From a customer's page the disclosure starts with that customer as the person.
  const fromCustomer = (useLocation().state as { record?: { customerId?: string } } | null)?.record?.customerId;
  return (
    <ResourceCreate
      resource="disclosures"
      specs={DISCLOSURE_SPECS}
      sections={DISCLOSURE_SECTIONS}
      defaultValues={{ subjectKind: 'CUSTOMER', disclosedOn: today(), ...(fromCustomer ? { subjectId: fromCustomer } : {}) }}
      transform={({ customerId: _customerId, ...values }: Record<string, unknown>) => values}
      renderInputs={(writable) => <DisclosureInputs writable={writable} />}
    />
  );
}
