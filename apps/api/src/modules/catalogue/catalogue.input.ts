import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { ServiceKind } from './catalogue.entity.js';

@ArgsType()
export class ServiceProductFieldsArgs {
  @Field(() => String, { nullable: true })
  code?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => ServiceKind, { nullable: true })
  kind?: ServiceKind;

  @Field(() => Int, { nullable: true })
  monthlyPriceCents?: number;

  @Field(() => Int, { nullable: true })
  oneOffPriceCents?: number;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;
}

@ArgsType()
export class UpdateServiceProductArgs extends ServiceProductFieldsArgs {
  @Field(() => ID)
  id!: string;
}

@InputType()
export class ServiceProductFilter {
  @Field(() => String, { nullable: true, description: 'Search in code and name' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ServiceKind, { nullable: true })
  kind?: ServiceKind;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;
}

@ArgsType()
export class ServiceProductListArgs extends PageArgs {
  @Field(() => ServiceProductFilter, { nullable: true })
  filter?: ServiceProductFilter;
}

@ArgsType()
export class EquipmentModelFieldsArgs {
  @Field(() => String, { nullable: true })
  sku?: string;

  @Field(() => String, { nullable: true })
  manufacturer?: string;

  @Field(() => String, { nullable: true })
  model?: string;

  @Field(() => Int, { nullable: true })
  priceCents?: number;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;
}

@ArgsType()
export class UpdateEquipmentModelArgs extends EquipmentModelFieldsArgs {
  @Field(() => ID)
  id!: string;
}

@InputType()
export class EquipmentModelFilter {
  @Field(() => String, { nullable: true, description: 'Search in SKU, manufacturer and model' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => Boolean, { nullable: true })
  active?: boolean;
}

@ArgsType()
export class EquipmentModelListArgs extends PageArgs {
  @Field(() => EquipmentModelFilter, { nullable: true })
  filter?: EquipmentModelFilter;
}
