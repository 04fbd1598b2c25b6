import { hasRole } from '../../access/rules.js';
import { allowAll, type RuleMap } from '../../access/shield.js';

/**
 * Aggregates only, for the analyst and the registry liaison officer. The result types carry no
 * individual data (every figure is over at least five people), so the query is the only gate.
 */
export const statisticsRules: RuleMap = {
  Query: { customerStatistics: hasRole('analyst', 'dpo') },
  CustomerStatistics: { groupBy: allowAll, groups: allowAll, people: allowAll, minimumGroupSize: allowAll, computedAt: allowAll },
  StatisticsGroup: {
    segment: allowAll,
    service: allowAll,
    region: allowAll,
    ageBand: allowAll,
    kind: allowAll,
    hidden: allowAll,
    people: allowAll,
    monthlyValueCents: allowAll,
  },
};
