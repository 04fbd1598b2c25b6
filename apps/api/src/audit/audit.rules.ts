import { dpo } from '../access/rules.js';
import type { RuleMap } from '../access/shield.js';

/** Who accessed whose data is for the registry liaison officer. */
export const auditRules: RuleMap = {
  Query: { allAuditEvents: dpo, _allAuditEventsMeta: dpo },
  AuditEvent: {
    seq: dpo, at: dpo, actorType: dpo, actorId: dpo, client: dpo, requestId: dpo, operation: dpo,
    action: dpo, subjectType: dpo, subjectId: dpo, subjectIds: dpo, fields: dpo, outcome: dpo,
  },
};
