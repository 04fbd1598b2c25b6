import { AuditEventListDocument } from '@register/schema';
import type { ResourceQuery } from '../dataProvider/resourceQuery';

/** The audit log: read by the dpo only (an operation rule), newest first; the seq is the id. */
export const auditEventQuery: ResourceQuery = {
  typeName: 'AuditEvent',
  documents: { list: AuditEventListDocument },
  sortFields: ['seq'],
  defaultSort: { field: 'seq', order: 'DESC' },
  filters: { subjectId: [], actorId: [], action: [] },
  toRecord: (row) => ({ ...row, id: row.seq }),
};
