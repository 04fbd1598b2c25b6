import { dpo } from '../../access/rules.js';
import type { RuleMap } from '../../access/shield.js';

/** Only the registry liaison officer (dpo) restricts, lifts and reads restrictions. */
export const restrictionRules: RuleMap = {
  Query: { processingRestrictions: dpo },
  Mutation: { restrictProcessing: dpo, liftRestriction: dpo },
  ProcessingRestriction: {
    id: dpo,
    subjectType: dpo,
    subjectId: dpo,
    reason: dpo,
    requestId: dpo,
    since: dpo,
    restrictedById: dpo,
    liftedAt: dpo,
    liftedById: dpo,
  },
};
