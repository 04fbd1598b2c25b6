import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { badInput } from '../../common/errors.js';
import type { RequestContext } from '../../graphql/context.js';
import type { ErasurePlan, ErasureOutcome } from './erasure.service.js';
import { isoToday } from './hold-dates.js';
import {
  EraseDataSubjectArgs,
  ErasureFieldStrategy,
  ErasurePlanResult,
  ErasureRecordAction,
  ErasureResult,
  ErasureSubjectArgs,
  ErasureSubjectType,
} from './erasure.types.js';

function toPlanResult(plan: ErasurePlan): ErasurePlanResult {
  return {
    subjectType: plan.subjectType as ErasureSubjectType,
    subjectId: plan.subjectId,
    asOf: plan.asOf,
    fingerprint: plan.fingerprint,
    alreadyErased: plan.alreadyErased,
    heldUntil: plan.heldUntil,
    counts: plan.counts,
    types: plan.types.map((type) => ({
      type: type.typeName,
      label: type.label.en,
      labelFi: type.label.fi,
      records: type.records.map((record) => ({
        id: record.id,
        action: record.action as ErasureRecordAction,
        hold: record.hold,
        law: record.law,
        heldUntil: record.heldUntil,
      })),
      fields: type.fields.map((field) => ({
        field: field.field,
        label: field.label.en,
        labelFi: field.label.fi,
        strategy: field.strategy.toUpperCase() as ErasureFieldStrategy,
        replacement: field.replacement,
        hold: field.hold,
        law: field.law,
        reason: field.reason,
      })),
    })),
    computedTypes: plan.computedTypes.map((type) => ({ type: type.typeName, label: type.label.en, labelFi: type.label.fi })),
  };
}

function toResult(outcome: ErasureOutcome): ErasureResult {
  return { ...outcome, subjectType: outcome.subjectType as ErasureSubjectType };
}

/** Erasure of a data subject (GDPR Art. 17): the plan first, then its execution. dpo only. */
@Resolver()
export class ErasureResolver {
  @Query(() => ErasurePlanResult, { description: 'What erasing this customer (or contact person) would do, record by record. Changes nothing.' })
  async erasurePlan(@Args() args: ErasureSubjectArgs, @Ctx() ctx: RequestContext): Promise<ErasurePlanResult> {
    const subject = ctx.services.erasure.subjectOf(args);
    const plan = await ctx.services.erasure.plan(ctx.em, subject, isoToday());
    // Which records a person has is their data too: looking at the plan is audited.
    ctx.audit.later({
      operation: 'erasurePlan',
      action: 'read',
      subjectType: subject.type === 'CUSTOMER' ? 'Customer' : 'ContactPerson',
      subjectId: subject.id,
      fields: ['erasurePlan'],
    });
    return toPlanResult(plan);
  }

  @Mutation(() => ErasureResult, { description: 'Executes the erasure plan whose fingerprint is given, in one transaction' })
  async eraseDataSubject(@Args() args: EraseDataSubjectArgs, @Ctx() ctx: RequestContext): Promise<ErasureResult> {
    const subject = ctx.services.erasure.subjectOf(args);
    if (!/^[0-9a-f]{64}$/.test(args.confirm)) {
      throw badInput('confirm', 'is the fingerprint of the erasure plan (64 hexadecimal characters): compute the plan with erasurePlan, review it and send its fingerprint');
    }
    const outcome = await ctx.services.erasure.execute(ctx.em, ctx.audit, subject, {
      asOf: isoToday(),
      confirm: args.confirm,
      requestId: args.requestId ?? null,
      executedBy: ctx.caller.kind === 'staff' ? ctx.caller.userId : null,
      operation: 'eraseDataSubject',
    });
    return toResult(outcome!);
  }
}
