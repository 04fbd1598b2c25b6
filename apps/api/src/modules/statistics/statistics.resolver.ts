import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { CustomerStatistics, CustomerStatisticsArgs } from './statistics.types.js';

/** Thin: the computation and the suppression rule live in CustomerStatisticsService. */
@Resolver(() => CustomerStatistics)
export class StatisticsResolver {
  @Query(() => CustomerStatistics, {
    description: 'Aggregate statistics of current customers (analyst, dpo); no group of fewer than five people is ever counted',
  })
  customerStatistics(@Args() args: CustomerStatisticsArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.statistics.customerStatistics(ctx.em, ctx.audit, args);
  }
}
