import { boolean, date, dateTime, enumOf, longText, referenceTo, text, type FieldSpecs } from '../common/fieldSpec';
import type { Section } from '../common/ResourceShow';

export const REQUEST_SPECS: FieldSpecs = {
  id: text,
  type: enumOf('DataSubjectRequestType'),
  status: enumOf('DataSubjectRequestStatus'),
  customerId: referenceTo('customers'),
  contactPersonId: referenceTo('contactPersons'),
  subjectId: text,
  requesterName: text,
  requesterEmail: { kind: 'email' },
  requesterPhone: { kind: 'text' },
  requesterAddress: longText,
  requesterDateOfBirth: date,
  receivedDate: date,
  channel: enumOf('DataSubjectRequestChannel'),
  signed: boolean,
  identityVerificationMethod: { kind: 'text', helperText: 'register.dataSubjectRequests.verificationHint' },
  identityVerifiedById: text,
  identityVerifiedAt: dateTime,
  originalDueDate: date,
  dueDate: date,
  overdue: boolean,
  extensionReason: longText,
  extendedById: text,
  extendedAt: dateTime,
  refusalReason: longText,
  completedDate: date,
  notes: { ...longText, helperText: 'register.dataSubjectRequests.notesHint' },
  createdById: text,
  createdAt: dateTime,
  updatedAt: dateTime,
};

export const REQUEST_COLUMNS = ['dueDate', 'type', 'status', 'receivedDate', 'channel', 'customerId', 'requesterName'];

export const REQUEST_SECTIONS: readonly Section[] = [
  { title: 'register.dataSubjectRequests.sections.request', fields: ['type', 'status', 'receivedDate', 'channel', 'signed', 'dueDate', 'originalDueDate', 'overdue'] },
  { title: 'register.dataSubjectRequests.sections.person', fields: ['customerId', 'contactPersonId', 'requesterName', 'requesterEmail', 'requesterPhone', 'requesterAddress', 'requesterDateOfBirth'] },
  { title: 'register.dataSubjectRequests.sections.identity', fields: ['identityVerificationMethod', 'identityVerifiedById', 'identityVerifiedAt'] },
  { title: 'register.dataSubjectRequests.sections.handling', fields: ['extensionReason', 'extendedById', 'extendedAt', 'refusalReason', 'completedDate', 'notes'] },
  { title: 'register.dataSubjectRequests.sections.record', fields: ['id', 'subjectId', 'createdById', 'createdAt', 'updatedAt'] },
];

export const CLOSED = ['COMPLETED', 'REFUSED'];
