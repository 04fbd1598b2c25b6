import { OptionalProps, PrimaryKeyProp, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';
import { StaffUser } from '../staff/staff-user.entity.js';
import { MarketingChannel, MarketingDecision, MarketingSource } from './marketing.enums.js';

/**
 * One decision about direct marketing on one channel: a permit (consent) or a prohibition
 * (objection), with when, how and from whom it came and who recorded it. The ledger is append-only:
 * the database refuses UPDATE, DELETE and TRUNCATE (Migration20261125020300); a correction is a new
 * entry. The current state is derived from it (CustomerMarketingState).
 */
@ObjectType({ simpleResolvers: true, description: 'A direct-marketing permit or prohibition on one channel (append-only ledger)' })
@Entity({ tableName: 'marketing_permit_entry' })
@Check({ name: 'marketing_permit_entry_source_partner_check', expression: `("source" = 'PARTNER') = ("source_partner" is not null)` })
@Check({ name: 'marketing_permit_entry_source_type_check', expression: `("source" = 'PARTNER') = ("source_type" = 'PARTNER')` })
@Check({ name: 'marketing_permit_entry_evidence_check', expression: `btrim("evidence") <> ''` })
@Index({
  name: 'marketing_permit_entry_customer_idx',
  expression: 'create index "marketing_permit_entry_customer_idx" on "marketing_permit_entry" ("customer_id", "channel", "recorded_at" desc)',
})
@Index({
  name: 'marketing_permit_entry_contact_person_idx',
  expression: 'create index "marketing_permit_entry_contact_person_idx" on "marketing_permit_entry" ("contact_person_id", "channel", "recorded_at" desc) where "contact_person_id" is not null',
})
@Index({ name: 'marketing_permit_entry_recorded_at_id_idx', properties: ['recordedAt', 'id'] })
@Index({ name: 'marketing_permit_entry_recorded_by_id_index', properties: ['recordedBy'] })
export class MarketingPermitEntry {
  [OptionalProps]?: 'sourceType' | 'collectedAt' | 'recordedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  @Field(() => ID, { nullable: true, description: 'The customer the decision concerns' })
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => ID, {
    nullable: true,
    description: "A business customer's contact person, when the decision is the contact person's own",
  })
  @Property({ type: 'uuid', nullable: true })
  contactPersonId?: string | null;

  @Field(() => MarketingChannel, { nullable: true })
  @Enum({ items: () => MarketingChannel, nativeEnumName: 'marketing_channel' })
  channel!: MarketingChannel;

  @Field(() => MarketingDecision, { nullable: true })
  @Enum({ items: () => MarketingDecision, nativeEnumName: 'marketing_decision' })
  decision!: MarketingDecision;

  /**
   * The database's clock at the insert, not the API server's: the latest entry decides, and
   * servers behind a load balancer must not reorder decisions by their clocks' skew.
   */
  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  recordedAt!: Date;

  @Field(() => MarketingSource, { nullable: true })
  @Enum({ items: () => MarketingSource, nativeEnumName: 'marketing_source' })
  source!: MarketingSource;

  @Field(() => String, { nullable: true, description: 'The partner register, when the source is PARTNER' })
  @Property({ length: 100, nullable: true })
  sourcePartner?: string | null;

  @Field(() => DataSource, { nullable: true })
  @Enum({ items: () => DataSource, nativeEnumName: 'data_source', default: DataSource.DATA_SUBJECT })
  sourceType: DataSource = DataSource.DATA_SUBJECT;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz' })
  collectedAt: Date = new Date();

  @ManyToOne(() => StaffUser)
  recordedBy!: Rel<StaffUser>;

  @Field(() => ID, { nullable: true, description: 'The staff user who recorded the decision' })
  get recordedById(): string {
    return this.recordedBy.id;
  }

  @Field(() => String, { nullable: true, description: 'What the customer said, sent or signed (at most 2000 characters)' })
  @Property({ length: 2000 })
  evidence!: string;
}

/**
 * The current state of one customer's channel: a row for every customer and channel, kept by the
 * database in the transaction of the change — created with the law's default when the customer is
 * created (or changes kind), and replaced by the latest ledger entry when one is appended. Reading
 * the state is one primary-key join, never a ledger scan; nothing in the API writes it.
 */
@Entity({ tableName: 'customer_marketing_state', readonly: true })
@Check({ name: 'customer_marketing_state_decided_check', expression: '("decided_at" is null) = ("entry_id" is null)' })
@Index({
  name: 'customer_marketing_state_permitted_idx',
  expression: 'create index "customer_marketing_state_permitted_idx" on "customer_marketing_state" ("channel", "customer_id") where "permitted"',
})
@Index({ name: 'customer_marketing_state_entry_id_index', properties: ['entry'] })
export class CustomerMarketingState {
  [PrimaryKeyProp]?: ['customer', 'channel'];

  @ManyToOne(() => Customer, { primary: true, deleteRule: 'cascade' })
  customer!: Rel<Customer>;

  @Enum({ items: () => MarketingChannel, nativeEnumName: 'marketing_channel', primary: true })
  channel!: MarketingChannel;

  @Property()
  permitted!: boolean;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @ManyToOne(() => MarketingPermitEntry, { nullable: true, deleteRule: 'no action' })
  entry?: Rel<MarketingPermitEntry> | null;
}
