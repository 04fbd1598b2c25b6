import { Args, ArgsType, Ctx, Field, InputType, Int, Query, Resolver } from 'type-graphql';
import { badInput } from '../common/errors.js';
import type { RequestContext } from '../graphql/context.js';
import { ListMetadata } from '../graphql/list-metadata.js';
import { AuditEvent } from './audit-event.entity.js';

@InputType()
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'Id of the data subject' })
  subjectId?: string;

  @Field(() => String, { nullable: true })
  actorId?: string;

  @Field(() => String, { nullable: true })
  action?: string;
}

@ArgsType()
export class AuditEventListArgs {
  @Field(() => Int, { nullable: true })
  page?: number;

  @Field(() => Int, { nullable: true })
  perPage?: number;

  @Field(() => String, { nullable: true })
  sortField?: string;

  @Field(() => String, { nullable: true })
  sortOrder?: string;

  @Field(() => AuditEventFilter, { nullable: true })
  filter?: AuditEventFilter;
}

function where(filter: AuditEventFilter | undefined) {
  const conditions: Record<string, string> = {};
  if (filter?.subjectId) conditions.subjectId = filter.subjectId;
  if (filter?.actorId) conditions.actorId = filter.actorId;
  if (filter?.action) conditions.action = filter.action;
  return conditions;
}

/** The dpo reads who accessed a data subject's data (names by id, never values). */
@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => [AuditEvent])
  allAuditEvents(@Args() args: AuditEventListArgs, @Ctx() ctx: RequestContext) {
    const perPage = args.perPage ?? 50;
    if (perPage < 1 || perPage > 500) throw badInput('perPage', 'must be between 1 and 500');
    const page = args.page ?? 0;
    if (page < 0) throw badInput('page', 'must be 0 or more');
    const direction = args.sortOrder?.toUpperCase() === 'ASC' ? 'asc' : 'desc';
    return ctx.em.find(AuditEvent, where(args.filter), {
      orderBy: { seq: direction },
      limit: perPage,
      offset: page * perPage,
    });
  }

  @Query(() => ListMetadata)
  async _allAuditEventsMeta(@Args() args: AuditEventListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.em.count(AuditEvent, where(args.filter)) };
  }
}
