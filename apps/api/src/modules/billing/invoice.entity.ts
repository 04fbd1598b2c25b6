import { createRfReference } from '@register/identifiers';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';
import { BillingAccount } from './billing-account.entity.js';
import { InvoiceStatus } from './billing.enums.js';

/**
 * An invoice: an accounting voucher, kept under the Accounting Act's hold. Money is in integer
 * euro cents and the total is always net + VAT (checked here and by the database). The invoice
 * number comes from a PostgreSQL sequence and the reference number is generated from it.
 * `customer` is the billing account's customer, kept on the invoice so that a customer's
 * invoices are found (and their reads audited) without a join.
 */
@ObjectType({ simpleResolvers: true, description: 'An invoice with its reference number, amounts and payment and collection status' })
@Entity({ tableName: 'invoice' })
@Index({ name: 'invoice_customer_id_issue_date_idx', properties: ['customer', 'issueDate'] })
@Index({ name: 'invoice_billing_account_id_idx', properties: ['billingAccount'] })
@Index({ name: 'invoice_status_due_date_idx', properties: ['status', 'dueDate'] })
@Index({ name: 'invoice_issue_date_id_idx', properties: ['issueDate', 'id'] })
@Check({ name: 'invoice_amounts_check', expression: '"net_amount_cents" >= 0 and "vat_amount_cents" >= 0 and "total_amount_cents" = "net_amount_cents" + "vat_amount_cents"' })
@Check({ name: 'invoice_due_date_check', expression: '"due_date" >= "issue_date"' })
@Check({ name: 'invoice_paid_date_check', expression: `("status" = 'PAID') = ("paid_date" is not null)` })
@Check({ name: 'invoice_collection_agency_check', expression: `"status" <> 'IN_COLLECTION' or "collection_agency" is not null` })
// A pattern, not `= 'EUR'`: MikroORM's schema diff would read a one-value equality as an enum.
@Check({ name: 'invoice_currency_check', expression: `"currency" ~ '^EUR$'` })
export class Invoice {
  [OptionalProps]?: 'currency' | 'status' | 'sourceType' | 'collectedAt' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  @Field(() => ID, { nullable: true })
  get customerId(): string {
    return this.customer.id;
  }

  @ManyToOne(() => BillingAccount)
  billingAccount!: Rel<BillingAccount>;

  @Field(() => ID, { nullable: true })
  get billingAccountId(): string {
    return this.billingAccount.id;
  }

  @Unique({ name: 'invoice_invoice_number_unique' })
  @Field(() => Int, { nullable: true, description: 'Running invoice number (100001, 100002, …)' })
  @Property({ type: 'int' })
  invoiceNumber!: number;

  @Unique({ name: 'invoice_reference_number_unique' })
  @Field(() => String, { nullable: true, description: 'Finnish reference number (viitenumero), compact digits' })
  @Property({ length: 20 })
  referenceNumber!: string;

  @Field(() => String, { nullable: true, description: 'The same reference as an RF creditor reference (ISO 11649)' })
  get rfReference(): string {
    return createRfReference(this.referenceNumber);
  }

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date' })
  issueDate!: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date' })
  dueDate!: string;

  @Field(() => Int, { nullable: true, description: 'Amount without VAT, euro cents' })
  @Property({ type: 'int' })
  netAmountCents!: number;

  @Field(() => Int, { nullable: true, description: 'VAT, euro cents' })
  @Property({ type: 'int' })
  vatAmountCents!: number;

  @Field(() => Int, { nullable: true, description: 'Total with VAT (net + VAT), euro cents' })
  @Property({ type: 'int' })
  totalAmountCents!: number;

  @Field(() => String, { nullable: true, description: 'Always EUR' })
  @Property({ length: 3, default: 'EUR' })
  currency: string = 'EUR';

  @Field(() => InvoiceStatus, { nullable: true })
  @Enum({ items: () => InvoiceStatus, nativeEnumName: 'invoice_status', default: InvoiceStatus.OPEN })
  status: InvoiceStatus = InvoiceStatus.OPEN;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the invoice was paid (status PAID)' })
  @Property({ type: 'date', nullable: true })
  paidDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the latest payment reminder was sent' })
  @Property({ type: 'date', nullable: true })
  reminderSentDate?: string | null;

  @Field(() => String, { nullable: true, description: 'The collection agency handling the invoice (status IN_COLLECTION)' })
  @Property({ length: 200, nullable: true })
  collectionAgency?: string | null;

  @Field(() => DataSource, { nullable: true })
  @Enum({ items: () => DataSource, nativeEnumName: 'data_source', default: DataSource.SERVICE_DELIVERY })
  sourceType: DataSource = DataSource.SERVICE_DELIVERY;

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
