import { GraphQLLocalDate } from '../../common/scalars.js';
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '../../common/errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { listOptions, PageArgs } from '../../graphql/list.js';
import { isoToday } from '../erasure/hold-dates.js';
import { RetentionRun } from './retention-run.entity.js';

@ObjectType({ simpleResolvers: true, description: 'Records of one type a retention run would delete, anonymise, clear or keep under a hold' })
export class RetentionReportType {
  @Field(() => String) type!: string;
  @Field(() => Int) deleted!: number;
  @Field(() => Int) anonymised!: number;
  @Field(() => Int) cleared!: number;
  @Field(() => Int) held!: number;
}

@ObjectType({ simpleResolvers: true, description: 'What a retention run would do on a day, computed without changing anything' })
export class RetentionReport {
  @Field(() => GraphQLLocalDate) asOf!: string;
  @Field(() => Int, { description: 'Months the data map keeps customer data after the relationship ends' }) relationshipMonths!: number;
  @Field(() => Int, { description: 'Customers whose relationship ended and whose data is no longer needed' }) customers!: number;
  @Field(() => Int, { description: 'Erased data subjects whose legal hold has ended' }) holdsEnding!: number;
  @Field(() => Int, { description: 'Subjects whose erasure plans the counts cover (up to the limit)' }) planned!: number;
  @Field(() => Int, { description: 'Of the customers, those who would keep records under a legal hold' }) wouldHold!: number;
  @Field(() => [RetentionReportType]) types!: RetentionReportType[];
}

@ArgsType()
class RetentionRunListArgs extends PageArgs {}

const TODAY_PLUS_YEARS = 20;

/** The retention job's dry run and progress, for the registry liaison officer. */
@Resolver(() => RetentionRun)
export class RetentionResolver {
  @Query(() => RetentionReport, { description: 'What the retention job would erase on asOf (default today); changes nothing' })
  async retentionDryRun(
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => GraphQLLocalDate, { nullable: true }) asOf?: string | null,
    @Arg('limit', () => Int, { nullable: true, description: 'Plans computed for at most this many subjects (1–2000, default 500)' }) limit?: number | null,
  ): Promise<RetentionReport> {
    const today = isoToday();
    const day = asOf ?? today;
    const latest = `${Number(today.slice(0, 4)) + TODAY_PLUS_YEARS}${today.slice(4)}`;
    if (day < today) throw badInput('asOf', 'cannot be in the past: a dry run shows what a run would do today or on a later day');
    if (day > latest) throw badInput('asOf', `must be within ${TODAY_PLUS_YEARS} years from today`);
    const max = limit ?? 500;
    if (!Number.isInteger(max) || max < 1 || max > 2000) throw badInput('limit', 'must be between 1 and 2000');
    return ctx.services.retention.dryRun(ctx.em, day, max);
  }

  @Query(() => [RetentionRun])
  allRetentionRuns(@Args() args: RetentionRunListArgs, @Ctx() ctx: RequestContext): Promise<RetentionRun[]> {
    return ctx.services.retention.list(
      ctx.em,
      listOptions(args, ['startedAt', 'status', 'asOf'], { sortField: 'startedAt', sortOrder: 'DESC', tieBreaker: 'id' }),
    );
  }

  @Query(() => ListMetadata)
  async _allRetentionRunsMeta(@Args() _args: RetentionRunListArgs, @Ctx() ctx: RequestContext): Promise<ListMetadata> {
    return { count: await ctx.services.retention.count(ctx.em) };
  }

  @Query(() => RetentionRun, { nullable: true })
  retentionRun(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<RetentionRun | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw badInput('id', 'is not the id of a retention run');
    return ctx.em.findOne(RetentionRun, { id });
  }
}
