import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { Disclosure } from './disclosure.entity.js';
import { DisclosureListArgs, RecordDisclosureArgs } from './disclosure.input.js';
import { DisclosureService } from './disclosure.service.js';

export const disclosures = new DisclosureService();

/** Thin: every decision lives in DisclosureService, every permission in the shield (dpo only). */
@Resolver(() => Disclosure)
export class DisclosureResolver {
  @Query(() => Disclosure, { nullable: true, description: 'One disclosure to an authority (dpo)' })
  disclosure(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return disclosures.get(ctx.em, id);
  }

  @Query(() => [Disclosure], { description: 'Disclosures to authorities, newest first (dpo)' })
  allDisclosures(@Args() args: DisclosureListArgs, @Ctx() ctx: RequestContext) {
    return disclosures.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allDisclosuresMeta(@Args() args: DisclosureListArgs, @Ctx() ctx: RequestContext) {
    return { count: await disclosures.count(ctx.em, args) };
  }

  @Mutation(() => Disclosure, { nullable: true, description: 'Records a disclosure to an authority (dpo; append-only)' })
  recordDisclosure(@Args() args: RecordDisclosureArgs, @Ctx() ctx: RequestContext) {
    return disclosures.record(ctx.em, ctx.audit, ctx.caller, args);
  }
}
