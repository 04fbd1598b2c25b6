import type { Rel } from '@mikro-orm/core';
import { ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { EquipmentModel, ServiceProduct } from '../catalogue/catalogue.entity.js';

/**
 * What an order line and a quotation line have in common: a service or an equipment model
 * (exactly one), a quantity and a price. Each concrete line adds its parent and the data subject.
 */
@ObjectType({ simpleResolvers: true, description: 'Shared fields of order and quotation lines (never returned itself)' })
export abstract class SalesLine {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'smallint' })
  lineNumber!: number;

  @ManyToOne(() => ServiceProduct, { nullable: true, deleteRule: 'no action' })
  serviceProduct?: Rel<ServiceProduct> | null;

  @Field(() => ID, { nullable: true })
  get serviceProductId(): string | null {
    return this.serviceProduct?.id ?? null;
  }

  @ManyToOne(() => EquipmentModel, { nullable: true, deleteRule: 'no action' })
  equipmentModel?: Rel<EquipmentModel> | null;

  @Field(() => ID, { nullable: true })
  get equipmentModelId(): string | null {
    return this.equipmentModel?.id ?? null;
  }

  @Field(() => Int, { nullable: true })
  @Property({ type: 'int' })
  quantity!: number;

  @Field(() => Int, { nullable: true, description: "Euro cents (VAT included): a service's monthly price, an equipment model's price" })
  @Property({ type: 'int' })
  unitPriceCents!: number;

  @Field(() => Int, { nullable: true, description: 'quantity × unit price, in euro cents' })
  @Property({ type: 'int' })
  totalCents!: number;
}
