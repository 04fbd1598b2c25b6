import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { BillingAccount } from './billing-account.entity.js';
import {
  BillingAccountListArgs,
  CreateBillingAccountArgs,
  CreateInvoiceArgs,
  InvoiceListArgs,
  UpdateBillingAccountArgs,
  UpdateInvoiceArgs,
} from './billing.input.js';
import { Invoice } from './invoice.entity.js';

/** Thin: every decision lives in the services, every permission in the shield. */
@Resolver(() => BillingAccount)
export class BillingAccountResolver {
  @Query(() => BillingAccount, { name: 'BillingAccount', nullable: true })
  billingAccount(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.billingAccounts.get(ctx.em, id);
  }

  @Query(() => [BillingAccount])
  allBillingAccounts(@Args() args: BillingAccountListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.billingAccounts.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allBillingAccountsMeta(@Args() args: BillingAccountListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.billingAccounts.count(ctx.em, args) };
  }

  @Mutation(() => BillingAccount, { nullable: true })
  createBillingAccount(@Args() args: CreateBillingAccountArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.billingAccounts.create(ctx.em, ctx.audit, args);
  }

  @Mutation(() => BillingAccount, { nullable: true })
  updateBillingAccount(@Args() args: UpdateBillingAccountArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.billingAccounts.update(ctx.em, ctx.audit, args);
  }
}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Query(() => Invoice, { name: 'Invoice', nullable: true })
  invoice(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.invoices.get(ctx.em, id);
  }

  @Query(() => [Invoice])
  allInvoices(@Args() args: InvoiceListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.invoices.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allInvoicesMeta(@Args() args: InvoiceListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.invoices.count(ctx.em, args) };
  }

  @Mutation(() => Invoice, { nullable: true, description: 'Issues an OPEN invoice: number and reference number are generated' })
  createInvoice(@Args() args: CreateInvoiceArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.invoices.create(ctx.em, ctx.audit, args);
  }

  @Mutation(() => Invoice, {
    nullable: true,
    description: 'Status, payment, reminder, collection or due date of an invoice; PAID and CREDITED are final',
  })
  updateInvoice(@Args() args: UpdateInvoiceArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.invoices.update(ctx.em, ctx.audit, args);
  }

  @FieldResolver(() => BillingAccount, { nullable: true, description: 'Loaded for a whole page at once' })
  billingAccount(@Root() invoice: Invoice, @Ctx() ctx: RequestContext) {
    return ctx.services.invoices.billingAccount(ctx.em, invoice);
  }
}
