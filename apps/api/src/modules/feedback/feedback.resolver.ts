import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { Feedback } from './feedback.entity.js';
import { CreateFeedbackArgs, FeedbackListArgs, UpdateFeedbackArgs } from './feedback.input.js';

/** Thin: every decision lives in FeedbackService, every permission in the shield. */
@Resolver(() => Feedback)
export class FeedbackResolver {
  @Query(() => Feedback, { name: 'Feedback', nullable: true })
  feedback(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.feedback.get(ctx.em, id);
  }

  @Query(() => [Feedback])
  allFeedbacks(@Args() args: FeedbackListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.feedback.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allFeedbacksMeta(@Args() args: FeedbackListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.feedback.count(ctx.em, args) };
  }

  @Mutation(() => Feedback, { nullable: true })
  createFeedback(@Args() args: CreateFeedbackArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.feedback.create(ctx.em, ctx.audit, args);
  }

  @Mutation(() => Feedback, { nullable: true })
  updateFeedback(@Args() args: UpdateFeedbackArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.feedback.update(ctx.em, ctx.audit, args);
  }

  @Mutation(() => Feedback, { nullable: true, description: 'Removes feedback entered by mistake (dpo)' })
  deleteFeedback(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.feedback.delete(ctx.em, ctx.audit, id);
  }
}
