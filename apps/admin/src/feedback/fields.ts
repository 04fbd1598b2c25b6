import { integerBetween } from '../common/validators';
import { dateTime, enumOf, longText, PROVENANCE_FIELDS, PROVENANCE_SPECS, referenceTo, text, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

export const FEEDBACK_SPECS: FieldSpecs = {
  id: text,
  customerId: referenceTo('customers'),
  kind: enumOf('FeedbackKind'),
  surveyName: text,
  question: text,
  score: { kind: 'integer', validate: integerBetween(0, 10) },
  text: longText,
  givenAt: dateTime,
  consent: { kind: 'text', helperText: 'register.hints.consent' },
  ...PROVENANCE_SPECS,
};

export const FEEDBACK_COLUMNS = ['givenAt', 'customerId', 'kind', 'surveyName', 'score', 'text'];
export const CUSTOMER_FEEDBACK_COLUMNS = FEEDBACK_COLUMNS.filter((field) => field !== 'customerId');

export const FEEDBACK_SECTIONS: readonly Section[] = [
  { title: 'register.sections.feedback', fields: ['customerId', 'kind', 'givenAt', 'consent'] },
  { title: 'register.sections.survey', fields: ['surveyName', 'question', 'score'] },
  { title: 'register.sections.words', fields: ['text'] },
  { title: 'register.sections.provenance', fields: PROVENANCE_FIELDS },
];

export const SURVEY_ONLY = ['surveyName', 'question', 'score'];
