import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';
import { ContactChannel, CustomerEventKind } from './history.enums.js';

/** The values a change is about, e.g. `{ quantity: 2, monthlyPriceCents: 2490 }`. */
export type EventValues = Record<string, unknown>;

/**
 * One event of a customer's timeline. Append-only: the API has no operation that changes or
 * removes an event. The system writes the events of contracts (and of orders and quotations) in
 * the transaction of the change through HistoryService.record; staff record customer contacts.
 */
@ObjectType({ simpleResolvers: true, description: "An event of the customer's history timeline" })
@Entity({ tableName: 'customer_event' })
@Index({ name: 'customer_event_customer_id_at_idx', properties: ['customer', 'at', 'id'] })
@Index({ name: 'customer_event_at_id_idx', properties: ['at', 'id'] })
@Index({ name: 'customer_event_record_id_idx', properties: ['recordId'] })
@Check({ name: 'customer_event_contact_channel_check', expression: `("kind" = 'CONTACT') = ("channel" is not null)` })
export class CustomerEvent {
  [OptionalProps]?: 'at' | 'sourceType' | 'collectedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  @Field(() => ID, { nullable: true })
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Field(() => CustomerEventKind, { nullable: true })
  @Enum({ items: () => CustomerEventKind, nativeEnumName: 'customer_event_kind' })
  kind!: CustomerEventKind;

  @Field(() => String, { nullable: true })
  @Property({ length: 2000 })
  summary!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: 'json', nullable: true })
  before?: EventValues | null;

  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: 'json', nullable: true })
  after?: EventValues | null;

  @Field(() => ContactChannel, { nullable: true, description: 'For customer contacts' })
  @Enum({ items: () => ContactChannel, nativeEnumName: 'contact_channel', nullable: true })
  channel?: ContactChannel | null;

  @Field(() => ID, { nullable: true, description: 'The staff user who recorded it or made the change; empty for the system' })
  @Property({ type: 'uuid', nullable: true })
  staffUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'The kind of record the event is about, e.g. Contract, SimCard, Order' })
  @Property({ length: 40, nullable: true })
  recordType?: string | null;

  @Field(() => ID, { nullable: true, description: 'The record the event is about' })
  @Property({ type: 'uuid', nullable: true })
  recordId?: string | null;

  @Field(() => DataSource, { nullable: true })
  @Enum({ items: () => DataSource, nativeEnumName: 'data_source', default: DataSource.SERVICE_DELIVERY })
  sourceType: DataSource = DataSource.SERVICE_DELIVERY;

  @Field(() => String, { nullable: true })
  @Property({ length: 100, nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz' })
  collectedAt: Date = new Date();
}
