import { dpo } from '../../access/rules.js';
import type { Rule, RuleMap } from '../../access/shield.js';

const dpoOnly = (...fields: string[]): Record<string, Rule> => Object.fromEntries(fields.map((field) => [field, dpo]));

/**
 * Erasure is the registry liaison officer's alone: the plan names every record of the person and
 * executing it cannot be undone. The plan's own types hold ids, field names and dates, no values.
 */
export const erasureRules: RuleMap = {
  Query: { erasurePlan: dpo },
  Mutation: { eraseDataSubject: dpo },
  ErasurePlanResult: dpoOnly('subjectType', 'subjectId', 'asOf', 'fingerprint', 'alreadyErased', 'heldUntil', 'counts', 'types', 'computedTypes'),
  ErasurePlanType: dpoOnly('type', 'label', 'labelFi', 'records', 'fields'),
  ErasurePlanRecord: dpoOnly('id', 'action', 'hold', 'law', 'heldUntil'),
  ErasurePlanField: dpoOnly('field', 'label', 'labelFi', 'strategy', 'replacement', 'hold', 'law', 'reason'),
  ErasureComputedType: dpoOnly('type', 'label', 'labelFi'),
  ErasureCounts: dpoOnly('records', 'deleted', 'anonymised', 'cleared', 'held'),
  ErasureResult: dpoOnly('erasureId', 'subjectType', 'subjectId', 'counts', 'heldUntil', 'ledgerEntriesRemoved', 'restricted'),
};
