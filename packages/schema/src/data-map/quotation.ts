import type { FieldClassification, StaffRole, TypeClassification } from './model.js';

// Issue 3, quotations: `sales` makes them (read/write), `service` and `billing` read them,
// `dpo` reads and writes for inspection; marketing, analyst, admin and partners see none.
export const QUOTATION_READERS: readonly StaffRole[] = ['service', 'sales', 'billing', 'dpo'];
export const QUOTATION_WRITERS: readonly StaffRole[] = ['sales', 'dpo'];
/** An offer is kept while the relationship lasts and for the period in which claims can arise. */
export const QUOTATION_RETENTION = { after: 'relationship-end', months: 36 } as const;
export const QUOTATION_PURPOSES: FieldClassification['purposes'] = ['customer-relationship'];

const quotationField = (
  en: string,
  fi: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'contract',
  personal: true,
  purposes: QUOTATION_PURPOSES,
  read: { roles: QUOTATION_READERS },
  write: { roles: QUOTATION_WRITERS },
  erasure: { strategy: 'delete' },
  retention: QUOTATION_RETENTION,
  ...overrides,
});

const systemField = (
  en: string,
  fi: string,
  category: FieldClassification['category'],
  reason: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification =>
  quotationField(en, fi, {
    category,
    personal: false,
    write: { roles: [] },
    erasure: { strategy: 'none', reason },
    ...overrides,
  });

export const quotationMap: TypeClassification = {
  label: { en: 'Quotation', fi: 'Tarjous' },
  subject: 'customerId',
  fields: {
    id: systemField('Quotation id', 'Tarjouksen tunniste', 'identity', 'an opaque key that identifies nobody once the rest is gone'),
    quotationNumber: systemField('Quotation number', 'Tarjousnumero', 'contract', 'a running number that identifies nobody', {
      note: 'Given by the database from a sequence.',
    }),
    customerId: quotationField('Customer the quotation is for', 'Asiakas, jolle tarjous on tehty', {
      category: 'identity',
      personal: false,
      write: { roles: [], onCreate: QUOTATION_WRITERS },
      storage: ['customer_id'],
    }),
    quotationDate: quotationField('Date of the quotation', 'Tarjouspäivä', {
      write: { roles: [], onCreate: QUOTATION_WRITERS },
    }),
    validUntil: quotationField('Valid until', 'Voimassa asti'),
    status: quotationField('Quotation status', 'Tarjouksen tila', {
      category: 'lifecycle',
      personal: false,
      erasure: { strategy: 'none', reason: 'a state, not an identifier' },
      note: 'CONVERTED is set by convertQuotationToOrder only; REJECTED, EXPIRED and CONVERTED are final.',
    }),
    lines: quotationField('Quotation lines (services and equipment offered)', 'Tarjousrivit (tarjotut palvelut ja laitteet)', {
      note: 'Each line is a QuotationLine (table quotation_line); they can be replaced while the quotation is a DRAFT.',
    }),
    totalCents: quotationField('Quotation total (cents)', 'Tarjouksen summa (senttiä)', {
      write: { roles: [] },
      note: 'Computed from the lines, never typed.',
    }),
    preparedById: systemField('Staff member who made the quotation', 'Tarjouksen laatija', 'lifecycle', 'names a member of staff, not the customer', {
      storage: ['prepared_by_id'],
      note: 'The signed-in user who created it.',
    }),
    preparedByName: systemField('Name of the staff member who made it', 'Tarjouksen laatijan nimi', 'lifecycle', 'names a member of staff, not the customer', {
      note: 'Read from the staff user; not stored on the quotation.',
    }),
    sourceType: systemField('Source of the data', 'Tietolähde', 'provenance', 'says where data came from, not who the person is', {
      write: { roles: ['dpo'] },
    }),
    sourcePartner: systemField('Partner register the data came from', 'Kumppanirekisteri, josta tiedot saatiin', 'provenance', 'names the partner, not the person', {
      write: { roles: ['dpo'] },
    }),
    collectedAt: systemField('Time of collection', 'Keruuajankohta', 'provenance', 'a time, not an identifier', {
      write: { roles: ['dpo'] },
    }),
    createdAt: systemField('Record created', 'Tietue luotu', 'lifecycle', 'a time, not an identifier'),
    updatedAt: systemField('Record last changed', 'Tietuetta muutettu', 'lifecycle', 'a time, not an identifier'),
  },
};
