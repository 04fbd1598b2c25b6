import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden } from '../../common/errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { Customer } from '../customer/customer.entity.js';
import { MarketingPermitEntry } from './marketing.entity.js';
import { MarketingChannel } from './marketing.enums.js';
import { MarketingAudienceArgs, MarketingPermitEntryListArgs, RecordMarketingDecisionArgs } from './marketing.input.js';
import { marketingPermissionsLoader } from './marketing.loader.js';
import { MarketingAudienceMember, MarketingPermissions } from './marketing.types.js';

/** Thin: every decision lives in MarketingService, every permission in the shield. */
@Resolver(() => MarketingPermitEntry)
export class MarketingPermitEntryResolver {
  @Query(() => MarketingPermitEntry, { name: 'MarketingPermitEntry', nullable: true })
  marketingPermitEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.marketing.get(ctx.em, id);
  }

  @Query(() => [MarketingPermitEntry], { description: 'The ledger, newest first by default' })
  allMarketingPermitEntries(@Args() args: MarketingPermitEntryListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.marketing.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allMarketingPermitEntriesMeta(@Args() args: MarketingPermitEntryListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.marketing.count(ctx.em, args) };
  }

  @Mutation(() => MarketingPermitEntry, {
    nullable: true,
    description: 'Appends a permit or prohibition to the ledger; it is in force when this returns',
  })
  async recordMarketingDecision(@Args() args: RecordMarketingDecisionArgs, @Ctx() ctx: RequestContext) {
    if (ctx.caller.kind !== 'staff') throw forbidden('Only signed-in staff record marketing decisions.');
    const entry = await ctx.services.marketing.record(ctx.em, ctx.audit, ctx.caller.userId, args);
    marketingPermissionsLoader(ctx).clear(entry.customer.id);
    return entry;
  }
}

@Resolver(() => Customer)
export class CustomerMarketingResolver {
  @FieldResolver(() => MarketingPermissions, {
    nullable: true,
    description: 'Current direct-marketing permissions per channel, derived from the ledger',
  })
  marketingPermissions(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return marketingPermissionsLoader(ctx).load(customer.id);
  }
}

@Resolver(() => MarketingAudienceMember)
export class MarketingAudienceResolver {
  @Query(() => [MarketingAudienceMember], {
    description: 'Export of one channel: only customers permitted on it, with only its contact data',
  })
  marketingAudience(@Args() args: MarketingAudienceArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.marketing.audience(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _marketingAudienceMeta(@Arg('channel', () => MarketingChannel) channel: MarketingChannel, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.marketing.audienceCount(ctx.em, channel) };
  }
}
