import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { DataSource } from '../customer/customer.enums.js';
import { BillingMethod, InvoiceStatus } from './billing.enums.js';

// Flat mutation arguments (the ra-data-graphql-simple convention). Validated in the services.

@ArgsType()
export class ProvenanceFieldsArgs {
  @Field(() => DataSource, { nullable: true })
  sourceType?: DataSource | null;

  @Field(() => String, { nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the data was collected (defaults to now)' })
  collectedAt?: Date | null;
}

@ArgsType()
export class BillingAccountFieldsArgs extends ProvenanceFieldsArgs {
  @Field(() => BillingMethod, { nullable: true })
  method?: BillingMethod | null;

  @Field(() => String, { nullable: true, description: 'E_INVOICE: OVT code like 003715728600, or a consumer IBAN' })
  eInvoiceAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'E_INVOICE: operator ID like 003723327487 or HELSFIHH' })
  eInvoiceOperatorId?: string | null;

  @Field(() => String, { nullable: true, description: 'EMAIL: where the invoices are sent' })
  invoiceEmail?: string | null;

  @Field(() => String, { nullable: true })
  billingContactName?: string | null;

  @Field(() => String, { nullable: true, description: 'PAPER: required with postal code and city' })
  streetAddress?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;
}

@ArgsType()
export class CreateBillingAccountArgs extends BillingAccountFieldsArgs {
  @Field(() => ID, { nullable: true, description: 'The customer (required)' })
  customerId?: string | null;
}

@ArgsType()
export class UpdateBillingAccountArgs extends BillingAccountFieldsArgs {
  @Field(() => ID)
  id!: string;
}

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class BillingAccountFilter {
  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => BillingMethod, { nullable: true })
  method?: BillingMethod;
}

@ArgsType()
export class BillingAccountListArgs extends PageArgs {
  @Field(() => BillingAccountFilter, { nullable: true })
  filter?: BillingAccountFilter;
}

export const BILLING_ACCOUNT_FILTER_FIELDS: Record<keyof BillingAccountFilter, string[]> = {
  customerId: ['customerId'],
  ids: ['id'],
  method: ['method'],
};

export const BILLING_ACCOUNT_SORT_FIELDS = ['createdAt', 'updatedAt', 'method'] as const;

@ArgsType()
export class CreateInvoiceArgs extends ProvenanceFieldsArgs {
  @Field(() => ID, { nullable: true, description: 'The billing account (required); the customer is its customer' })
  billingAccountId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Defaults to today' })
  issueDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Required; on or after the invoice date' })
  dueDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Amount without VAT in euro cents (required)' })
  netAmountCents?: number | null;

  @Field(() => Int, { nullable: true, description: 'VAT in euro cents (required)' })
  vatAmountCents?: number | null;

  @Field(() => Int, { nullable: true, description: 'Total in euro cents; computed when left out, checked when given' })
  totalAmountCents?: number | null;
}

@ArgsType()
export class UpdateInvoiceArgs extends ProvenanceFieldsArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Can be moved while the invoice is OPEN' })
  dueDate?: string | null;

  @Field(() => InvoiceStatus, { nullable: true })
  status?: InvoiceStatus | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Required when the status becomes PAID' })
  paidDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Required when the status becomes REMINDER_SENT' })
  reminderSentDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Required when the status becomes IN_COLLECTION' })
  collectionAgency?: string | null;
}

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class InvoiceFilter {
  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => ID, { nullable: true })
  billingAccountId?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => InvoiceStatus, { nullable: true })
  status?: InvoiceStatus;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Due on or before this date' })
  dueBefore?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Due on or after this date' })
  dueAfter?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: unpaid and past the due date; false: everything else' })
  overdue?: boolean;

  @Field(() => String, { nullable: true, description: 'Finnish reference number or RF creditor reference' })
  referenceNumber?: string;
}

@ArgsType()
export class InvoiceListArgs extends PageArgs {
  @Field(() => InvoiceFilter, { nullable: true })
  filter?: InvoiceFilter;
}

export const INVOICE_FILTER_FIELDS: Record<keyof InvoiceFilter, string[]> = {
  customerId: ['customerId'],
  billingAccountId: ['billingAccountId'],
  ids: ['id'],
  status: ['status'],
  dueBefore: ['dueDate'],
  dueAfter: ['dueDate'],
  overdue: ['status', 'dueDate'],
  referenceNumber: ['referenceNumber'],
};

export const INVOICE_SORT_FIELDS = ['issueDate', 'dueDate', 'invoiceNumber', 'totalAmountCents', 'status', 'paidDate', 'createdAt'] as const;
