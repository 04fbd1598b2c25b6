import type { FilterQuery } from '@mikro-orm/core';
import { Args, ArgsType, Ctx, Field, InputType, Query, Resolver } from 'type-graphql';
import { listOptions, PageArgs } from '../graphql/list.js';
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
export class AuditEventListArgs extends PageArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  filter?: AuditEventFilter;
}

function where(filter: AuditEventFilter | undefined): FilterQuery<AuditEvent> {
  const conditions: Record<string, unknown> = {};
  // A subject's events: those about them alone and those about many that name them.
  if (filter?.subjectId) conditions.$or = [{ subjectId: filter.subjectId }, { subjectIds: { $contains: [filter.subjectId] } }];
  if (filter?.actorId) conditions.actorId = filter.actorId;
  if (filter?.action) conditions.action = filter.action;
  return conditions as FilterQuery<AuditEvent>;
}

/** The dpo reads who accessed a data subject's data (names by id, never values). */
@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => [AuditEvent])
  allAuditEvents(@Args() args: AuditEventListArgs, @Ctx() ctx: RequestContext) {
    return ctx.em.find(
      AuditEvent,
      where(args.filter),
      listOptions(args, ['seq', 'at'], { sortField: 'seq', sortOrder: 'DESC', tieBreaker: 'seq', perPage: 50 }),
    );
  }

  @Query(() => ListMetadata)
  async _allAuditEventsMeta(@Args() args: AuditEventListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.em.count(AuditEvent, where(args.filter)) };
  }
}
