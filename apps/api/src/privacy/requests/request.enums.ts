import { registerEnumType } from 'type-graphql';

export enum DataSubjectRequestType {
  ACCESS = 'ACCESS',
  RECTIFICATION = 'RECTIFICATION',
  ERASURE = 'ERASURE',
  RESTRICTION = 'RESTRICTION',
  OBJECTION = 'OBJECTION',
  PORTABILITY = 'PORTABILITY',
}

export enum DataSubjectRequestStatus {
  RECEIVED = 'RECEIVED',
  IDENTITY_VERIFIED = 'IDENTITY_VERIFIED',
  IN_PROGRESS = 'IN_PROGRESS',
  EXTENDED = 'EXTENDED',
  COMPLETED = 'COMPLETED',
  REFUSED = 'REFUSED',
}

export enum DataSubjectRequestChannel {
  LETTER = 'LETTER',
  EMAIL = 'EMAIL',
  IN_PERSON = 'IN_PERSON',
}

export const CLOSED_STATUSES: readonly DataSubjectRequestStatus[] = [DataSubjectRequestStatus.COMPLETED, DataSubjectRequestStatus.REFUSED];
export const OPEN_STATUSES: readonly DataSubjectRequestStatus[] = Object.values(DataSubjectRequestStatus).filter(
  (status) => !CLOSED_STATUSES.includes(status),
);

registerEnumType(DataSubjectRequestType, {
  name: 'DataSubjectRequestType',
  description: 'Access (Art. 15), rectification (16), erasure (17), restriction (18), objection to direct marketing (21), portability (20)',
});
registerEnumType(DataSubjectRequestStatus, {
  name: 'DataSubjectRequestStatus',
  description: 'From RECEIVED to COMPLETED or REFUSED; EXTENDED once the due date has been extended',
});
registerEnumType(DataSubjectRequestChannel, { name: 'DataSubjectRequestChannel', description: 'How the request reached the controller' });
