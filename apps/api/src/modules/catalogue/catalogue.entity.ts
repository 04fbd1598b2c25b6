import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ServiceKind {
  MOBILE = 'MOBILE',
  BROADBAND = 'BROADBAND',
  FIXED_LINE = 'FIXED_LINE',
  TV = 'TV',
  SECURITY = 'SECURITY',
  OTHER = 'OTHER',
}

registerEnumType(ServiceKind, { name: 'ServiceKind', description: 'What kind of service a product is' });

/** A service that can be ordered, with its prices (the catalogue holds no personal data). */
@ObjectType({ simpleResolvers: true, description: 'A service in the catalogue' })
@Entity({ tableName: 'service_product' })
export class ServiceProduct {
  [OptionalProps]?: 'active' | 'createdAt' | 'updatedAt' | 'oneOffPriceCents';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Unique({ name: 'service_product_code_unique' })
  @Field(() => String, { description: 'Product code, e.g. MOB-5G-200' })
  @Property({ length: 40 })
  code!: string;

  @Field(() => String)
  @Property({ length: 200 })
  name!: string;

  @Field(() => ServiceKind)
  @Enum({ items: () => ServiceKind, nativeEnumName: 'service_kind' })
  kind!: ServiceKind;

  @Field(() => Int, { description: 'Monthly price in euro cents, VAT included' })
  @Property({ type: 'int' })
  monthlyPriceCents!: number;

  @Field(() => Int, { description: 'One-off (opening) price in euro cents, VAT included' })
  @Property({ type: 'int', default: 0 })
  oneOffPriceCents: number = 0;

  @Field(() => Boolean, { description: 'Whether it can be ordered now' })
  @Property({ default: true })
  active: boolean = true;

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** An equipment model that can be sold or rented (phones, routers, set-top boxes). */
@ObjectType({ simpleResolvers: true, description: 'An equipment model in the catalogue' })
@Entity({ tableName: 'equipment_model' })
export class EquipmentModel {
  [OptionalProps]?: 'active' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Unique({ name: 'equipment_model_sku_unique' })
  @Field(() => String, { description: 'Stock keeping unit, e.g. RTR-AX3000' })
  @Property({ length: 40 })
  sku!: string;

  @Field(() => String)
  @Property({ length: 100 })
  manufacturer!: string;

  @Field(() => String)
  @Property({ length: 200 })
  model!: string;

  @Field(() => Int, { description: 'Price in euro cents, VAT included' })
  @Property({ type: 'int' })
  priceCents!: number;

  @Field(() => Boolean)
  @Property({ default: true })
  active: boolean = true;

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLDateTime)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
