import type { FieldClassification, StaffRole, TypeClassification } from './model.js';

// Contracts and their lines (section 4: "ordered services, contract start and end date, order
// value"). Customer service handles them; sales reads them and may open a contract (it starts as
// a DRAFT: sales cannot set the status); billing reads them to invoice; the dpo inspects and
// corrects. Marketing, analysts, admins and partners read nothing here.
const READERS: readonly StaffRole[] = ['service', 'sales', 'billing', 'dpo'];
const WRITERS: readonly StaffRole[] = ['service', 'dpo'];
const OPENERS: readonly StaffRole[] = ['service', 'sales', 'dpo'];

const PURPOSES: FieldClassification['purposes'] = ['customer-relationship', 'service-delivery', 'billing'];

/** What was agreed is kept while claims can still arise from the contract. */
const CLAIMS_HOLD = { strategy: 'hold', hold: 'contract-claims' } as const;
const CLAIMS_RETENTION = { after: 'legal-hold', hold: 'contract-claims' } as const;

const agreed = (
  en: string,
  fi: string,
  write: FieldClassification['write'],
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'contract',
  personal: true,
  purposes: PURPOSES,
  read: { roles: READERS },
  write,
  erasure: CLAIMS_HOLD,
  retention: CLAIMS_RETENTION,
  ...overrides,
});

const recordField = (
  en: string,
  fi: string,
  category: FieldClassification['category'],
  reason: string,
  write: FieldClassification['write'] = { roles: [] },
): FieldClassification => ({
  label: { en, fi },
  category,
  personal: false,
  purposes: PURPOSES,
  read: { roles: READERS },
  write,
  erasure: { strategy: 'none', reason },
  retention: CLAIMS_RETENTION,
});

/** Provenance (section 5): where the record came from and when it was collected. */
const provenance = (write: FieldClassification['write']) => ({
  sourceType: recordField('Source of the data', 'Tietolähde', 'provenance', 'says where data came from, not who the person is', write),
  sourcePartner: recordField('Partner register the data came from', 'Kumppanirekisteri, josta tiedot saatiin', 'provenance', 'names the partner, not the person', write),
  collectedAt: recordField('Time of collection', 'Keruuajankohta', 'provenance', 'a time, not an identifier', write),
});

export const contractMap: TypeClassification = {
  label: { en: 'Contract', fi: 'Sopimus' },
  subject: 'customerId',
  fields: {
    id: recordField('Contract key', 'Sopimuksen avain', 'contract', 'an opaque key that identifies nobody once the rest is gone'),
    contractNumber: recordField('Contract number', 'Sopimusnumero', 'contract', 'a number from a sequence, kept with the held contract'),
    customerId: agreed('Customer', 'Asiakas', { roles: [], onCreate: OPENERS }, {
      personal: false,
      erasure: { strategy: 'none', reason: 'the opaque customer key, kept with the held contract' },
    }),
    status: agreed('Contract status', 'Sopimuksen tila', { roles: WRITERS }, {
      personal: false,
      category: 'lifecycle',
      note: 'DRAFT, ACTIVE, ENDED or CANCELLED. Sales opens contracts as DRAFT only: it cannot set the status.',
    }),
    startDate: agreed('Contract start date', 'Sopimuksen alkupäivä', { roles: [], onCreate: OPENERS }),
    endDate: agreed('Contract end date', 'Sopimuksen päättymispäivä', { roles: WRITERS, onCreate: ['sales'] }),
    lines: agreed('Services on the contract', 'Sopimuksen palvelut', { roles: WRITERS, onCreate: ['sales'] }, {
      note: 'Adding, changing and removing a service (addContractService, changeContractService, removeContractService) is a change of this field.',
    }),
    simCards: agreed('SIM cards on the contract', 'Sopimuksen SIM-kortit', { roles: [] }, {
      note: 'Written through the SIM card operations (addSimCard, updateSimCard): see SimCard.',
    }),
    monthlyValueCents: agreed('Monthly value (euro cents)', 'Kuukausiarvo (senttiä)', { roles: [] }, {
      category: 'derived',
      note: 'Computed from the active lines (quantity × agreed monthly price); never entered by hand.',
    }),
    // The dpo records where a contract came from when it is entered; otherwise DATA_SUBJECT.
    ...provenance({ roles: [], onCreate: ['dpo'] }),
    createdAt: recordField('Record created', 'Tietue luotu', 'lifecycle', 'a time, not an identifier'),
    updatedAt: recordField('Record last changed', 'Tietuetta muutettu', 'lifecycle', 'a time, not an identifier'),
  },
};

/**
 * A service on a contract. Lines are written only through the contract's service operations
 * (whose rule is the write access of Contract.lines), so no line field is writable on its own.
 */
export const contractLineMap: TypeClassification = {
  label: { en: 'Service on a contract', fi: 'Sopimuksen palvelu' },
  subject: 'customerId',
  fields: {
    id: recordField('Contract line key', 'Sopimusrivin avain', 'contract', 'an opaque key that identifies nobody once the rest is gone'),
    contractId: recordField('Contract', 'Sopimus', 'contract', 'the opaque contract key'),
    customerId: recordField('Customer', 'Asiakas', 'contract', 'the opaque customer key, kept with the held contract'),
    serviceProductId: agreed('Service', 'Palvelu', { roles: [] }),
    serviceProduct: agreed('Service (from the catalogue)', 'Palvelu (palveluluettelosta)', { roles: [] }),
    quantity: agreed('Quantity', 'Määrä', { roles: [] }),
    monthlyPriceCents: agreed('Agreed monthly price (euro cents)', 'Sovittu kuukausihinta (senttiä)', { roles: [] }, {
      note: 'Defaults to the catalogue price when the service is added.',
    }),
    addedDate: agreed('Service added on', 'Palvelu lisätty', { roles: [] }),
    removedDate: agreed('Service removed on', 'Palvelu poistettu', { roles: [] }),
    // Set by the system: the contract's on creation, DATA_SUBJECT for a service added later.
    ...provenance({ roles: [] }),
    createdAt: recordField('Record created', 'Tietue luotu', 'lifecycle', 'a time, not an identifier'),
    updatedAt: recordField('Record last changed', 'Tietuetta muutettu', 'lifecycle', 'a time, not an identifier'),
  },
};
