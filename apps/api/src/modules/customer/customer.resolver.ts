import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { listRowFilter, primeUnrestricted } from '../../access/restriction.js';
import { rowFilter } from '../../access/row-conditions.js';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { Customer } from './customer.entity.js';
import { CreateCustomerArgs, CustomerListArgs, UpdateCustomerArgs } from './customer.input.js';

/** Thin: every decision lives in CustomerService, every permission in the shield. */
@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, { name: 'Customer', nullable: true })
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.customers.get(ctx.em, id, rowFilter(ctx.principal, 'Customer'));
  }

  @Query(() => [Customer])
  async allCustomers(@Args() args: CustomerListArgs, @Ctx() ctx: RequestContext) {
    const customers = await ctx.services.customers.list(ctx.em, args, listRowFilter(ctx, 'Customer'));
    // The list left restricted people out: their fields need no second look-up.
    primeUnrestricted(ctx, 'Customer', customers);
    return customers;
  }

  @Query(() => ListMetadata)
  async _allCustomersMeta(@Args() args: CustomerListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.customers.count(ctx.em, args, listRowFilter(ctx, 'Customer')) };
  }

  @Mutation(() => Customer, { nullable: true })
  createCustomer(@Args() args: CreateCustomerArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.customers.create(ctx.em, ctx.audit, args);
  }

  @Mutation(() => Customer, { nullable: true })
  updateCustomer(@Args() args: UpdateCustomerArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.customers.update(ctx.em, ctx.audit, args);
  }

  @Mutation(() => Customer, {
    nullable: true,
    description: 'Only for a record entered by mistake with nothing attached (dpo); otherwise use erasure',
  })
  deleteCustomer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.customers.delete(ctx.em, ctx.audit, id);
  }

  @Mutation(() => Boolean, {
    description: 'Checks a number a caller gives against the stored one; audited and rate-limited',
  })
  verifyPersonalIdentityNumber(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('value', () => String) value: string,
    @Ctx() ctx: RequestContext,
  ) {
    const actorId = ctx.caller.kind === 'staff' ? ctx.caller.userId : 'unknown';
    return ctx.services.customers.verifyPersonalIdentityNumber(ctx.em, ctx.audit, actorId, customerId, value);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Henkilötunnus in full (billing and dpo only)' })
  personalIdentityNumber(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return ctx.services.customers.personalIdentityNumber(customer);
  }
}
