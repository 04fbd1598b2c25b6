import { DisclosureListDocument, DisclosureOneDocument, RecordDisclosureDocument } from '@register/schema';
import type { ResourceQuery } from '../dataProvider/resourceQuery';

export const disclosureQuery: ResourceQuery = {
  typeName: 'Disclosure',
  documents: { list: DisclosureListDocument, one: DisclosureOneDocument, create: RecordDisclosureDocument },
  sortFields: ['disclosedOn', 'recordedAt', 'recipient', 'legalBasis'],
  defaultSort: { field: 'disclosedOn', order: 'DESC' },
  filters: {
    subjectId: ['subjectId'],
    customerId: ['customerId'],
    recipient: ['recipient'],
    legalBasis: ['legalBasis'],
    disclosedFrom: ['disclosedOn'],
    disclosedTo: ['disclosedOn'],
    ids: ['id'],
  },
};
