import { wrap } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { ServiceProduct } from '../catalogue/catalogue.entity.js';
import { Contract, ContractLine, SimCard } from './contract.entity.js';
import {
  AddContractServiceArgs,
  AddSimCardArgs,
  ChangeContractServiceArgs,
  ContractListArgs,
  CreateContractArgs,
  SimCardListArgs,
  UpdateContractArgs,
  UpdateSimCardArgs,
} from './contract.input.js';
import type { ContractLoad } from './contract.service.js';
import { selects } from './selection.js';
import { isView, type View } from '../../db/views.js';
import { simCardsLoader } from '../customer/customer.loaders.js';

/** The relations the query asks for: a page of contracts loads each of them once. */
function wanted(info: GraphQLResolveInfo): ContractLoad {
  return {
    lines: selects(info, 'lines') || selects(info, 'monthlyValueCents'),
    serviceProducts: selects(info, 'lines', 'serviceProduct'),
    simCards: selects(info, 'simCards'),
  };
}

/**
 * The entity behind a contract read model (customer.reads.ts) for what only the entity has (its
 * lines): the ORM loads it once per request (identity map).
 */
async function entityOf(ctx: RequestContext, contract: Contract | View): Promise<Contract> {
  if (!isView(contract)) return contract;
  return ctx.em.findOneOrFail(Contract, { id: contract.id as string });
}

/** Thin: every decision lives in ContractService, every permission in the shield. */
@Resolver(() => Contract)
export class ContractResolver {
  @Query(() => Contract, { name: 'Contract', nullable: true })
  contract(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return ctx.services.contracts.get(ctx.em, id, wanted(info));
  }

  @Query(() => [Contract])
  allContracts(@Args() args: ContractListArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return ctx.services.contracts.list(ctx.em, args, wanted(info));
  }

  @Query(() => ListMetadata)
  async _allContractsMeta(@Args() args: ContractListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.contracts.count(ctx.em, args) };
  }

  @Mutation(() => Contract, { nullable: true, description: 'Opens a contract (a DRAFT unless a status is given) with its services' })
  async createContract(@Args() args: CreateContractArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return this.loaded(ctx, info, await ctx.services.contracts.create(ctx.em, ctx.audit, args));
  }

  @Mutation(() => Contract, { nullable: true, description: 'Changes the status or the end date; ending a contract ends its services and closes its SIM cards' })
  async updateContract(@Args() args: UpdateContractArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return this.loaded(ctx, info, await ctx.services.contracts.update(ctx.em, ctx.audit, args));
  }

  @Mutation(() => Contract, { nullable: true, description: 'Adds a service to a DRAFT or ACTIVE contract (recorded in the customer history)' })
  async addContractService(@Args() args: AddContractServiceArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return this.loaded(ctx, info, await ctx.services.contracts.addService(ctx.em, ctx.audit, args));
  }

  @Mutation(() => Contract, { nullable: true, description: 'Removes a service from its contract as of today (recorded in the customer history)' })
  async removeContractService(
    @Arg('contractLineId', () => ID) contractLineId: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.loaded(ctx, info, await ctx.services.contracts.removeService(ctx.em, ctx.audit, contractLineId));
  }

  @Mutation(() => Contract, { nullable: true, description: 'Changes the quantity or the agreed price of a service (recorded in the customer history)' })
  async changeContractService(@Args() args: ChangeContractServiceArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return this.loaded(ctx, info, await ctx.services.contracts.changeService(ctx.em, ctx.audit, args));
  }

  @FieldResolver(() => [ContractLine], { nullable: true, description: 'Services on the contract, removed ones included' })
  async lines(@Root() root: Contract, @Ctx() ctx: RequestContext) {
    const contract = await entityOf(ctx, root);
    if (!contract.lines.isInitialized()) await ctx.services.contracts.load(ctx.em, [contract], { lines: true });
    return contract.lines.getItems();
  }

  @FieldResolver(() => [SimCard], { nullable: true })
  async simCards(@Root() contract: Contract | View, @Ctx() ctx: RequestContext) {
    if (isView(contract)) {
      // A read model (Customer.contracts): read with its SIM cards when the query asked for them.
      return Array.isArray(contract.simCards) ? contract.simCards : simCardsLoader(ctx).load(contract.id as string);
    }
    if (!contract.simCards.isInitialized()) await ctx.services.contracts.load(ctx.em, [contract], { simCards: true });
    return contract.simCards.getItems();
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Monthly value in euro cents: quantity × agreed price over the active services' })
  async monthlyValueCents(@Root() root: Contract, @Ctx() ctx: RequestContext) {
    const contract = await entityOf(ctx, root);
    if (!contract.lines.isInitialized()) await ctx.services.contracts.load(ctx.em, [contract], { lines: true });
    return ctx.services.contracts.monthlyValueCents(contract);
  }

  private async loaded(ctx: RequestContext, info: GraphQLResolveInfo, contract: Contract) {
    await ctx.services.contracts.load(ctx.em, [contract], wanted(info));
    return contract;
  }
}

@Resolver(() => ContractLine)
export class ContractLineResolver {
  /** Loaded with the page's lines when asked for (ContractService.load); one look-up otherwise. */
  @FieldResolver(() => ServiceProduct, { nullable: true })
  async serviceProduct(@Root() line: ContractLine, @Ctx() ctx: RequestContext) {
    if (wrap(line.serviceProduct).isInitialized()) return line.serviceProduct;
    return ctx.em.findOne(ServiceProduct, { id: line.serviceProduct.id });
  }
}

@Resolver(() => SimCard)
export class SimCardResolver {
  @Query(() => SimCard, { name: 'SimCard', nullable: true })
  simCard(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.simCards.get(ctx.em, id);
  }

  @Query(() => [SimCard])
  allSimCards(@Args() args: SimCardListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.simCards.list(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allSimCardsMeta(@Args() args: SimCardListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.simCards.count(ctx.em, args) };
  }

  @Mutation(() => SimCard, { nullable: true, description: 'Adds a SIM card (ORDERED unless a status is given) to a DRAFT or ACTIVE contract' })
  addSimCard(@Args() args: AddSimCardArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.simCards.create(ctx.em, ctx.audit, args);
  }

  @Mutation(() => SimCard, { nullable: true, description: 'Activates, suspends or closes a SIM card' })
  updateSimCard(@Args() args: UpdateSimCardArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.simCards.update(ctx.em, ctx.audit, args);
  }
}
