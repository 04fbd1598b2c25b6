import type { FieldClassification, StaffRole, TypeClassification } from './model.js';

// Section 4, "customer-specific information compiled from the register": figures derived from
// contracts (and invoices), recomputed on every read and never stored or edited. They are
// individual data, so analysts (aggregates only) do not read them; marketing neither.
const READERS: readonly StaffRole[] = ['service', 'sales', 'billing', 'dpo'];
const RECOMPUTED = { strategy: 'none', reason: 'recomputed from what remains in the register; nothing is stored' } as const;
const AFTER_RELATIONSHIP = { after: 'relationship-end', months: 36 } as const;

const figure = (en: string, fi: string, note: string): FieldClassification => ({
  label: { en, fi },
  category: 'derived',
  personal: true,
  purposes: ['customer-relationship'],
  read: { roles: READERS },
  write: { roles: [] },
  erasure: RECOMPUTED,
  retention: AFTER_RELATIONSHIP,
  note,
});

export const customerFiguresMap: TypeClassification = {
  label: { en: 'Compiled customer figures', fi: 'Asiakkaan kootut tiedot' },
  subject: 'customerId',
  fields: {
    id: { ...figure('Customer number', 'Asiakasnumero', 'The customer id: one set of figures per customer.'), personal: false },
    customerId: { ...figure('Customer', 'Asiakas', 'The customer the figures are about.'), personal: false },
    activeServices: figure('Active services', 'Voimassa olevat palvelut', 'Services on the customer\'s ACTIVE contracts that have not been removed.'),
    monthlyValueCents: figure('Monthly value (euro cents)', 'Kuukausiarvo (senttiä)', 'Sum of quantity × agreed monthly price of the active services.'),
    customerSince: figure('Customer since', 'Asiakkaana alkaen', 'The earliest start of a contract that took effect, or the date the customer was entered.'),
    openInvoices: figure('Open invoices', 'Avoimet laskut', 'Invoices not yet paid or credited.'),
    segment: figure('Segment', 'Segmentti', 'NEW, STANDARD, VALUED or KEY, from the monthly value and the length of the relationship.'),
  },
};
