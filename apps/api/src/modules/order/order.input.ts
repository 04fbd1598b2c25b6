import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { DataSource } from '../customer/customer.enums.js';
import { OrderStatus } from './order.enums.js';

/** One line of a new order: a service or an equipment model (exactly one) and a quantity. */
@InputType({ description: 'A line of an order: a service or an equipment model, a quantity, optionally a price' })
export class OrderLineInput {
  @Field(() => ID, { nullable: true })
  serviceProductId?: string | null;

  @Field(() => ID, { nullable: true })
  equipmentModelId?: string | null;

  @Field(() => Int, { nullable: true })
  quantity?: number | null;

  @Field(() => Int, { nullable: true, description: 'Euro cents; defaults to the catalogue price' })
  unitPriceCents?: number | null;
}

/** The delivery address of an order (flat arguments, shared by create, update and conversion). */
@ArgsType()
export class DeliveryAddressArgs {
  @Field(() => String, { nullable: true })
  deliveryStreetAddress?: string | null;

  @Field(() => String, { nullable: true })
  deliveryPostalCode?: string | null;

  @Field(() => String, { nullable: true })
  deliveryCity?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, default FI' })
  deliveryCountry?: string | null;

  @Field(() => String, { nullable: true })
  recipientName?: string | null;
}

/** What a new order needs besides its customer and lines (also given when a quotation is converted). */
@ArgsType()
export class NewOrderArgs extends DeliveryAddressArgs {
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Defaults to today' })
  orderDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Requested or planned delivery date; may be left empty until agreed, never before the order date' })
  deliveryDate?: string | null;

  @Field(() => [String], { nullable: true, description: 'ICCIDs of the SIM cards to deliver' })
  simIccids?: string[] | null;

  @Field(() => DataSource, { nullable: true })
  sourceType?: DataSource;

  @Field(() => String, { nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the data was collected (defaults to now)' })
  collectedAt?: Date | null;
}

@ArgsType()
export class CreateOrderArgs extends NewOrderArgs {
  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => [OrderLineInput], { nullable: true })
  lines?: OrderLineInput[] | null;
}

@ArgsType()
export class UpdateOrderArgs extends DeliveryAddressArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => OrderStatus, { nullable: true })
  status?: OrderStatus;

  @Field(() => GraphQLLocalDate, { nullable: true })
  deliveryDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'With status DELIVERED; defaults to today' })
  deliveredAt?: string | null;

  @Field(() => [String], { nullable: true, description: 'While the order is NEW or CONFIRMED' })
  simIccids?: string[] | null;

  @Field(() => DataSource, { nullable: true })
  sourceType?: DataSource;

  @Field(() => String, { nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  collectedAt?: Date | null;
}

/** The delivery partner's only write: an open order is on its way, or delivered. */
@ArgsType()
export class UpdateOrderDeliveryArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => OrderStatus, { nullable: true, description: 'IN_DELIVERY or DELIVERED' })
  status?: OrderStatus | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'With DELIVERED; defaults to today' })
  deliveredAt?: string | null;
}

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class OrderFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => Int, { nullable: true })
  orderNumber?: number;

  @Field(() => OrderStatus, { nullable: true })
  status?: OrderStatus;

  @Field(() => Boolean, { nullable: true, description: 'true: NEW, CONFIRMED and IN_DELIVERY; false: DELIVERED and CANCELLED' })
  open?: boolean;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Ordered on or after this date' })
  orderedAfter?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Ordered on or before this date' })
  orderedBefore?: string;

  @Field(() => ID, { nullable: true })
  quotationId?: string;
}

@ArgsType()
export class OrderListArgs extends PageArgs {
  @Field(() => OrderFilter, { nullable: true })
  filter?: OrderFilter;
}

/** Which filter keys read which data-map fields (a filter is a read of what it filters on). */
export const ORDER_FILTER_FIELDS: Record<keyof OrderFilter, string[]> = {
  ids: ['id'],
  customerId: ['customerId'],
  orderNumber: ['orderNumber'],
  status: ['status'],
  open: ['status'],
  orderedAfter: ['orderDate'],
  orderedBefore: ['orderDate'],
  quotationId: ['quotationId'],
};

export const ORDER_SORT_FIELDS = [
  'orderNumber',
  'orderDate',
  'deliveryDate',
  'deliveredAt',
  'status',
  'valueCents',
  'createdAt',
  'updatedAt',
] as const;
