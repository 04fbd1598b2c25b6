import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { listRowFilter, primeRestriction, primeUnrestricted } from '../../access/restriction.js';
import { rowFilter } from '../../access/row-conditions.js';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { Contract } from '../contract/contract.entity.js';
import { selectedFields, selects } from '../contract/selection.js';
import { Customer } from './customer.entity.js';
import { contractsLoader } from './customer.loaders.js';
import type { CustomerReadWants } from './customer.reads.js';
import { CreateCustomerArgs, CustomerListArgs, UpdateCustomerArgs } from './customer.input.js';

/** What of a customer's related records the query asks for: they are read with the customer. */
function wants(info: GraphQLResolveInfo): CustomerReadWants {
  return {
    contracts: selects(info, 'contracts'),
    simCards: selects(info, 'contracts', 'simCards'),
    // Only the columns the query selects travel from PostgreSQL (customer.reads.ts).
    fields: {
      customer: selectedFields(info),
      contract: selectedFields(info, 'contracts'),
      simCard: selectedFields(info, 'contracts', 'simCards'),
    },
  };
}

/** Thin: every decision lives in CustomerService, every permission in the shield. */
@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, { name: 'Customer', nullable: true })
  async customer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const found = await ctx.services.customers.read(ctx, id, rowFilter(ctx.principal, 'Customer'), wants(info));
    if (found?.restricted !== undefined) primeRestriction(ctx, found.customer.id as string, found.restricted);
    return found?.customer ?? null;
  }

  @Query(() => [Customer])
  async allCustomers(@Args() args: CustomerListArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const customers = await ctx.services.customers.page(ctx, args, listRowFilter(ctx, 'Customer'), wants(info));
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

  @FieldResolver(() => [Contract], { nullable: true, description: 'The customer’s contracts, by start date' })
  contracts(@Root() customer: Customer & { contracts?: unknown }, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // Read with the customer when the query asked for them (customer.reads.ts); otherwise one
    // statement for every customer of the response.
    if (Array.isArray(customer.contracts)) return customer.contracts;
    return contractsLoader(ctx, selects(info, 'simCards')).load(customer.id);
  }
}
