import { dpo } from '../../access/rules.js';
import type { RuleMap } from '../../access/shield.js';

/** Only the registry liaison officer (dpo) produces access reports and portability exports. */
export const accessReportRules: RuleMap = {
  Query: { accessReport: dpo, portabilityExport: dpo },
};
