import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { ListMetadata } from '../../graphql/list-metadata.js';
import { EquipmentModel, ServiceProduct } from './catalogue.entity.js';
import {
  EquipmentModelFieldsArgs,
  EquipmentModelListArgs,
  ServiceProductFieldsArgs,
  ServiceProductListArgs,
  UpdateEquipmentModelArgs,
  UpdateServiceProductArgs,
} from './catalogue.input.js';

@Resolver(() => ServiceProduct)
export class ServiceProductResolver {
  @Query(() => ServiceProduct, { name: 'ServiceProduct', nullable: true })
  serviceProduct(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.catalogue.getService(ctx.em, id);
  }

  @Query(() => [ServiceProduct])
  allServiceProducts(@Args() args: ServiceProductListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.catalogue.listServices(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allServiceProductsMeta(@Args() args: ServiceProductListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.catalogue.countServices(ctx.em, args) };
  }

  @Mutation(() => ServiceProduct)
  createServiceProduct(@Args() args: ServiceProductFieldsArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.catalogue.saveService(ctx.em, ctx.audit, undefined, args);
  }

  @Mutation(() => ServiceProduct)
  updateServiceProduct(@Args() { id, ...args }: UpdateServiceProductArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.catalogue.saveService(ctx.em, ctx.audit, id, args);
  }
}

@Resolver(() => EquipmentModel)
export class EquipmentModelResolver {
  @Query(() => EquipmentModel, { name: 'EquipmentModel', nullable: true })
  equipmentModel(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.catalogue.getEquipment(ctx.em, id);
  }

  @Query(() => [EquipmentModel])
  allEquipmentModels(@Args() args: EquipmentModelListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.catalogue.listEquipment(ctx.em, args);
  }

  @Query(() => ListMetadata)
  async _allEquipmentModelsMeta(@Args() args: EquipmentModelListArgs, @Ctx() ctx: RequestContext) {
    return { count: await ctx.services.catalogue.countEquipment(ctx.em, args) };
  }

  @Mutation(() => EquipmentModel)
  createEquipmentModel(@Args() args: EquipmentModelFieldsArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.catalogue.saveEquipment(ctx.em, ctx.audit, undefined, args);
  }

  @Mutation(() => EquipmentModel)
  updateEquipmentModel(@Args() { id, ...args }: UpdateEquipmentModelArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.catalogue.saveEquipment(ctx.em, ctx.audit, id, args);
  }
}
