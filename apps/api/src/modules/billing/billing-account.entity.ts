import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';
import { BillingMethod } from './billing.enums.js';

/**
 * How and where a customer is billed; a customer may have several accounts (e.g. one per cost
 * centre). Which fields are needed depends on the method: an e-invoice needs the address and
 * the operator, an e-mail invoice the e-mail address, a paper invoice the postal address.
 */
@ObjectType({ simpleResolvers: true, description: 'A billing account of a customer: billing method and where invoices go' })
@Entity({ tableName: 'billing_account' })
@Index({ name: 'billing_account_customer_id_idx', properties: ['customer', 'createdAt'] })
export class BillingAccount {
  [OptionalProps]?: 'country' | 'sourceType' | 'collectedAt' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  @Field(() => ID, { nullable: true })
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => BillingMethod, { nullable: true })
  @Enum({ items: () => BillingMethod, nativeEnumName: 'billing_method' })
  method!: BillingMethod;

  @Field(() => String, { nullable: true, description: 'OVT code (0037 + business ID digits + suffix) or, for a consumer, an IBAN' })
  @Property({ length: 34, nullable: true })
  eInvoiceAddress?: string | null;

  @Field(() => String, { nullable: true, description: "The e-invoice operator's ID: an OVT code, a bank BIC or an operator code" })
  @Property({ length: 20, nullable: true })
  eInvoiceOperatorId?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 254, nullable: true })
  invoiceEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'Who receives and handles the invoices' })
  @Property({ length: 200, nullable: true })
  billingContactName?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 200, nullable: true })
  streetAddress?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 10, nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 100, nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code' })
  @Property({ length: 2, default: 'FI' })
  country: string = 'FI';

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
