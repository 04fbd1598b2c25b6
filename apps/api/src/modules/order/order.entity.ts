import { Collection, OptionalProps, type Rel } from '@mikro-orm/core';
import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SalesLine } from './sales-line.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';
import { Quotation } from '../quotation/quotation.entity.js';
import { OrderStatus } from './order.enums.js';

/**
 * A customer's order of services and equipment, delivered to an address (with the SIM cards to
 * ship). Its value is computed from its lines, never typed. Every field is classified in the data
 * map (Order); guarded fields are nullable so a denial nulls that field alone. The delivery partner
 * reads the delivery fields of open orders only (OrderService filters the rows it may see).
 * `lines` is resolved by OrderResolver (batched per request).
 */
@ObjectType({ simpleResolvers: true, description: "A customer's order of services and equipment" })
@Entity({ tableName: 'customer_order' })
@Index({ name: 'customer_order_customer_id_idx', properties: ['customer'] })
@Index({ name: 'customer_order_status_idx', properties: ['status'] })
@Index({ name: 'customer_order_order_date_id_idx', properties: ['orderDate', 'id'] })
@Index({
  name: 'customer_order_quotation_id_unique',
  expression:
    'create unique index "customer_order_quotation_id_unique" on "customer_order" ("quotation_id") where "quotation_id" is not null',
})
@Index({
  name: 'customer_order_open_sim_iccids_idx',
  expression: `create index "customer_order_open_sim_iccids_idx" on "customer_order" using gin ("sim_iccids") where "status" in ('NEW', 'CONFIRMED', 'IN_DELIVERY')`,
})
@Check({ name: 'customer_order_delivery_date_check', expression: '"delivery_date" >= "order_date"' })
@Check({ name: 'customer_order_delivered_at_check', expression: `("delivered_at" is null or "delivered_at" >= "order_date") and (("status" = 'DELIVERED') = ("delivered_at" is not null))` })
@Check({ name: 'customer_order_value_cents_check', expression: '"value_cents" >= 0' })
@Check({
  name: 'customer_order_source_partner_check',
  expression: `("source_type" = 'PARTNER') = ("source_partner" is not null)`,
})
export class Order {
  [OptionalProps]?:
    | 'orderNumber'
    | 'status'
    | 'deliveryCountry'
    | 'valueCents'
    | 'simIccids'
    | 'sourceType'
    | 'collectedAt'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Unique({ name: 'customer_order_order_number_unique' })
  @Field(() => Int, { nullable: true, description: 'Running number of the order' })
  @Property({ type: 'int' })
  orderNumber!: number;

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  /**
   * The data subject. The audit of reads takes it from the record itself, so a partner's read is
   * recorded against the customer although the partner cannot read this field.
   */
  @Field(() => ID, { nullable: true })
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date' })
  orderDate!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Requested or planned delivery date; empty until one is agreed' })
  @Property({ type: 'date', nullable: true })
  deliveryDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The date the order was delivered' })
  @Property({ type: 'date', nullable: true })
  deliveredAt?: string | null;

  @Field(() => OrderStatus, { nullable: true })
  @Enum({ items: () => OrderStatus, nativeEnumName: 'order_status', default: OrderStatus.NEW })
  status: OrderStatus = OrderStatus.NEW;

  @Field(() => String, { nullable: true })
  @Property({ length: 200, nullable: true })
  deliveryStreetAddress?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 10, nullable: true })
  deliveryPostalCode?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 100, nullable: true })
  deliveryCity?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code' })
  @Property({ length: 2, default: 'FI' })
  deliveryCountry: string = 'FI';

  @Field(() => String, { nullable: true, description: 'Who receives the delivery' })
  @Property({ length: 200, nullable: true })
  recipientName?: string | null;

  @Field(() => [String], { nullable: true, description: 'ICCIDs of the SIM cards delivered with the order' })
  @Property({ type: 'text[]' })
  simIccids: string[] = [];

  @OneToMany(() => OrderLine, (line) => line.order, { orderBy: { lineNumber: 'asc' }, orphanRemoval: true })
  lines = new Collection<OrderLine>(this);

  @Field(() => Int, { nullable: true, description: 'Sum of the line totals, in euro cents (VAT included)' })
  @Property({ type: 'int', default: 0 })
  valueCents: number = 0;

  @ManyToOne(() => Quotation, { nullable: true, deleteRule: 'set null' })
  quotation?: Rel<Quotation> | null;

  @Field(() => ID, { nullable: true, description: 'The quotation the order was converted from' })
  get quotationId(): string | null {
    return this.quotation?.id ?? null;
  }

  @Field(() => DataSource, { nullable: true })
  @Enum({ items: () => DataSource, nativeEnumName: 'data_source', default: DataSource.DATA_SUBJECT })
  sourceType: DataSource = DataSource.DATA_SUBJECT;

  @Field(() => String, { nullable: true, description: 'The partner register, when sourceType is PARTNER' })
  @Property({ length: 100, nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz' })
  collectedAt: Date = new Date();

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** One line of an order: a service or an equipment model (exactly one), a quantity and a price. */
@ObjectType({ simpleResolvers: true, description: 'A line of an order' })
@Entity({ tableName: 'customer_order_line' })
@Unique({ name: 'customer_order_line_order_id_line_number_unique', properties: ['order', 'lineNumber'] })
@Index({ name: 'customer_order_line_service_product_id_idx', properties: ['serviceProduct'] })
@Index({ name: 'customer_order_line_equipment_model_id_idx', properties: ['equipmentModel'] })
@Check({
  name: 'customer_order_line_one_product_check',
  expression: '("service_product_id" is null) <> ("equipment_model_id" is null)',
})
@Check({ name: 'customer_order_line_quantity_check', expression: '"quantity" >= 1 and "quantity" <= 1000' })
@Check({ name: 'customer_order_line_unit_price_cents_check', expression: '"unit_price_cents" >= 0' })
@Check({ name: 'customer_order_line_total_cents_check', expression: '"total_cents" = "quantity" * "unit_price_cents"' })
export class OrderLine extends SalesLine {
  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  order!: Rel<Order>;

  @Field(() => ID, { nullable: true })
  get orderId(): string {
    return this.order.id;
  }

  /** The data subject, for the audit of reads: the customer of the order. */
  @Field(() => ID, { nullable: true })
  get customerId(): string {
    return this.order.customer.id;
  }
}
