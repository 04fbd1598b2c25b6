import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { Feedback } from './feedback.entity.js';
import { CreateFeedbackArgs, FeedbackListArgs, UpdateFeedbackArgs } from './feedback.input.js';
import { FeedbackService } from './feedback.service.js';

/** The module's service: it holds no request state (the EntityManager and audit log are passed in). */
export const feedbacks = new FeedbackService();

/** Thin: every decision lives in FeedbackService, every permission in the shield. */
@Resolver(() => Feedback)
export class FeedbackResolver {
  @Query(() => Feedback, { name: 'Feedback', nullable: true })
  feedback(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return feedbacks.get(ctx.em, id);
  }

  @Query(() => [Feedback])
  allFeedbacks(@Args() args: FeedbackListArgs, @Ctx() ctx: RequestContext) {
    return feedbacks.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allFeedbacksMeta(@Args() args: FeedbackListArgs, @Ctx() ctx: RequestContext) {
    return { count: await feedbacks.count(ctx.em, args) };
  }

  @Mutation(() => Feedback, { nullable: true })
  createFeedback(@Args() args: CreateFeedbackArgs, @Ctx() ctx: RequestContext) {
    return feedbacks.create(ctx.em, ctx.audit, args);
  }

  @Mutation(() => Feedback, { nullable: true })
  updateFeedback(@Args() args: UpdateFeedbackArgs, @Ctx() ctx: RequestContext) {
    return feedbacks.update(ctx.em, ctx.audit, args);
  }

  @Mutation(() => Feedback, { nullable: true, description: 'Removes feedback entered by mistake (dpo)' })
  deleteFeedback(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return feedbacks.delete(ctx.em, ctx.audit, id);
  }
}
