import type { FieldClassification, StaffRole, TypeClassification } from './model.js';

// SIM cards on a contract (section 4: "SIM card number (ICCID)"). Customer service adds them and
// changes their status; sales and billing read them; the dpo inspects and corrects. The delivery
// partner reads ICCIDs only through the open orders it delivers (the order module), never here.
const READERS: readonly StaffRole[] = ['service', 'sales', 'billing', 'dpo'];
const WRITERS: readonly StaffRole[] = ['service', 'dpo'];

const PURPOSES: FieldClassification['purposes'] = ['service-delivery', 'customer-relationship', 'billing'];
const CLAIMS_RETENTION = { after: 'legal-hold', hold: 'contract-claims' } as const;

const simField = (
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
  erasure: { strategy: 'hold', hold: 'contract-claims' },
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

export const simCardMap: TypeClassification = {
  label: { en: 'SIM card', fi: 'SIM-kortti' },
  subject: 'customerId',
  mutations: { create: 'addSimCard', update: 'updateSimCard' },
  fields: {
    id: recordField('SIM card key', 'SIM-kortin avain', 'contract', 'an opaque key that identifies nobody once the rest is gone'),
    contractId: recordField('Contract', 'Sopimus', 'contract', 'the opaque contract key', { roles: [], onCreate: WRITERS }),
    customerId: recordField('Customer', 'Asiakas', 'contract', 'the opaque customer key (the contract\'s customer)'),
    iccid: simField('SIM card number (ICCID)', 'SIM-kortin numero (ICCID)', { roles: [], onCreate: WRITERS }, {
      note: 'Validated (18–20 digits from 89, Luhn check); unique among the cards that are not CLOSED.',
    }),
    phoneNumber: simField('Phone number (MSISDN)', 'Puhelinnumero (MSISDN)', { roles: [], onCreate: WRITERS }, {
      category: 'contact',
      note: 'A Finnish mobile number in international form, +358…',
    }),
    status: simField('SIM card status', 'SIM-kortin tila', { roles: WRITERS }, {
      personal: false,
      category: 'lifecycle',
      note: 'ORDERED, ACTIVE, SUSPENDED or CLOSED; a CLOSED card is never reopened.',
    }),
    activatedAt: simField('Activated at', 'Aktivoitu', { roles: [] }, { personal: false, category: 'lifecycle', note: 'Set by the system when the card first becomes ACTIVE.' }),
    closedAt: simField('Closed at', 'Suljettu', { roles: [] }, { personal: false, category: 'lifecycle', note: 'Set by the system when the card is CLOSED.' }),
    sourceType: recordField('Source of the data', 'Tietolähde', 'provenance', 'says where data came from, not who the person is', { roles: [], onCreate: ['dpo'] }),
    sourcePartner: recordField('Partner register the data came from', 'Kumppanirekisteri, josta tiedot saatiin', 'provenance', 'names the partner, not the person', { roles: [], onCreate: ['dpo'] }),
    collectedAt: recordField('Time of collection', 'Keruuajankohta', 'provenance', 'a time, not an identifier', { roles: [], onCreate: ['dpo'] }),
    createdAt: recordField('Record created', 'Tietue luotu', 'lifecycle', 'a time, not an identifier'),
    updatedAt: recordField('Record last changed', 'Tietuetta muutettu', 'lifecycle', 'a time, not an identifier'),
  },
};
