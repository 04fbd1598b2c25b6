import { GraphQLLocalDate } from '../../common/scalars.js';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/**
 * Segments, from the monthly value of the active services and the length of the relationship
 * (customerSince), checked in this order:
 *   KEY       monthly value at least 150,00 €
 *   NEW       a customer for less than 6 months
 *   VALUED    monthly value at least 50,00 € and a customer for at least 24 months
 *   STANDARD  everyone else
 */
export enum CustomerSegment {
  NEW = 'NEW',
  STANDARD = 'STANDARD',
  VALUED = 'VALUED',
  KEY = 'KEY',
}

export const SEGMENT_RULES = {
  keyMonthlyValueCents: 15_000,
  newForMonths: 6,
  valuedMonthlyValueCents: 5_000,
  valuedAfterMonths: 24,
} as const;

registerEnumType(CustomerSegment, {
  name: 'CustomerSegment',
  description:
    'KEY: monthly value ≥ 150 €; NEW: customer for under 6 months; VALUED: monthly value ≥ 50 € and customer for 24 months or more; STANDARD: the rest',
});

/**
 * Section 4, "customer-specific information compiled from the register": derived on every read
 * from contracts (and invoices), never stored, never edited.
 */
@ObjectType({ simpleResolvers: true, description: 'Figures compiled from the register for one customer (read-only, recomputed on every read)' })
export class CustomerFigures {
  @Field(() => ID, { description: 'The customer id (one set of figures per customer)' })
  id!: string;

  @Field(() => ID, { nullable: true })
  customerId!: string;

  @Field(() => Int, { nullable: true, description: "Services on the customer's ACTIVE contracts that have not been removed" })
  activeServices!: number;

  @Field(() => Int, { nullable: true, description: 'Sum of quantity × agreed monthly price of the active services, in euro cents' })
  monthlyValueCents!: number;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Start of the earliest contract in effect so far, or the day the customer was entered' })
  customerSince!: string;

  @Field(() => Int, { nullable: true, description: 'Invoices not yet paid or credited' })
  openInvoices!: number;

  @Field(() => CustomerSegment, { nullable: true })
  segment!: CustomerSegment;
}
