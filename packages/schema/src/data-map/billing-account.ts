import type { FieldClassification, StaffRole, TypeClassification } from './model.js';

// Billing accounts: billing keeps them, customer service reads them to answer the customer's
// questions, the dpo inspects and corrects. Nobody else reads how or where a customer is billed.
const READERS: readonly StaffRole[] = ['service', 'billing', 'dpo'];
const WRITERS: readonly StaffRole[] = ['billing', 'dpo'];

/** Kept while the relationship lasts and for the period in which claims can still arise. */
const AFTER_RELATIONSHIP = { after: 'relationship-end', months: 36 } as const;
const BILLING: FieldClassification['purposes'] = ['billing'];

const billingField = (
  en: string,
  fi: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'billing',
  personal: true,
  purposes: BILLING,
  read: { roles: READERS },
  write: { roles: WRITERS },
  erasure: { strategy: 'delete' },
  retention: AFTER_RELATIONSHIP,
  ...overrides,
});

const addressField = (en: string, fi: string) => billingField(en, fi, { category: 'contact' });

const recordField = (
  en: string,
  fi: string,
  category: FieldClassification['category'],
  reason: string,
  write: readonly StaffRole[] = [],
): FieldClassification =>
  billingField(en, fi, {
    category,
    personal: false,
    purposes: ['customer-relationship', 'billing'],
    write: { roles: write },
    erasure: { strategy: 'none', reason },
  });

export const billingAccountMap: TypeClassification = {
  label: { en: 'Billing account', fi: 'Laskutustili' },
  subject: 'customerId',
  fields: {
    id: recordField('Billing account number', 'Laskutustilin numero', 'billing', 'an opaque key that identifies nobody once the rest is gone'),
    customerId: {
      ...recordField('Customer', 'Asiakas', 'billing', 'the customer number, an opaque key'),
      write: { roles: [], onCreate: WRITERS },
      storage: ['customer_id'],
      note: 'Set when the account is opened; an account never moves to another customer.',
    },
    method: billingField('Billing method', 'Laskutustapa', {
      personal: false,
      erasure: { strategy: 'none', reason: 'one of four methods, says nothing about the person' },
    }),
    eInvoiceAddress: billingField('E-invoice address (OVT or IBAN)', 'Verkkolaskuosoite (OVT tai IBAN)', {
      note: "A consumer's e-invoice address is their bank account (IBAN); a business's is its OVT code.",
    }),
    eInvoiceOperatorId: billingField('E-invoice operator ID', 'Verkkolaskuoperaattorin tunnus', {
      personal: false,
      erasure: { strategy: 'delete' },
      note: "Names the operator (a bank or an e-invoice operator), not the person; erased with the address it serves.",
    }),
    invoiceEmail: billingField('Invoice e-mail address', 'Laskutussähköpostiosoite', { category: 'contact' }),
    billingContactName: billingField('Billing contact', 'Laskutuksen yhteyshenkilö', {
      category: 'contact',
      erasure: { strategy: 'anonymise', replacement: null },
    }),
    streetAddress: addressField('Billing street address', 'Laskutuksen katuosoite'),
    postalCode: addressField('Billing postal code', 'Laskutuksen postinumero'),
    city: addressField('Billing post office', 'Laskutuksen postitoimipaikka'),
    country: addressField('Billing country', 'Laskutuksen maa'),
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
