import type { FieldClassification, StaffRole, TypeClassification } from './model.js';

// Survey answers and feedback given by the customer, or collected with their consent (section 4
// of the registry description). Customer service handles them, sales reads them; analysts get
// aggregates only (later), never a customer's own words.
const READERS: readonly StaffRole[] = ['service', 'sales', 'dpo'];
const WRITERS: readonly StaffRole[] = ['service', 'dpo'];

/** Feedback serves the relationship for a while, not for as long as the customer stays. */
const FROM_RECORD = { after: 'record-created', months: 36 } as const;
const PURPOSES: FieldClassification['purposes'] = ['customer-relationship', 'statistics'];

const feedbackField = (
  en: string,
  fi: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'feedback',
  personal: true,
  purposes: PURPOSES,
  read: { roles: READERS },
  write: { roles: WRITERS },
  erasure: { strategy: 'delete' },
  retention: FROM_RECORD,
  ...overrides,
});

const recordField = (
  en: string,
  fi: string,
  category: FieldClassification['category'],
  reason: string,
  write: readonly StaffRole[] = [],
): FieldClassification =>
  feedbackField(en, fi, {
    category,
    personal: false,
    purposes: ['customer-relationship'],
    write: { roles: write },
    erasure: { strategy: 'none', reason },
  });

export const feedbackMap: TypeClassification = {
  label: { en: 'Feedback and survey answer', fi: 'Palaute ja kyselyvastaus' },
  subject: 'customerId',
  fields: {
    id: recordField('Feedback id', 'Palautteen tunniste', 'feedback', 'an opaque key that identifies nobody once the rest is gone'),
    customerId: {
      ...recordField('Customer', 'Asiakas', 'feedback', 'the customer number, an opaque key'),
      write: { roles: [], onCreate: WRITERS },
      storage: ['customer_id'],
    },
    kind: feedbackField('Kind (survey answer, free feedback, complaint)', 'Laji (kyselyvastaus, vapaa palaute, reklamaatio)', {
      personal: false,
      erasure: { strategy: 'none', reason: 'one of three kinds, says nothing about the person' },
    }),
    surveyName: feedbackField('Survey', 'Kysely', {
      personal: false,
      erasure: { strategy: 'none', reason: 'names the survey, not the person' },
    }),
    question: feedbackField('Question', 'Kysymys', {
      personal: false,
      erasure: { strategy: 'none', reason: 'the question asked, the same for everyone' },
    }),
    score: feedbackField('Score (0–10)', 'Arvosana (0–10)', { providedBySubject: true }),
    text: feedbackField('Feedback in the customer’s words', 'Palaute asiakkaan sanoin', {
      providedBySubject: true,
      note: 'Free text: it may name other people or contain anything the customer chose to write.',
    }),
    givenAt: feedbackField('Given at', 'Annettu'),
    consent: feedbackField('Consent it was given under', 'Suostumus, jonka perusteella se annettiin', {
      note: 'Section 4: feedback is given by the customer or otherwise collected with their consent.',
    }),
    sourceType: recordField('Source of the data', 'Tietolähde', 'provenance', 'says where data came from, not who the person is', ['dpo']),
    sourcePartner: recordField(
      'Partner register the data came from',
      'Kumppanirekisteri, josta tiedot saatiin',
      'provenance',
      'names the partner, not the person',
      ['dpo'],
    ),
    collectedAt: recordField('Time of collection', 'Keruuajankohta', 'provenance', 'a time, not an identifier', ['dpo']),
    createdAt: recordField('Record created', 'Tietue luotu', 'lifecycle', 'a time, not an identifier'),
    updatedAt: recordField('Record last changed', 'Tietuetta muutettu', 'lifecycle', 'a time, not an identifier'),
  },
};
