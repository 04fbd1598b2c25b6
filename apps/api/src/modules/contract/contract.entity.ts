import { Collection, OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ServiceProduct } from '../catalogue/catalogue.entity.js';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';
import { ContractStatus, SimCardStatus } from './contract.enums.js';

/**
 * A customer's contract: its services (lines) and SIM cards. The monthly value is computed from
 * the active lines on every read and never stored. Every field is classified in the data map
 * (Contract, ContractLine, SimCard); guarded fields are nullable so a denial nulls that field alone.
 * `lines`, `simCards` and `monthlyValueCents` are resolved in contract.resolver.ts, from
 * collections a list loads for its whole page at once.
 */
@ObjectType({ simpleResolvers: true, description: 'A contract of a customer, with its services and SIM cards' })
@Entity({ tableName: 'contract' })
@Index({ name: 'contract_customer_id_start_date_idx', properties: ['customer', 'startDate'] })
@Index({ name: 'contract_start_date_id_idx', properties: ['startDate', 'id'] })
@Index({ name: 'contract_status_idx', properties: ['status'] })
@Check({ name: 'contract_dates_check', expression: '"end_date" is null or "end_date" >= "start_date"' })
export class Contract {
  [OptionalProps]?: 'status' | 'sourceType' | 'collectedAt' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Unique({ name: 'contract_contract_number_unique' })
  @Field(() => String, { nullable: true, description: 'Human-readable contract number, e.g. SOP-100001' })
  @Property({ length: 20 })
  contractNumber!: string;

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  @Field(() => ID, { nullable: true })
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => ContractStatus, { nullable: true })
  @Enum({ items: () => ContractStatus, nativeEnumName: 'contract_status', default: ContractStatus.DRAFT })
  status: ContractStatus = ContractStatus.DRAFT;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Empty for an open-ended contract' })
  @Property({ type: 'date', nullable: true })
  endDate?: string | null;

  @OneToMany(() => ContractLine, (line) => line.contract, { orderBy: { addedDate: 'asc', id: 'asc' } })
  lines = new Collection<ContractLine>(this);

  @OneToMany(() => SimCard, (sim) => sim.contract, { orderBy: { createdAt: 'asc', id: 'asc' } })
  simCards = new Collection<SimCard>(this);

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

/** A service on a contract: the catalogue service, how many, and the monthly price agreed. */
@ObjectType({ simpleResolvers: true, description: 'A service on a contract' })
@Entity({ tableName: 'contract_line' })
@Index({ name: 'contract_line_contract_id_idx', properties: ['contract'] })
@Index({ name: 'contract_line_service_product_id_idx', properties: ['serviceProduct'] })
@Check({ name: 'contract_line_quantity_check', expression: '"quantity" >= 1' })
@Check({ name: 'contract_line_monthly_price_cents_check', expression: '"monthly_price_cents" >= 0' })
@Check({ name: 'contract_line_dates_check', expression: '"removed_date" is null or "removed_date" >= "added_date"' })
export class ContractLine {
  [OptionalProps]?: 'quantity' | 'sourceType' | 'collectedAt' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Contract, { deleteRule: 'cascade' })
  contract!: Rel<Contract>;

  @Field(() => ID, { nullable: true })
  get contractId(): string {
    return this.contract.id;
  }

  /** The contract is always loaded with its lines (they are read through it). */
  @Field(() => ID, { nullable: true })
  get customerId(): string | undefined {
    return this.contract.customer?.id;
  }

  @ManyToOne(() => ServiceProduct)
  serviceProduct!: Rel<ServiceProduct>;

  @Field(() => ID, { nullable: true })
  get serviceProductId(): string {
    return this.serviceProduct.id;
  }

  @Field(() => Int, { nullable: true })
  @Property({ type: 'int', default: 1 })
  quantity: number = 1;

  @Field(() => Int, { nullable: true, description: 'Agreed monthly price per unit in euro cents, VAT included' })
  @Property({ type: 'int' })
  monthlyPriceCents!: number;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date' })
  addedDate!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Empty while the service is active' })
  @Property({ type: 'date', nullable: true })
  removedDate?: string | null;

  @Field(() => DataSource, { nullable: true })
  @Enum({ items: () => DataSource, nativeEnumName: 'data_source', default: DataSource.DATA_SUBJECT })
  sourceType: DataSource = DataSource.DATA_SUBJECT;

  @Field(() => String, { nullable: true })
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

  get active(): boolean {
    return this.removedDate === null || this.removedDate === undefined;
  }
}

/**
 * A SIM card on a contract. The ICCID and the phone number are unique among the cards that are
 * not CLOSED (partial unique indexes), so a closed card's numbers can be issued again.
 */
@ObjectType({ simpleResolvers: true, description: 'A SIM card on a contract' })
@Entity({ tableName: 'sim_card' })
@Index({ name: 'sim_card_contract_id_idx', properties: ['contract'] })
@Check({ name: 'sim_card_iccid_check', expression: `"iccid" ~ '^89[0-9]{16,18}$'` })
@Check({ name: 'sim_card_phone_number_check', expression: `"phone_number" ~ '^\\+[1-9][0-9]{6,14}$'` })
@Index({ name: 'sim_card_customer_id_idx', properties: ['customer'] })
@Index({ name: 'sim_card_iccid_idx', properties: ['iccid'] })
@Index({
  name: 'sim_card_iccid_active_unique',
  expression: `create unique index "sim_card_iccid_active_unique" on "sim_card" ("iccid") where "status" <> 'CLOSED'`,
})
@Index({
  name: 'sim_card_phone_number_active_unique',
  expression: `create unique index "sim_card_phone_number_active_unique" on "sim_card" ("phone_number") where "status" <> 'CLOSED'`,
})
export class SimCard {
  [OptionalProps]?: 'status' | 'sourceType' | 'collectedAt' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Contract, { deleteRule: 'cascade' })
  contract!: Rel<Contract>;

  @Field(() => ID, { nullable: true })
  get contractId(): string {
    return this.contract.id;
  }

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  @Field(() => ID, { nullable: true })
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => String, { nullable: true, description: 'SIM card number, 18–20 digits' })
  @Property({ length: 20 })
  iccid!: string;

  @Field(() => String, { nullable: true, description: 'MSISDN in international form, e.g. +358401234567' })
  @Property({ length: 16 })
  phoneNumber!: string;

  @Field(() => SimCardStatus, { nullable: true })
  @Enum({ items: () => SimCardStatus, nativeEnumName: 'sim_card_status', default: SimCardStatus.ORDERED })
  status: SimCardStatus = SimCardStatus.ORDERED;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  activatedAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

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
