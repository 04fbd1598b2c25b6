import type { FieldClassification, StaffRole, TypeClassification } from './model.js';

// Invoices are accounting vouchers: every field is kept under the Accounting Act's hold, whatever
// an erasure request says. Billing keeps them; customer service reads status, amounts and dates to
// answer the customer (never the collection details); the dpo inspects and corrects.
const SERVICE_VISIBLE: readonly StaffRole[] = ['service', 'billing', 'dpo'];
const BILLING_ONLY: readonly StaffRole[] = ['billing', 'dpo'];
const WRITERS: readonly StaffRole[] = ['billing', 'dpo'];

const HOLD = {
  erasure: { strategy: 'hold', hold: 'accounting-voucher' },
  retention: { after: 'legal-hold', hold: 'accounting-voucher' },
} as const;

const invoiceField = (
  en: string,
  fi: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'billing',
  personal: true,
  purposes: ['billing', 'legal-obligation'],
  read: { roles: SERVICE_VISIBLE },
  write: { roles: WRITERS },
  ...HOLD,
  ...overrides,
});

/** Fixed when the invoice is issued: a mistake is corrected by crediting it, not by editing it. */
const ON_ISSUE = { roles: [], onCreate: WRITERS } as const;
const KEY = { personal: false, write: { roles: [] } } as const;

export const invoiceMap: TypeClassification = {
  label: { en: 'Invoice', fi: 'Lasku' },
  subject: 'customerId',
  fields: {
    id: invoiceField('Invoice id', 'Laskun tunniste', KEY),
    customerId: invoiceField('Customer', 'Asiakas', {
      ...KEY,
      storage: ['customer_id'],
      note: 'The customer of the billing account, set by the system.',
    }),
    billingAccountId: invoiceField('Billing account', 'Laskutustili', {
      personal: false,
      write: ON_ISSUE,
      storage: ['billing_account_id'],
    }),
    billingAccount: invoiceField('Billing account (the record)', 'Laskutustili (tietue)', {
      ...KEY,
      storage: ['billing_account_id'],
      note: "The account's own fields follow BillingAccount's rules.",
    }),
    invoiceNumber: invoiceField('Invoice number', 'Laskun numero', {
      ...KEY,
      note: 'Given by the system from a running sequence (100001, 100002, …).',
    }),
    referenceNumber: invoiceField('Reference number (viitenumero)', 'Viitenumero', {
      ...KEY,
      note: 'Generated from the invoice number with its check digit (weights 7, 3, 1).',
    }),
    rfReference: invoiceField('RF creditor reference', 'RF-viite', {
      ...KEY,
      storage: ['reference_number'],
      note: 'The international form (ISO 11649) of the reference number, computed when read.',
    }),
    issueDate: invoiceField('Invoice date', 'Laskun päiväys', { write: ON_ISSUE }),
    dueDate: invoiceField('Due date', 'Eräpäivä', { note: 'Can be moved while the invoice is open.' }),
    netAmountCents: invoiceField('Amount without VAT (cents)', 'Veroton summa (senttiä)', { write: ON_ISSUE }),
    vatAmountCents: invoiceField('VAT (cents)', 'Arvonlisävero (senttiä)', { write: ON_ISSUE }),
    totalAmountCents: invoiceField('Total with VAT (cents)', 'Yhteensä verollinen (senttiä)', {
      write: ON_ISSUE,
      note: 'Always the net amount plus VAT (checked by the API and the database).',
    }),
    currency: invoiceField('Currency', 'Valuutta', { ...KEY, note: 'EUR.' }),
    status: invoiceField('Payment and collection status', 'Maksu- ja perintätila'),
    paidDate: invoiceField('Date paid', 'Maksupäivä'),
    reminderSentDate: invoiceField('Payment reminder sent', 'Maksumuistutus lähetetty', {
      read: { roles: BILLING_ONLY },
    }),
    collectionAgency: invoiceField('Collection agency', 'Perintätoimisto', {
      read: { roles: BILLING_ONLY },
      personal: false,
      note: 'Names the agency, not the person; that the invoice is in collection is its status.',
    }),
    sourceType: invoiceField('Source of the data', 'Tietolähde', {
      category: 'provenance',
      personal: false,
      read: { roles: BILLING_ONLY },
      write: { roles: ['dpo'] },
    }),
    sourcePartner: invoiceField('Partner register the data came from', 'Kumppanirekisteri, josta tiedot saatiin', {
      category: 'provenance',
      personal: false,
      read: { roles: BILLING_ONLY },
      write: { roles: ['dpo'] },
    }),
    collectedAt: invoiceField('Time of collection', 'Keruuajankohta', {
      category: 'provenance',
      personal: false,
      read: { roles: BILLING_ONLY },
      write: { roles: ['dpo'] },
    }),
    createdAt: invoiceField('Record created', 'Tietue luotu', {
      category: 'lifecycle',
      personal: false,
      read: { roles: BILLING_ONLY },
      write: { roles: [] },
    }),
    updatedAt: invoiceField('Record last changed', 'Tietuetta muutettu', {
      category: 'lifecycle',
      personal: false,
      read: { roles: BILLING_ONLY },
      write: { roles: [] },
    }),
  },
};
