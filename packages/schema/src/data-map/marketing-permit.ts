import type { FieldClassification, RowCondition, StaffRole, TypeClassification } from './model.js';

/*
 * Direct marketing (section 3 of the registry description, promise 6 of PRODUCT.md): an
 * append-only ledger of permits and prohibitions per channel, the current state derived from it,
 * and the export a campaign is sent from. A prohibition takes effect at once and everywhere: the
 * `marketing` role reads a customer only while a channel permits marketing, and each contact
 * field only for its own channel (MARKETING_CUSTOMER_READS below, applied to Customer in index.ts).
 */

/** Who reads the ledger and the current state: those who talk to customers, and the DPO. */
const LEDGER_READERS: readonly StaffRole[] = ['service', 'sales', 'marketing', 'dpo'];
/**
 * Who may record a decision. Any of them may record a PROHIBIT; a PERMIT only service and dpo (a
 * customer's consent is recorded by staff who talked to the customer) — a rule on the value,
 * enforced by the mutation's rule in the API (modules/marketing/marketing.rules.ts).
 */
const RECORDERS: readonly StaffRole[] = ['service', 'sales', 'marketing', 'dpo'];
const AUDIENCE_READERS: readonly StaffRole[] = ['marketing', 'dpo'];

/** Consent and objections are kept while they can be needed as proof (GDPR Art. 7(1), Art. 21). */
const AFTER_RELATIONSHIP = { after: 'relationship-end', months: 36 } as const;
const MARKETING: FieldClassification['purposes'] = ['marketing'];

const entryField = (
  en: string,
  fi: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'marketing',
  personal: true,
  purposes: MARKETING,
  read: { roles: LEDGER_READERS },
  write: { roles: [], onCreate: RECORDERS },
  erasure: { strategy: 'delete' },
  retention: AFTER_RELATIONSHIP,
  ...overrides,
});

const systemSet = { write: { roles: [] } } as const;

export const marketingPermitEntryMap: TypeClassification = {
  label: { en: 'Direct-marketing permit or prohibition (ledger entry)', fi: 'Suoramarkkinointilupa tai -kielto (kirjaus)' },
  subject: 'customerId',
  mutations: { create: 'recordMarketingDecision' },
  fields: {
    id: entryField('Entry number', 'Kirjauksen numero', {
      category: 'identity',
      personal: false,
      ...systemSet,
      erasure: { strategy: 'none', reason: 'an opaque key that identifies nobody once the rest is gone' },
    }),
    customerId: entryField('Customer', 'Asiakas', { category: 'identity', personal: false }),
    contactPersonId: entryField('Contact person of a business customer', 'Yritysasiakkaan yhteyshenkilö', {
      category: 'identity',
      personal: false,
      note: 'Set when the decision is a contact person’s own (each contact person is a data subject).',
    }),
    channel: entryField('Marketing channel', 'Markkinointikanava', { providedBySubject: true }),
    decision: entryField('Permit or prohibition', 'Lupa tai kielto', { providedBySubject: true }),
    recordedAt: entryField('Recorded at', 'Kirjausaika', { personal: false, ...systemSet }),
    source: entryField('How the decision was given', 'Miten päätös annettiin'),
    sourcePartner: entryField('Partner register the decision came from', 'Kumppanirekisteri, josta päätös saatiin', {
      category: 'provenance',
      personal: false,
    }),
    sourceType: entryField('Source of the data', 'Tietolähde', {
      category: 'provenance',
      personal: false,
      ...systemSet,
      note: 'PARTNER when the decision came from a partner register, otherwise DATA_SUBJECT.',
    }),
    collectedAt: entryField('Time of collection', 'Keruuajankohta', { category: 'provenance', personal: false, ...systemSet }),
    recordedById: entryField('Recorded by (staff user)', 'Kirjaaja (käyttäjä)', {
      category: 'provenance',
      personal: false,
      ...systemSet,
      note: 'The signed-in staff member who recorded the decision; set by the system.',
    }),
    evidence: entryField('Evidence (what the customer said, sent or signed)', 'Näyttö (mitä asiakas sanoi, lähetti tai allekirjoitti)'),
  },
};

