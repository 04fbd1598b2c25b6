import { dateTime, text, textList, type FieldSpecs } from '../../common/fieldSpec';
import { RelatedList } from './RelatedList';

const AUDIT_SPECS: FieldSpecs = {
  seq: text,
  at: dateTime,
  actorType: text,
  actorId: text,
  operation: text,
  action: text,
  fields: textList,
  outcome: text,
  client: text,
};

/** Who read or changed this customer's data, when and from where (the dpo's view of the audit log). */
export function AuditTab() {
  return (
    <RelatedList
      resource="auditEvents"
      target="subjectId"
      specs={AUDIT_SPECS}
      columns={['at', 'actorType', 'actorId', 'operation', 'action', 'fields', 'outcome']}
      sort={{ field: 'seq', order: 'DESC' }}
      perPage={25}
      title="register.customers.tabs.audit"
    />
  );
}
