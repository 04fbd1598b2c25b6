import type { FieldClassification, StaffRole, Text, TypeClassification } from './model.js';

/*
 * Disclosures to authorities (section 6 of the registry description, promise 3 of PRODUCT.md):
 * what was handed over, about whom, to whom, on which legal basis, when and by whom. The record
 * is evidence that a disclosure was lawful (GDPR Art. 5(2) accountability, Art. 30(1)(d)), so it
 * is append-only and outlives an erasure of the person: it names the person by id alone, and an
 * id identifies nobody once the person's own records are erased. Only the registry liaison
 * officer (dpo) records and reads disclosures.
 */

const DPO: readonly StaffRole[] = ['dpo'];

/** Kept five years from the disclosure: the period in which its lawfulness can be questioned. */
const EVIDENCE_RETENTION = { after: 'record-created', months: 60 } as const;
const EVIDENCE = {
  strategy: 'none',
  reason:
    'evidence that the disclosure was lawful (GDPR Art. 5(2), 30): kept under its own retention with the person named by id only, which identifies nobody once the person is erased',
} as const;

/**
 * Legal bases the controller commonly discloses under. `OTHER` needs the law named in the
 * free-text basis. The registry description (section 6) lists these recipients.
 */
export const DISCLOSURE_LEGAL_BASES = {
  POLICE: {
    label: { en: 'Police request (Police Act 872/2011, ch. 4 s. 3)', fi: 'Poliisin pyyntö (poliisilaki 872/2011, 4 luku 3 §)' },
    recipient: { en: 'The police', fi: 'Poliisi' },
  },
  TAX: {
    label: { en: 'Tax Administration (Act on Assessment Procedure 1558/1995, s. 19)', fi: 'Verohallinto (verotusmenettelylaki 1558/1995, 19 §)' },
    recipient: { en: 'The Tax Administration', fi: 'Verohallinto' },
  },
  COURT_ORDER: {
    label: { en: 'Court order (Code of Judicial Procedure 4/1734, ch. 17)', fi: 'Tuomioistuimen määräys (oikeudenkäymiskaari 4/1734, 17 luku)' },
    recipient: { en: 'Courts of law', fi: 'Tuomioistuimet' },
  },
  TRAFICOM: {
    label: {
      en: 'Traficom / telecommunications law (Act on Electronic Communications Services 917/2014)',
      fi: 'Traficom / viestintälainsäädäntö (laki sähköisen viestinnän palveluista 917/2014)',
    },
    recipient: { en: 'The Finnish Transport and Communications Agency Traficom', fi: 'Liikenne- ja viestintävirasto Traficom' },
  },
  ENFORCEMENT: {
    label: { en: 'Bailiff / enforcement (Enforcement Code 705/2007, ch. 3 s. 64)', fi: 'Ulosotto (ulosottokaari 705/2007, 3 luku 64 §)' },
    recipient: { en: 'The National Enforcement Authority', fi: 'Ulosottolaitos' },
  },
  OTHER: {
    label: { en: 'Another law (named in the legal basis text)', fi: 'Muu laki (nimetty oikeusperustetekstissä)' },
    recipient: { en: 'Other authorities where a law obliges the controller', fi: 'Muut viranomaiset, kun laki velvoittaa rekisterinpitäjää' },
  },
} as const satisfies Record<string, { label: Text; recipient: Text }>;
export type DisclosureLegalBasisName = keyof typeof DISCLOSURE_LEGAL_BASES;
export const DISCLOSURE_LEGAL_BASIS_NAMES = Object.keys(DISCLOSURE_LEGAL_BASES) as DisclosureLegalBasisName[];

const disclosureField = (
  en: string,
  fi: string,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category: 'disclosure',
  personal: true,
  purposes: ['legal-obligation'],
  read: { roles: DPO },
  write: { roles: [], onCreate: DPO },
  erasure: EVIDENCE,
  retention: EVIDENCE_RETENTION,
  ...overrides,
});

const systemSet = { write: { roles: [] } } as const;

export const disclosureMap: TypeClassification = {
  label: { en: 'Disclosure to an authority', fi: 'Luovutus viranomaiselle' },
  subject: 'subjectId',
  mutations: { create: 'recordDisclosure' },
  fields: {
    id: disclosureField('Disclosure number', 'Luovutuksen numero', { category: 'identity', personal: false, ...systemSet }),
    subjectKind: disclosureField('Whose data: a customer or a contact person', 'Kenen tiedot: asiakas vai yhteyshenkilö', {
      category: 'identity',
      personal: false,
    }),
    subjectId: disclosureField('The person (customer or contact person number)', 'Henkilö (asiakkaan tai yhteyshenkilön numero)', {
      category: 'identity',
      personal: false,
    }),
    customerId: disclosureField('Customer (for a contact person, their company)', 'Asiakas (yhteyshenkilöllä hänen yrityksensä)', {
      category: 'identity',
      personal: false,
      ...systemSet,
      note: 'Set by the system from the person, so that the customer page lists the disclosures of the company and its contact persons.',
    }),
    recipient: disclosureField('Recipient (the authority)', 'Vastaanottaja (viranomainen)'),
    legalBasis: disclosureField('Legal basis', 'Oikeusperuste'),
    legalBasisText: disclosureField('Legal basis in words (section of law, decision)', 'Oikeusperuste sanallisesti (lainkohta, päätös)'),
    categories: disclosureField('Data categories disclosed', 'Luovutetut tietoryhmät'),
    fields: disclosureField('Fields disclosed (type.field)', 'Luovutetut tiedot (tyyppi.kenttä)'),
    disclosedOn: disclosureField('Date of disclosure', 'Luovutuspäivä'),
    requestReference: disclosureField('Reference number of the authority’s request', 'Viranomaisen pyynnön diaarinumero'),
    note: disclosureField('Note', 'Huomautus', {
      note: 'Names the person by id only: no name, identity number or contact detail belongs here (it stays after an erasure).',
    }),
    disclosedById: disclosureField('Disclosed by (staff user)', 'Luovuttaja (käyttäjä)', {
      category: 'provenance',
      personal: false,
      ...systemSet,
      note: 'The signed-in staff member who recorded the disclosure; set by the system.',
    }),
    recordedAt: disclosureField('Recorded at', 'Kirjausaika', { category: 'provenance', personal: false, ...systemSet }),
  },
};
