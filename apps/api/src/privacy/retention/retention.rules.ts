import { dpo } from '../../access/rules.js';
import type { Rule, RuleMap } from '../../access/shield.js';

const dpoOnly = (...fields: string[]): Record<string, Rule> => Object.fromEntries(fields.map((field) => [field, dpo]));

/** The retention job's reports and progress are for the registry liaison officer. */
export const retentionRules: RuleMap = {
  Query: { retentionDryRun: dpo, allRetentionRuns: dpo, _allRetentionRunsMeta: dpo, retentionRun: dpo },
  RetentionRun: dpoOnly('id', 'asOf', 'trigger', 'status', 'startedAt', 'heartbeatAt', 'finishedAt', 'total', 'processed', 'erased', 'holdsEnded', 'held', 'failed', 'error'),
  RetentionReport: dpoOnly('asOf', 'relationshipMonths', 'customers', 'holdsEnding', 'planned', 'wouldHold', 'types'),
  RetentionReportType: dpoOnly('type', 'deleted', 'anonymised', 'cleared', 'held'),
};
