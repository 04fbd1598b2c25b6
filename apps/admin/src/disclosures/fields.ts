import { dataMap, DATA_CATEGORIES, DATA_CATEGORY_LABELS } from '@register/schema';
import type { Locale } from '../i18n/fieldLabels';
import { date, dateTime, enumOf, longText, referenceTo, text, textList, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

export const DISCLOSURE_SPECS: FieldSpecs = {
  id: text,
  subjectKind: enumOf('DisclosureSubjectKind'),
  subjectId: text,
  customerId: referenceTo('customers'),
  recipient: { kind: 'text', helperText: 'register.disclosures.recipientHint' },
  legalBasis: enumOf('DisclosureLegalBasis'),
  legalBasisText: { kind: 'longText', helperText: 'register.disclosures.legalBasisTextHint' },
  categories: textList,
  fields: textList,
  disclosedOn: date,
  requestReference: text,
  note: { ...longText, helperText: 'register.disclosures.noteHint' },
  disclosedById: text,
  recordedAt: dateTime,
};

export const DISCLOSURE_COLUMNS = ['disclosedOn', 'recipient', 'legalBasis', 'subjectKind', 'customerId', 'requestReference'];
export const CUSTOMER_DISCLOSURE_COLUMNS = ['disclosedOn', 'recipient', 'legalBasis', 'subjectKind', 'requestReference'];

export const DISCLOSURE_SECTIONS: readonly Section[] = [
  { title: 'register.disclosures.sections.whom', fields: ['subjectKind', 'subjectId', 'customerId'] },
  { title: 'register.disclosures.sections.recipient', fields: ['recipient', 'legalBasis', 'legalBasisText', 'requestReference', 'disclosedOn'] },
  { title: 'register.disclosures.sections.what', fields: ['categories', 'fields', 'note'] },
  { title: 'register.disclosures.sections.record', fields: ['disclosedById', 'recordedAt', 'id'] },
];

/** The data categories of the data map, named in the UI language. */
export function categoryChoices(locale: Locale) {
  return DATA_CATEGORIES.map((category) => ({ id: category, name: DATA_CATEGORY_LABELS[category][locale] }));
}

/** Every field of the data map as Type.field, named "type — field" in the UI language. */
export function fieldChoices(locale: Locale) {
  return Object.entries(dataMap).flatMap(([type, classification]) =>
    Object.entries(classification.fields).map(([field, c]) => ({
      id: `${type}.${field}`,
      name: `${classification.label[locale]} — ${c.label[locale]}`,
    })),
  );
}
