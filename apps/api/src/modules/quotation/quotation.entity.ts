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
import { SalesLine } from '../order/sales-line.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';
import { StaffUser } from '../staff/staff-user.entity.js';
import { QuotationStatus } from './quotation.enums.js';

/**
 * An offer of services and equipment to a customer, valid until a date. Its total is computed
 * from its lines; `convertQuotationToOrder` turns a sent or accepted one into an order. Every field
 * is classified in the data map (Quotation); guarded fields are nullable so a denial nulls that
 * field alone. `lines` and `preparedByName` are resolved by QuotationResolver (batched).
 */
@ObjectType({ simpleResolvers: true, description: 'A quotation (offer) of services and equipment to a customer' })
@Entity({ tableName: 'quotation' })
@Index({ name: 'quotation_customer_id_idx', properties: ['customer'] })
@Index({ name: 'quotation_status_idx', properties: ['status'] })
@Check({ name: 'quotation_valid_until_check', expression: '"valid_until" >= "quotation_date"' })
@Check({ name: 'quotation_total_cents_check', expression: '"total_cents" >= 0' })
@Check({
  name: 'quotation_source_partner_check',
  expression: `("source_type" = 'PARTNER') = ("source_partner" is not null)`,
})
export class Quotation {
  [OptionalProps]?:
    | 'quotationNumber'
    | 'status'
    | 'totalCents'
    | 'sourceType'
    | 'collectedAt'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Unique({ name: 'quotation_quotation_number_unique' })
  @Field(() => Int, { nullable: true, description: 'Running number of the quotation' })
  @Property({ type: 'int' })
  quotationNumber!: number;

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  /** The data subject: read by the audit of reads from the record itself, not from the response. */
  @Field(() => ID, { nullable: true })
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date' })
  quotationDate!: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date' })
  validUntil!: string;

  @Field(() => QuotationStatus, { nullable: true })
  @Enum({ items: () => QuotationStatus, nativeEnumName: 'quotation_status', default: QuotationStatus.DRAFT })
  status: QuotationStatus = QuotationStatus.DRAFT;

  @OneToMany(() => QuotationLine, (line) => line.quotation, { orderBy: { lineNumber: 'asc' }, orphanRemoval: true })
  lines = new Collection<QuotationLine>(this);

  @Field(() => Int, { nullable: true, description: 'Sum of the line totals, in euro cents (VAT included)' })
  @Property({ type: 'int', default: 0 })
  totalCents: number = 0;

  @ManyToOne(() => StaffUser, { nullable: true, deleteRule: 'set null' })
  preparedBy?: Rel<StaffUser> | null;

  @Field(() => ID, { nullable: true, description: 'The staff member who made the quotation' })
  get preparedById(): string | null {
    return this.preparedBy?.id ?? null;
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

/** One line of a quotation: a service or an equipment model (exactly one), a quantity and a price. */
@ObjectType({ simpleResolvers: true, description: 'A line of a quotation' })
@Entity({ tableName: 'quotation_line' })
@Index({ name: 'quotation_line_quotation_id_idx', properties: ['quotation'] })
@Index({ name: 'quotation_line_service_product_id_idx', properties: ['serviceProduct'] })
@Index({ name: 'quotation_line_equipment_model_id_idx', properties: ['equipmentModel'] })
@Check({
  name: 'quotation_line_one_product_check',
  expression: '("service_product_id" is null) <> ("equipment_model_id" is null)',
})
@Check({ name: 'quotation_line_quantity_check', expression: '"quantity" >= 1 and "quantity" <= 1000' })
@Check({ name: 'quotation_line_unit_price_cents_check', expression: '"unit_price_cents" >= 0' })
@Check({ name: 'quotation_line_total_cents_check', expression: '"total_cents" = "quantity" * "unit_price_cents"' })
export class QuotationLine extends SalesLine {
  @ManyToOne(() => Quotation, { deleteRule: 'cascade' })
  quotation!: Rel<Quotation>;

  @Field(() => ID, { nullable: true })
  get quotationId(): string {
    return this.quotation.id;
  }

  /** The data subject, for the audit of reads: the customer of the quotation. */
  @Field(() => ID, { nullable: true })
  get customerId(): string {
    return this.quotation.customer.id;
  }
}
