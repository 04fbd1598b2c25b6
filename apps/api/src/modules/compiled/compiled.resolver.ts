import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { selects } from '../contract/selection.js';
import { CustomerFiguresListArgs } from './compiled.input.js';
import { CustomerFigures } from './compiled.types.js';

/** Read-only: the figures are recomputed from the register on every read; nothing edits them. */
@Resolver(() => CustomerFigures)
export class CustomerFiguresResolver {
  @Query(() => CustomerFigures, { nullable: true, description: 'The compiled figures of one customer' })
  customerFigures(@Arg('customerId', () => ID) customerId: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return ctx.services.figures.forCustomer(ctx.em, customerId, selects(info, 'openInvoices'));
  }

  @Query(() => [CustomerFigures])
  allCustomerFigures(@Args() args: CustomerFiguresListArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return ctx.services.figures.list(ctx.em, args, selects(info, 'openInvoices'));
  }

  @Query(() => ListMetadata)
  async _allCustomerFiguresMeta(@Args() args: CustomerFiguresListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.figures.count(ctx.em, args) };
  }
}