const derived = (en: string, fi: string, personal = true): FieldClassification => ({
  label: { en, fi },
  category: 'marketing',
  personal,
  purposes: MARKETING,
  read: { roles: LEDGER_READERS, when: { marketing: 'marketing-permitted' } },
  write: { roles: [] },
  erasure: { strategy: 'none', reason: 'derived from the ledger and recomputed from it: goes with its entries' },
  retention: AFTER_RELATIONSHIP,
});

const channelFields = (key: string, en: string, fi: string): Record<string, FieldClassification> => ({
  [key]: derived(`${en} marketing permitted now`, `${fi}markkinointi sallittu nyt`),
  [`${key}DecidedAt`]: derived(`${en}: time of the deciding entry`, `${fi}: ratkaisevan kirjauksen aika`),
  [`${key}Source`]: derived(`${en}: source of the deciding entry`, `${fi}: ratkaisevan kirjauksen lähde`),
});

/** The current state per channel, derived from the ledger (the latest entry wins, else the law's default). */
export const marketingPermissionsMap: TypeClassification = {
  label: { en: 'Current direct-marketing permissions', fi: 'Voimassa olevat suoramarkkinointiluvat' },
  subject: 'customerId',
  fields: {
    customerId: derived('Customer', 'Asiakas', false),
    ...channelFields('email', 'E-mail', 'Sähköposti'),
    ...channelFields('sms', 'SMS', 'Tekstiviesti'),
    ...channelFields('phone', 'Telephone', 'Puhelin'),
    ...channelFields('post', 'Postal', 'Posti'),
  },
};

const audienceField = (en: string, fi: string, category: FieldClassification['category'], personal = true): FieldClassification => ({
  label: { en, fi },
  category,
  personal,
  purposes: MARKETING,
  read: { roles: AUDIENCE_READERS },
  write: { roles: [] },
  erasure: { strategy: 'none', reason: 'a view of the customer record, computed on request: erased with it' },
  retention: AFTER_RELATIONSHIP,
});

/**
 * One row of a marketing export for one channel: only customers whose current state permits the
 * channel, and only the contact data of that channel (the rest is null).
 */
export const marketingAudienceMemberMap: TypeClassification = {
  label: { en: 'Marketing audience (export row)', fi: 'Markkinoinnin kohderyhmä (vientirivi)' },
  subject: 'customerId',
  fields: {
    customerId: audienceField('Customer number', 'Asiakasnumero', 'identity', false),
    channel: audienceField('Marketing channel', 'Markkinointikanava', 'marketing', false),
    kind: audienceField('Customer type (private or business)', 'Asiakastyyppi (yksityinen tai yritys)', 'identity', false),
    name: audienceField('Name (person or company)', 'Nimi (henkilö tai yritys)', 'identity'),
    email: audienceField('E-mail address (e-mail channel only)', 'Sähköpostiosoite (vain sähköpostikanava)', 'contact'),
    phone: audienceField('Telephone number (SMS and phone channels only)', 'Puhelinnumero (vain tekstiviesti- ja puhelinkanava)', 'contact'),
    streetAddress: audienceField('Street address (post only)', 'Katuosoite (vain posti)', 'contact'),
    postalCode: audienceField('Postal code (post only)', 'Postinumero (vain posti)', 'contact'),
    city: audienceField('Post office (post only)', 'Postitoimipaikka (vain posti)', 'contact'),
    country: audienceField('Country (post only)', 'Maa (vain posti)', 'contact'),
  },
};

/**
 * How `marketing` reads Customer (applied in index.ts with `conditionalReads`): a customer only
 * while at least one channel permits marketing, and each contact field only while its channel
 * does. Every other Customer field marketing reads falls under `otherwise`.
 */
export const MARKETING_CUSTOMER_READS = {
  role: 'marketing',
  otherwise: 'marketing-permitted',
  fields: {
    email: 'marketing-permitted:EMAIL',
    phone: ['marketing-permitted:SMS', 'marketing-permitted:PHONE'],
    streetAddress: 'marketing-permitted:POST',
    postalCode: 'marketing-permitted:POST',
    city: 'marketing-permitted:POST',
    country: 'marketing-permitted:POST',
  },
} as const satisfies {
  role: StaffRole;
  otherwise: RowCondition;
  fields: Record<string, RowCondition | readonly RowCondition[]>;
};
