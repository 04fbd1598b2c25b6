import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { CustomerEvent } from './history.entity.js';
import { CustomerEventListArgs, RecordCustomerContactArgs } from './history.input.js';

/** Thin: the timeline lives in HistoryService, permissions in the shield. */
@Resolver(() => CustomerEvent)
export class CustomerEventResolver {
  @Query(() => CustomerEvent, { name: 'CustomerEvent', nullable: true })
  customerEvent(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.history.get(ctx.em, id);
  }

  @Query(() => [CustomerEvent], { description: "A customer's timeline: newest first unless sorted otherwise" })
  allCustomerEvents(@Args() args: CustomerEventListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.history.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allCustomerEventsMeta(@Args() args: CustomerEventListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.history.count(ctx.em, args) };
  }

  @Mutation(() => CustomerEvent, { nullable: true, description: 'Records a call, e-mail, visit or chat with the customer' })
  recordCustomerContact(@Args() args: RecordCustomerContactArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.history.recordCustomerContact(ctx.em, ctx.audit, args);
  }
}
