import { dateTime, enumOf, json, PROVENANCE_SPECS, referenceTo, text, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

export const CUSTOMER_EVENT_SPECS: FieldSpecs = {
  id: text,
  customerId: referenceTo('customers'),
  at: dateTime,
  kind: enumOf('CustomerEventKind'),
  summary: { kind: 'longText', helperText: 'register.history.summaryHint' },
  before: json,
  after: json,
  channel: enumOf('ContactChannel'),
  staffUserId: text,
  recordType: text,
  recordId: text,
  sourceType: PROVENANCE_SPECS.sourceType!,
  sourcePartner: text,
  collectedAt: dateTime,
};

export const CUSTOMER_EVENT_COLUMNS = ['at', 'customerId', 'kind', 'channel', 'summary'];

export const CUSTOMER_EVENT_SECTIONS: readonly Section[] = [
  { title: 'register.sections.event', fields: ['at', 'customerId', 'kind', 'channel', 'summary'] },
  { title: 'register.sections.change', fields: ['recordType', 'recordId', 'before', 'after'] },
  { title: 'register.sections.provenance', fields: ['staffUserId', 'sourceType', 'sourcePartner', 'collectedAt'] },
];

/** What a customer contact records. */
export const CONTACT_SECTIONS: readonly Section[] = [
  { title: 'register.history.recordContact', fields: ['customerId', 'channel', 'at', 'summary'] },
];

