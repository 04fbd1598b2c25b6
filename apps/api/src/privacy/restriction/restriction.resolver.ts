import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { badInput } from '../../common/errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ContactPerson } from '../../modules/contact-person/contact-person.entity.js';
import { Customer } from '../../modules/customer/customer.entity.js';
import { ProcessingRestriction, type RestrictionSubjectTypeName } from './restriction.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const actorOf = (ctx: RequestContext) => (ctx.caller.kind === 'staff' ? ctx.caller.userId : null);

/** Whose data: the request's person, or a customer or contact person named directly. */
async function subjectOf(
  ctx: RequestContext,
  requestId: string | null | undefined,
  subjectId: string | null | undefined,
): Promise<{ subjectType: RestrictionSubjectTypeName; subjectId: string; requestId: string | null }> {
  if (requestId) {
    const request = await ctx.services.dataSubjectRequests.getOrFail(ctx.em, requestId, 'requestId');
    const id = request.customerId ?? request.contactPersonId;
    if (!id) throw badInput('requestId', 'link the request to a customer or contact person first');
    if (subjectId && subjectId !== id) throw badInput('subjectId', 'is not the person of the request; give one of the two');
    return { subjectType: request.customerId ? 'CUSTOMER' : 'CONTACT_PERSON', subjectId: id, requestId: request.id };
  }
  if (!subjectId) throw badInput('subjectId', 'is required: give the request (requestId) or the customer or contact person (subjectId)');
  if (!UUID.test(subjectId)) throw badInput('subjectId', 'must be a customer or contact person number (a UUID)');
  const [customers, contacts] = await Promise.all([
    ctx.em.count(Customer, { id: subjectId }),
    ctx.em.count(ContactPerson, { id: subjectId }),
  ]);
  if (customers > 0) return { subjectType: 'CUSTOMER', subjectId, requestId: null };
  if (contacts > 0) return { subjectType: 'CONTACT_PERSON', subjectId, requestId: null };
  throw badInput('subjectId', 'no customer or contact person has this number');
}

/** Restriction of processing (GDPR Art. 18): dpo only. */
@Resolver(() => ProcessingRestriction)
export class ProcessingRestrictionResolver {
  @Query(() => [ProcessingRestriction], { description: 'Every restriction of a data subject, active and lifted, oldest first' })
  processingRestrictions(@Arg('subjectId', () => ID) subjectId: string, @Ctx() ctx: RequestContext) {
    return ctx.services.restrictions.history(ctx.em, subjectId);
  }

  @Mutation(() => ProcessingRestriction, {
    description: 'Restricts processing of the person of a request (requestId) or of a customer or contact person (subjectId)',
  })
  async restrictProcessing(
    @Arg('requestId', () => ID, { nullable: true }) requestId: string | null,
    @Arg('subjectId', () => ID, { nullable: true }) subjectId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const subject = await subjectOf(ctx, requestId, subjectId);
    return ctx.em.transactional((tx) =>
      ctx.services.restrictions.restrict(tx, { ...subject, reason: 'DATA_SUBJECT_REQUEST', by: actorOf(ctx) }, ctx.audit),
    );
  }

  @Mutation(() => [ProcessingRestriction], {
    description: 'Lifts the restriction a data subject asked for; restrictions under a legal hold end with the hold',
  })
  async liftRestriction(
    @Arg('requestId', () => ID, { nullable: true }) requestId: string | null,
    @Arg('subjectId', () => ID, { nullable: true }) subjectId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const subject = await subjectOf(ctx, requestId, subjectId);
    const lifted = await ctx.em.transactional((tx) =>
      ctx.services.restrictions.lift(tx, { subjectId: subject.subjectId, reason: 'DATA_SUBJECT_REQUEST', by: actorOf(ctx) }, ctx.audit),
    );
    if (lifted.length === 0) throw badInput(requestId ? 'requestId' : 'subjectId', 'this person’s processing is not restricted at their request');
    return lifted;
  }
}
