import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { DataSubjectRequest } from './request.entity.js';
import {
  CompleteDataSubjectRequestArgs,
  CreateDataSubjectRequestArgs,
  DataSubjectRequestListArgs,
  DataSubjectRequestStatistics,
  ExtendDataSubjectRequestArgs,
  RefuseDataSubjectRequestArgs,
  UpdateDataSubjectRequestArgs,
} from './request.input.js';

const actorOf = (ctx: RequestContext) => (ctx.caller.kind === 'staff' ? ctx.caller.userId : null);

/** Thin: every decision lives in DataSubjectRequestService, every permission in the shield (dpo). */
@Resolver(() => DataSubjectRequest)
export class DataSubjectRequestResolver {
  @Query(() => DataSubjectRequest, { nullable: true })
  dataSubjectRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.dataSubjectRequests.get(ctx.em, id);
  }

  @Query(() => [DataSubjectRequest], { description: 'Requests by due date (default); filter by status, type, overdue, dueBefore' })
  allDataSubjectRequests(@Args() args: DataSubjectRequestListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.dataSubjectRequests.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allDataSubjectRequestsMeta(@Args() args: DataSubjectRequestListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.dataSubjectRequests.count(ctx.em, args) };
  }

  @Query(() => DataSubjectRequestStatistics, { description: 'Counts by status and by month of receipt' })
  dataSubjectRequestStatistics(@Ctx() ctx: RequestContext) {
    return ctx.services.dataSubjectRequests.statistics(ctx.em);
  }

  @Mutation(() => DataSubjectRequest, { nullable: true, description: 'Registers a request; the due date is one calendar month after receipt' })
  createDataSubjectRequest(@Args() args: CreateDataSubjectRequestArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.dataSubjectRequests.create(ctx.em, ctx.audit, actorOf(ctx), args);
  }

  @Mutation(() => DataSubjectRequest, {
    nullable: true,
    description: 'Edits the details, links the person (customerId or contactPersonId), records the identity verification',
  })
  updateDataSubjectRequest(@Args() args: UpdateDataSubjectRequestArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.dataSubjectRequests.update(ctx.em, ctx.audit, actorOf(ctx), args);
  }

  @Mutation(() => DataSubjectRequest, { nullable: true, description: 'Extends the due date once, by at most two further months' })
  extendDataSubjectRequest(@Args() args: ExtendDataSubjectRequestArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.dataSubjectRequests.extend(ctx.em, ctx.audit, actorOf(ctx), args);
  }

  @Mutation(() => DataSubjectRequest, {
    nullable: true,
    description: 'Completes a verified request; an OBJECTION prohibits every marketing channel, a RESTRICTION restricts processing',
  })
  completeDataSubjectRequest(@Args() args: CompleteDataSubjectRequestArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.dataSubjectRequests.complete(ctx.em, ctx.audit, actorOf(ctx), args.id, args.notes);
  }

  @Mutation(() => DataSubjectRequest, { nullable: true, description: 'Refuses a request with the reason the person is told' })
  refuseDataSubjectRequest(@Args() args: RefuseDataSubjectRequestArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.dataSubjectRequests.refuse(ctx.em, ctx.audit, args.id, args.reason);
  }
}
