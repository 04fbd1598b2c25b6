import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { Order, OrderLine } from './order.entity.js';
import { CreateOrderArgs, OrderListArgs, UpdateOrderArgs, UpdateOrderDeliveryArgs } from './order.input.js';

/** Thin: every decision lives in OrderService (including the partner's row filter), every permission in the shield. */
@Resolver(() => Order)
export class OrderResolver {
  @Query(() => Order, { name: 'Order', nullable: true })
  order(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.orders.get(ctx.em, id, ctx.principal);
  }

  @Query(() => [Order])
  allOrders(@Args() args: OrderListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.orders.list(ctx.em, args, ctx.principal);
  }

  @Query(() => ListMetadata)
  async _allOrdersMeta(@Args() args: OrderListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.orders.count(ctx.em, args, ctx.principal) };
  }

  @Mutation(() => Order, { nullable: true })
  createOrder(@Args() args: CreateOrderArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.orders.create(ctx.em, ctx.audit, args);
  }

  @Mutation(() => Order, { nullable: true })
  updateOrder(@Args() args: UpdateOrderArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.orders.update(ctx.em, ctx.audit, args);
  }

  @Mutation(() => Order, {
    nullable: true,
    description: "The delivery partner's report on an open order: IN_DELIVERY, or DELIVERED (with the date)",
  })
  updateOrderDelivery(@Args() args: UpdateOrderDeliveryArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.orders.updateDelivery(ctx.em, ctx.audit, args, ctx.principal);
  }

  @FieldResolver(() => [OrderLine], { nullable: true, description: 'What was ordered, in line order' })
  lines(@Root() order: Order, @Ctx() ctx: RequestContext) {
    return ctx.services.orders.linesOf(ctx.em, order);
  }
}
