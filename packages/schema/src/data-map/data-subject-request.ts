import type { DataCategory, FieldClassification, StaffRole, TypeClassification } from './model.js';

/*
 * Data subject requests (GDPR Art. 12–21, section 10 of the registry description): the registry
 * liaison officer (dpo) registers, handles and closes them; nobody else reads or writes any of it.
 * A request is evidence that the controller answered in time (Art. 5(2), 12(3)), so it is kept
 * for its own retention; the identifying details of a person not yet matched to a customer or a
 * contact person are personal data of their own and are deleted with it.
 */

const DPO: readonly StaffRole[] = ['dpo'];

/** Kept three years from registration: the period in which the handling can still be questioned. */
const REQUEST_RETENTION = { after: 'record-created', months: 36 } as const;
const EVIDENCE = {
  strategy: 'none',
  reason: 'evidence of how the request was handled (GDPR Art. 5(2), 12): kept under its own retention and names the person by id only',
} as const;

const requestField = (
  en: string,
  fi: string,
  category: DataCategory,
  write: readonly StaffRole[] = DPO,
  overrides: Partial<FieldClassification> = {},
): FieldClassification => ({
  label: { en, fi },
  category,
  personal: false,
  purposes: ['legal-obligation'],
  read: { roles: DPO },
  write: { roles: write },
  erasure: EVIDENCE,
  retention: REQUEST_RETENTION,
  ...overrides,
});

/** What the person told us to identify themselves, while no customer or contact person matches. */
const requesterDetail = (en: string, fi: string, category: DataCategory, storage: string): FieldClassification =>
  requestField(en, fi, category, DPO, {
    personal: true,
    providedBySubject: true,
    erasure: { strategy: 'delete' },
    storage: [storage],
  });

export const dataSubjectRequestMap: TypeClassification = {
  label: { en: 'Data subject request', fi: 'Rekisteröidyn pyyntö' },
  subject: 'subjectId',
  fields: {
    id: requestField('Request number', 'Pyynnön numero', 'identity', []),
    type: requestField('Type of request', 'Pyynnön laji', 'lifecycle'),
    status: requestField('Status', 'Tila', 'lifecycle', DPO, {
      note: 'Set to IN_PROGRESS by an update; verification, extension, completion and refusal have their own mutations.',
    }),
    subjectId: requestField('Data subject', 'Rekisteröity', 'identity', [], {
      note: 'The customer or contact person the request concerns; the request itself while nobody is matched.',
      storage: ['customer_id', 'contact_person_id'],
    }),
    customerId: requestField('Customer', 'Asiakas', 'identity', DPO, { storage: ['customer_id'] }),
    contactPersonId: requestField('Contact person', 'Yhteyshenkilö', 'identity', DPO, { storage: ['contact_person_id'] }),
    requesterName: requesterDetail('Name given by the requester', 'Pyytäjän ilmoittama nimi', 'identity', 'requester_name'),
    requesterEmail: requesterDetail('E-mail given by the requester', 'Pyytäjän ilmoittama sähköposti', 'contact', 'requester_email'),
    requesterPhone: requesterDetail('Telephone given by the requester', 'Pyytäjän ilmoittama puhelinnumero', 'contact', 'requester_phone'),
    requesterAddress: requesterDetail('Address given by the requester', 'Pyytäjän ilmoittama osoite', 'contact', 'requester_address'),
    requesterDateOfBirth: requesterDetail(
      'Date of birth given by the requester',
      'Pyytäjän ilmoittama syntymäaika',
      'identity',
      'requester_date_of_birth',
    ),
    receivedDate: requestField('Received on', 'Vastaanotettu', 'lifecycle'),
    channel: requestField('Received through', 'Vastaanottotapa', 'lifecycle'),
    signed: requestField('Signed', 'Allekirjoitettu', 'lifecycle'),
    identityVerificationMethod: requestField('How identity was verified', 'Henkilöllisyyden todentamistapa', 'lifecycle'),
    identityVerifiedById: requestField('Identity verified by', 'Henkilöllisyyden todentaja', 'lifecycle', []),
    identityVerifiedAt: requestField('Identity verified at', 'Henkilöllisyys todennettu', 'lifecycle', []),
    originalDueDate: requestField('Original due date', 'Alkuperäinen määräpäivä', 'lifecycle', []),
    dueDate: requestField('Due date', 'Määräpäivä', 'lifecycle', []),
    overdue: requestField('Overdue', 'Myöhässä', 'lifecycle', []),
    extensionReason: requestField('Reason for the extension', 'Jatkamisen syy', 'lifecycle', []),
    extendedById: requestField('Extended by', 'Jatkaja', 'lifecycle', []),
    extendedAt: requestField('Extended at', 'Jatkettu', 'lifecycle', []),
    refusalReason: requestField('Reason for refusal', 'Epäämisen syy', 'lifecycle', []),
    completedDate: requestField('Closed on', 'Käsitelty', 'lifecycle', []),
    notes: requestField('Notes', 'Muistiinpanot', 'lifecycle', DPO, {
      note: 'Handling notes of the dpo; they should not repeat the person’s details.',
    }),
    createdById: requestField('Registered by', 'Kirjaaja', 'lifecycle', []),
    createdAt: requestField('Registered at', 'Kirjattu', 'lifecycle', []),
    updatedAt: requestField('Last changed', 'Muutettu', 'lifecycle', []),
  },
};
