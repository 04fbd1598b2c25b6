import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { CustomerKind, CustomerStatus, DataSource } from './customer.enums.js';
import { searchIndex } from './customer.search.js';

/**
 * A customer of Lesec Oy: a private person or a business. Every field here is classified in the
 * data map (@register/schema) and guarded by the rule generated from it; guarded fields are
 * nullable so that a denial nulls that field alone.
 *
 * The personal identity number is never stored in clear: the ciphertext, key id and blind index
 * follow the classification of `personalIdentityNumber` and have no GraphQL field of their own.
 */
@ObjectType({ simpleResolvers: true, description: 'A private or business customer' })
@Entity({ tableName: 'customer' })
// The list's sort indexes carry whether the customer is restricted, so that a list that leaves them
// out stays an index-only scan (migration 20261206061500).
@Index({ name: 'customer_name_id_idx', expression: 'create index "customer_name_id_idx" on "customer" ("name", "id") include ("processing_restricted")' })
@Index({ name: 'customer_created_at_id_idx', expression: 'create index "customer_created_at_id_idx" on "customer" ("created_at", "id") include ("processing_restricted")' })
@Index({ name: 'customer_status_idx', properties: ['status'] })
// `filter.q` (customer.search.ts): phone, e-mail, and a name from its first four words on.
@Index(searchIndex('customer_search_phone_idx'))
@Index(searchIndex('customer_search_email_idx'))
@Index(searchIndex('customer_search_name_idx'))
@Index(searchIndex('customer_search_word2_idx'))
@Index(searchIndex('customer_search_word3_idx'))
@Index(searchIndex('customer_search_word4_idx'))
export class Customer {
  [OptionalProps]?:
    | 'status'
    | 'country'
    | 'sourceType'
    | 'collectedAt'
    | 'createdAt'
    | 'updatedAt'
    | 'searchText'
    | 'processingRestricted';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => CustomerKind, { nullable: true })
  @Enum({ items: () => CustomerKind, nativeEnumName: 'customer_kind' })
  kind!: CustomerKind;

  @Field(() => String, { nullable: true, description: 'Full name of the person, or the company name' })
  @Property({ length: 200 })
  name!: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date', nullable: true })
  dateOfBirth?: string | null;

  @Property({ type: 'bytea', nullable: true, hidden: true })
  personalIdentityNumberCiphertext?: Buffer | null;

  @Property({ length: 32, nullable: true, hidden: true })
  personalIdentityNumberKeyId?: string | null;

  @Index({ name: 'customer_pin_blind_index_unique', expression: 'create unique index "customer_pin_blind_index_unique" on "customer" ("personal_identity_number_blind_index") where "personal_identity_number_blind_index" is not null' })
  @Property({ type: 'bytea', nullable: true, hidden: true })
  personalIdentityNumberBlindIndex?: Buffer | null;

  @Field(() => String, { nullable: true, description: 'DDMMYYC-**** — date of birth and century sign only' })
  @Property({ length: 11, nullable: true })
  personalIdentityNumberMasked?: string | null;

  @Index({ name: 'customer_business_id_unique', expression: 'create unique index "customer_business_id_unique" on "customer" ("business_id") where "business_id" is not null' })
  @Field(() => String, { nullable: true, description: 'Y-tunnus, NNNNNNN-C' })
  @Property({ length: 9, nullable: true })
  businessId?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 254, nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'International format, e.g. +358401234567' })
  @Property({ length: 20, nullable: true })
  phone?: string | null;

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

  @Field(() => CustomerStatus, { nullable: true })
  @Enum({ items: () => CustomerStatus, nativeEnumName: 'customer_status', default: CustomerStatus.ACTIVE })
  status: CustomerStatus = CustomerStatus.ACTIVE;

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
  @Property({ type: 'timestamptz', nullable: true })
  relationshipEndedAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /**
   * Whether processing of the customer is restricted (an active ProcessingRestriction names them).
   * Kept by PostgreSQL itself (a trigger on processing_restriction, migration 20261206061500) and
   * never written by the application: lists and searches leave restricted people out on their
   * own indexes with it, and reading a customer tells the restriction check with it.
   */
  @Property({ default: false, hidden: true })
  processingRestricted: boolean = false;

  /**
   * Lower-cased name, e-mail and phone digits, kept by PostgreSQL itself. No longer read by the
   * customer search (customer.search.ts has indexes of its own); it stays while the data map
   * lists it as storage of name, e-mail and phone.
   */
  @Property({
    columnType: 'text',
    generated: "(lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), ''))) stored",
    hidden: true,
    lazy: true,
  })
  searchText?: string;
}
