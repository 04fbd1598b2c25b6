import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';

/**
 * A contact person of a business customer: a data subject of their own (the data map's subject
 * is `id`), so reading their fields is audited under their own id, not the company's.
 */
@ObjectType({ simpleResolvers: true, description: 'A contact person of a business customer' })
@Entity({ tableName: 'contact_person' })
@Index({ name: 'contact_person_customer_id_name_idx', properties: ['customer', 'name', 'id'] })
@Index({ name: 'contact_person_name_id_idx', properties: ['name', 'id'] })
export class ContactPerson {
  [OptionalProps]?: 'country' | 'sourceType' | 'collectedAt' | 'createdAt' | 'updatedAt' | 'searchText';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  @Field(() => ID, { nullable: true, description: 'The business customer this person works for' })
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => String, { nullable: true })
  @Property({ length: 200 })
  name!: string;

  @Index({ name: 'contact_person_email_idx', expression: 'create index "contact_person_email_idx" on "contact_person" (lower("email"))' })
  @Field(() => String, { nullable: true })
  @Property({ length: 254, nullable: true })
  email?: string | null;

  @Index({ name: 'contact_person_phone_idx', properties: ['phone'] })
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

  @Field(() => String, { nullable: true, description: 'Role in the company, e.g. "purchasing contact"' })
  @Property({ length: 200, nullable: true })
  roleInCompany?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title' })
  @Property({ length: 200, nullable: true })
  position?: string | null;

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

  /** Lower-cased name, e-mail and phone digits, kept by PostgreSQL: `filter.q` searches it by trigram. */
  @Index({
    name: 'contact_person_search_text_trgm_idx',
    expression: 'create index "contact_person_search_text_trgm_idx" on "contact_person" using gin ("search_text" gin_trgm_ops)',
  })
  @Property({
    columnType: 'text',
    generated: "(lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), ''))) stored",
    hidden: true,
    lazy: true,
  })
  searchText?: string;
}
