import { dateTime, enumOf, referenceTo, text, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

export const MARKETING_PERMIT_ENTRY_SPECS: FieldSpecs = {
  id: text,
  customerId: referenceTo('customers'),
  contactPersonId: referenceTo('contactPersons'),
  channel: enumOf('MarketingChannel'),
  decision: enumOf('MarketingDecision'),
  recordedAt: dateTime,
  source: enumOf('MarketingSource'),
  sourcePartner: text,
  sourceType: enumOf('DataSource'),
  collectedAt: dateTime,
  recordedById: text,
  evidence: { kind: 'longText', helperText: 'register.marketing.evidenceHint' },
};

export const MARKETING_PERMIT_ENTRY_COLUMNS = ['recordedAt', 'customerId', 'channel', 'decision', 'source', 'evidence'];
export const CUSTOMER_MARKETING_PERMIT_ENTRY_COLUMNS = ['recordedAt', 'channel', 'decision', 'source', 'contactPersonId', 'evidence'];

export const MARKETING_PERMIT_ENTRY_SECTIONS: readonly Section[] = [
  { title: 'register.sections.decision', fields: ['customerId', 'contactPersonId', 'channel', 'decision', 'recordedAt'] },
  { title: 'register.sections.howGiven', fields: ['source', 'sourcePartner', 'evidence'] },
  { title: 'register.sections.provenance', fields: ['sourceType', 'collectedAt', 'recordedById'] },
];

/** What a form of a decision offers, in order (the API takes exactly these). */
export const DECISION_SECTIONS: readonly Section[] = [
  { title: 'register.sections.decision', fields: ['customerId', 'channel', 'decision', 'contactPersonId'] },
  { title: 'register.sections.howGiven', fields: ['source', 'sourcePartner', 'evidence'] },
];

