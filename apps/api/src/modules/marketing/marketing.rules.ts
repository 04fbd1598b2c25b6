import { and, rule } from 'graphql-shield';
import { forbiddenField, listRule, writeRule } from '../../access/rules.js';
import { implementRowConditions } from '../../access/row-conditions.js';
import { readsAnyOf, type Rule, type RuleMap } from '../../access/shield.js';
import type { RequestContext } from '../../graphql/context.js';
import { MarketingDecision } from './marketing.enums.js';
import { MARKETING_PERMIT_ENTRY_FILTER_FIELDS } from './marketing.input.js';
import { marketingRowConditions } from './marketing.row-conditions.js';

implementRowConditions(marketingRowConditions);

/**
 * Any recorder may record a prohibition (an objection must never wait), but consent is recorded
 * only by staff who talked to the customer — customer service — or by the DPO.
 */
const permitNeedsServiceOrDpo = rule('record:MarketingDecision:permit', { cache: 'strict' })(
  (_parent, args: { decision?: unknown }, ctx: RequestContext) =>
    args.decision !== MarketingDecision.PERMIT ||
    (ctx.principal.kind === 'staff' && ctx.principal.roles.some((role) => role === 'service' || role === 'dpo')) ||
    forbiddenField(
      'Only customer service or the registry liaison officer (dpo) may record a PERMIT: consent is recorded by staff who talked to the customer. You may record a PROHIBIT.',
      'decision',
    ),
);

const listEntries = listRule('MarketingPermitEntry', MARKETING_PERMIT_ENTRY_FILTER_FIELDS);
const readsAudience = readsAnyOf('MarketingAudienceMember');

/** Operation rules of the marketing module (its types' field rules come from the data map). */
export const marketingRules: RuleMap = {
  Query: {
    MarketingPermitEntry: readsAnyOf('MarketingPermitEntry'),
    allMarketingPermitEntries: listEntries,
    _allMarketingPermitEntriesMeta: listEntries,
    marketingAudience: readsAudience,
    _marketingAudienceMeta: readsAudience,
  },
  Mutation: {
    // The data map's write rules (who may set each field on entry), then the rule on the value.
    recordMarketingDecision: and(writeRule('MarketingPermitEntry', 'create'), permitNeedsServiceOrDpo) as unknown as Rule,
  },
  // The edge to the current state; its fields' rules (conditional for marketing) come from the map.
  Customer: { marketingPermissions: readsAnyOf('MarketingPermissions') },
};
