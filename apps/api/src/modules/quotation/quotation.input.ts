import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { DataSource } from '../customer/customer.enums.js';
import { DeliveryAddressArgs } from '../order/order.input.js';
import { QuotationStatus } from './quotation.enums.js';

@InputType({ description: 'A line of a quotation: a service or an equipment model, a quantity, optionally a price' })
export class QuotationLineInput {
  @Field(() => ID, { nullable: true })
  serviceProductId?: string | null;

  @Field(() => ID, { nullable: true })
  equipmentModelId?: string | null;

  @Field(() => Int, { nullable: true })
  quantity?: number | null;

  @Field(() => Int, { nullable: true, description: 'Euro cents; defaults to the catalogue price' })
  unitPriceCents?: number | null;
}

@ArgsType()
export class QuotationFieldsArgs {
  @Field(() => GraphQLLocalDate, { nullable: true })
  validUntil?: string | null;

  @Field(() => QuotationStatus, { nullable: true })
  status?: QuotationStatus | null;

  @Field(() => [QuotationLineInput], { nullable: true, description: 'On update: replaces every line (DRAFT only)' })
  lines?: QuotationLineInput[] | null;

  @Field(() => DataSource, { nullable: true })
  sourceType?: DataSource;

  @Field(() => String, { nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the data was collected (defaults to now)' })
  collectedAt?: Date | null;
}

@ArgsType()
export class CreateQuotationArgs extends QuotationFieldsArgs {
  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Defaults to today' })
  quotationDate?: string | null;
}

@ArgsType()
export class UpdateQuotationArgs extends QuotationFieldsArgs {
  @Field(() => ID)
  id!: string;
}

/** Turns a sent or accepted quotation into an order with its lines (and prices). */
@ArgsType()
export class ConvertQuotationToOrderArgs extends DeliveryAddressArgs {
  @Field(() => ID)
  quotationId!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Defaults to today' })
  orderDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Requested or planned delivery date; may be left empty until agreed, never before the order date' })
  deliveryDate?: string | null;

  @Field(() => [String], { nullable: true, description: 'ICCIDs of the SIM cards to deliver' })
  simIccids?: string[] | null;
}

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class QuotationFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => Int, { nullable: true })
  quotationNumber?: number;

  @Field(() => QuotationStatus, { nullable: true })
  status?: QuotationStatus;
}

@ArgsType()
export class QuotationListArgs extends PageArgs {
  @Field(() => QuotationFilter, { nullable: true })
  filter?: QuotationFilter;
}

export const QUOTATION_FILTER_FIELDS: Record<keyof QuotationFilter, string[]> = {
  ids: ['id'],
  customerId: ['customerId'],
  quotationNumber: ['quotationNumber'],
  status: ['status'],
};

export const QUOTATION_SORT_FIELDS = [
  'quotationNumber',
  'quotationDate',
  'validUntil',
  'status',
  'totalCents',
  'createdAt',
  'updatedAt',
] as const;
