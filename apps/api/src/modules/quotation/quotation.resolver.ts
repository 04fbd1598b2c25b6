import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { Order } from '../order/order.entity.js';
import { Quotation, QuotationLine } from './quotation.entity.js';
import {
  ConvertQuotationToOrderArgs,
  CreateQuotationArgs,
  QuotationListArgs,
  UpdateQuotationArgs,
} from './quotation.input.js';

/** Thin: every decision lives in QuotationService, every permission in the shield. */
@Resolver(() => Quotation)
export class QuotationResolver {
  @Query(() => Quotation, { name: 'Quotation', nullable: true })
  quotation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.quotations.get(ctx.em, id);
  }

  @Query(() => [Quotation])
  allQuotations(@Args() args: QuotationListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.quotations.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allQuotationsMeta(@Args() args: QuotationListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.quotations.count(ctx.em, args) };
  }

  @Mutation(() => Quotation, { nullable: true })
  createQuotation(@Args() args: CreateQuotationArgs, @Ctx() ctx: RequestContext) {
    const preparedBy = ctx.caller.kind === 'staff' ? ctx.caller.userId : null;
    return ctx.services.quotations.create(ctx.em, ctx.audit, args, preparedBy);
  }

  @Mutation(() => Quotation, { nullable: true })
  updateQuotation(@Args() args: UpdateQuotationArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.quotations.update(ctx.em, ctx.audit, args);
  }

  @Mutation(() => Order, {
    nullable: true,
    description: 'Makes a NEW order of a SENT or ACCEPTED quotation that has not expired, and marks it CONVERTED',
  })
  convertQuotationToOrder(@Args() args: ConvertQuotationToOrderArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.quotations.convert(ctx.em, ctx.audit, args);
  }

  @FieldResolver(() => [QuotationLine], { nullable: true, description: 'What is offered, in line order' })
  lines(@Root() quotation: Quotation, @Ctx() ctx: RequestContext) {
    return ctx.services.quotations.linesOf(ctx.em, quotation);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the staff member who made the quotation' })
  preparedByName(@Root() quotation: Quotation, @Ctx() ctx: RequestContext) {
    return ctx.services.quotations.preparedByName(ctx.em, quotation);
  }
}
