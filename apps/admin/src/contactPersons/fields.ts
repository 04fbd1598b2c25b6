import { postalCodeValidator } from '../common/validators';
import { email, phone, PROVENANCE_FIELDS, PROVENANCE_SPECS, referenceTo, text, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

export const CONTACT_PERSON_SPECS: FieldSpecs = {
  id: text,
  customerId: referenceTo('customers'),
  name: text,
  email,
  phone,
  streetAddress: text,
  postalCode: { kind: 'text', validate: postalCodeValidator('country') },
  city: text,
  country: { kind: 'text', helperText: 'register.hints.country' },
  roleInCompany: text,
  position: text,
  ...PROVENANCE_SPECS,
};

export const CONTACT_PERSON_COLUMNS = ['name', 'customerId', 'position', 'roleInCompany', 'email', 'phone', 'city'];
export const CUSTOMER_CONTACT_PERSON_COLUMNS = CONTACT_PERSON_COLUMNS.filter((field) => field !== 'customerId');

export const CONTACT_PERSON_SECTIONS: readonly Section[] = [
  { title: 'register.sections.person', fields: ['name', 'customerId', 'position', 'roleInCompany'] },
  { title: 'register.sections.contact', fields: ['email', 'phone', 'streetAddress', 'postalCode', 'city', 'country'] },
  { title: 'register.sections.provenance', fields: PROVENANCE_FIELDS },
];

export const representContactPerson = (record: Record<string, unknown>) => `${record.name ?? record.id}`;
