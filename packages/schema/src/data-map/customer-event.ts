import type { FieldClassification, StaffRole, TypeClassification } from './model.js';

// The customer history (section 4: "service changes, customer contacts, quotations, order and
// contract events — one timeline per customer"). An append-only record: the system writes the
// events of contracts, orders and quotations in the same transaction as the change, and staff
// record customer contacts (recordCustomerContact). No field is written through an update.
// Customer service, sales and billing read the timeline; the dpo inspects it.
const READERS: readonly StaffRole[] = ['service', 'sales', 'billing', 'dpo'];
const PURPOSES: FieldClassification['purposes'] = ['customer-relationship', 'service-delivery'];
const AFTER_RELATIONSHIP = { after: 'relationship-end', months: 36 } as const;

const eventField = (
  en: string,
  fi: string,
  category: FieldClassification['category'],
  erasure: FieldClassification['erasure'],
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category,
  personal: false,
  purposes: PURPOSES,
  read: { roles: READERS },
  write: { roles: [] },
  erasure,
  retention: AFTER_RELATIONSHIP,
  ...overrides,
});

const keep = (reason: string) => ({ strategy: 'none', reason }) as const;

export const customerEventMap: TypeClassification = {
  label: { en: 'Customer history event', fi: 'Asiakashistorian tapahtuma' },
  subject: 'customerId',
  fields: {
    id: eventField('Event key', 'Tapahtuman avain', 'lifecycle', keep('an opaque key that identifies nobody once the rest is gone')),
    customerId: eventField('Customer', 'Asiakas', 'lifecycle', keep('the opaque customer key')),
    at: eventField('Time of the event', 'Tapahtuma-aika', 'lifecycle', keep('a time, not an identifier')),
    kind: eventField('Kind of event', 'Tapahtuman laji', 'lifecycle', keep('says what happened, not to whom'), {
      note: 'Service added/removed/changed, contract created/status changed, SIM added/status changed, contact, quotation, order.',
    }),
    summary: eventField('Summary', 'Yhteenveto', 'contract', { strategy: 'delete' }, {
      personal: true,
      note: 'Written by the system for its own events; by the staff member for a customer contact.',
    }),
    before: eventField('Before the change', 'Ennen muutosta', 'contract', { strategy: 'delete' }, {
      personal: true,
      note: 'The changed values of the record the event is about (e.g. quantity and price); nothing else.',
    }),
    after: eventField('After the change', 'Muutoksen jälkeen', 'contract', { strategy: 'delete' }, { personal: true }),
    channel: eventField('Contact channel', 'Yhteydenottokanava', 'contract', { strategy: 'delete' }, {
      personal: true,
      note: 'PHONE, EMAIL, VISIT or CHAT; customer contacts only.',
    }),
    staffUserId: eventField('Staff member who recorded it', 'Kirjannut työntekijä', 'lifecycle', keep('names the staff member by id, not the customer'), {
      note: 'The staff user id, like the audit log; empty for events of the system itself.',
    }),
    recordType: eventField('Kind of record the event is about', 'Tietueen laji', 'lifecycle', keep('names a kind of record')),
    recordId: eventField('Record the event is about', 'Tietue', 'lifecycle', keep('an opaque key of the record')),
    sourceType: eventField('Source of the data', 'Tietolähde', 'provenance', keep('says where data came from, not who the person is')),
    sourcePartner: eventField('Partner register the data came from', 'Kumppanirekisteri, josta tiedot saatiin', 'provenance', keep('names the partner, not the person')),
    collectedAt: eventField('Time of collection', 'Keruuajankohta', 'provenance', keep('a time, not an identifier')),
  },
};
