import {
  CreateDataSubjectRequestDocument,
  DataSubjectRequestListDocument,
  DataSubjectRequestOneDocument,
  UpdateDataSubjectRequestDocument,
} from '@register/schema';
import type { ResourceQuery } from '../dataProvider/resourceQuery';

const asBoolean = (value: unknown) => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined);

export const dataSubjectRequestQuery: ResourceQuery = {
  typeName: 'DataSubjectRequest',
  documents: {
    list: DataSubjectRequestListDocument,
    one: DataSubjectRequestOneDocument,
    create: CreateDataSubjectRequestDocument,
    update: UpdateDataSubjectRequestDocument,
  },
  sortFields: ['dueDate', 'receivedDate', 'createdAt', 'status', 'type'],
  defaultSort: { field: 'dueDate', order: 'ASC' },
  filters: {
    ids: ['id'],
    status: ['status'],
    type: ['type'],
    overdue: ['overdue'],
    open: ['status'],
    dueBefore: ['dueDate'],
    subjectId: ['subjectId'],
  },
  filterValues: { overdue: asBoolean, open: asBoolean },
};
