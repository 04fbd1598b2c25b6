import { dpo, writeRule } from '../../access/rules.js';
import type { RuleMap } from '../../access/shield.js';

/**
 * Only the registry liaison officer (dpo) reads or handles data subject requests; everyone else is
 * FORBIDDEN. The fields of DataSubjectRequest come from the data map (dpo only as well).
 */
export const dataSubjectRequestRules: RuleMap = {
  Query: {
    dataSubjectRequest: dpo,
    allDataSubjectRequests: dpo,
    _allDataSubjectRequestsMeta: dpo,
    dataSubjectRequestStatistics: dpo,
  },
  Mutation: {
    // The data map's write rules (dpo only), field by field.
    createDataSubjectRequest: writeRule('DataSubjectRequest', 'create'),
    updateDataSubjectRequest: writeRule('DataSubjectRequest', 'update', ['id']),
    extendDataSubjectRequest: dpo,
    completeDataSubjectRequest: dpo,
    refuseDataSubjectRequest: dpo,
  },
  DataSubjectRequestStatistics: { byStatus: dpo, byMonth: dpo, overdue: dpo },
  DataSubjectRequestStatusCount: { status: dpo, count: dpo },
  DataSubjectRequestMonthCount: { month: dpo, status: dpo, count: dpo },
};
