import { SearchInput, useTranslate } from 'react-admin';
import { useResourceAccess } from '../access/access';
import { ResourceCreate, ResourceEdit } from '../common/ResourceForm';
import { filtersFor, ResourceList } from '../common/ResourceList';
import { RecordTitle, ResourceShow } from '../common/ResourceShow';
import { CONTACT_PERSON_COLUMNS, CONTACT_PERSON_SECTIONS, CONTACT_PERSON_SPECS, representContactPerson } from './fields';
import { contactPersonQuery } from './query';

export function ContactPersonList() {
  const { readable } = useResourceAccess('contactPersons');
  const hint = useTranslate()('register.customers.searchHint');
  const filters = filtersFor(readable, [
    [['name', 'email', 'phone'], <SearchInput key="q" source="q" alwaysOn placeholder={hint} sx={{ minWidth: 340 }} />],
  ]);
  return (
    <ResourceList
      resource="contactPersons"
      query={contactPersonQuery}
      specs={CONTACT_PERSON_SPECS}
      columns={CONTACT_PERSON_COLUMNS}
      filters={filters}
    />
  );
}

export function ContactPersonShow() {
  return (
    <ResourceShow
      resource="contactPersons"
      specs={CONTACT_PERSON_SPECS}
      sections={CONTACT_PERSON_SECTIONS}
      represent={representContactPerson}
    />
  );
}

/** A contact person belongs to a business customer. */
export function ContactPersonCreate() {
  return (
    <ResourceCreate
      resource="contactPersons"
      specs={CONTACT_PERSON_SPECS}
      sections={CONTACT_PERSON_SECTIONS}
      defaultValues={{ country: 'FI' }}
      options={{ required: ['customerId', 'name'], props: { customerId: { referenceFilter: { kind: 'BUSINESS' } } } }}
    />
  );
}

export function ContactPersonEdit() {
  return (
    <ResourceEdit
      resource="contactPersons"
      specs={CONTACT_PERSON_SPECS}
      sections={CONTACT_PERSON_SECTIONS}
      title={<RecordTitle resource="contactPersons" represent={representContactPerson} />}
      options={{ required: ['name'] }}
    />
  );
}
