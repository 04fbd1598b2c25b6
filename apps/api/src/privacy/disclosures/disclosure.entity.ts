import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import type { DisclosureLegalBasisName } from '@register/schema';
import { Field, ID, ObjectType } from 'type-graphql';
import { Customer } from '../../modules/customer/customer.entity.js';
import { StaffUser } from '../../modules/staff/staff-user.entity.js';
import { DisclosureLegalBasis, DisclosureSubjectKind } from './disclosure.enums.js';

/**
 * A disclosure of a person's data to an authority (section 6 of the registry description). The
 * record is the evidence that the disclosure was lawful: append-only (the database refuses
 * UPDATE, DELETE and TRUNCATE, Migration20261125043000), naming the person by id only.
 */
@ObjectType({ simpleResolvers: true, description: 'A disclosure of a person’s data to an authority (append-only record; dpo only)' })
@Entity({ tableName: 'disclosure' })
@Check({ name: 'disclosure_recipient_check', expression: `btrim("recipient") <> ''` })
@Check({ name: 'disclosure_legal_basis_text_check', expression: `btrim("legal_basis_text") <> ''` })
@Check({ name: 'disclosure_what_check', expression: 'cardinality("categories") + cardinality("fields") > 0' })
@Check({ name: 'disclosure_subject_check', expression: `("subject_kind" = 'CUSTOMER') = ("subject_id" = "customer_id")` })
@Index({
  name: 'disclosure_subject_id_idx',
  expression: 'create index "disclosure_subject_id_idx" on "disclosure" ("subject_id", "disclosed_on" desc)',
})
@Index({
  name: 'disclosure_customer_id_idx',
  expression: 'create index "disclosure_customer_id_idx" on "disclosure" ("customer_id", "disclosed_on" desc)',
})
@Index({ name: 'disclosure_disclosed_on_id_idx', properties: ['disclosedOn', 'id'] })
@Index({ name: 'disclosure_disclosed_by_id_idx', properties: ['disclosedBy'] })
export class Disclosure {
  [OptionalProps]?: 'recordedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => DisclosureSubjectKind, { nullable: true })
  @Enum({ items: () => DisclosureSubjectKind, nativeEnumName: 'disclosure_subject_kind' })
  subjectKind!: DisclosureSubjectKind;

  @Field(() => ID, { nullable: true, description: 'The customer or contact person whose data was disclosed' })
  @Property({ type: 'uuid' })
  subjectId!: string;

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  @Field(() => ID, { nullable: true, description: 'The customer, or the company of the contact person' })
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => String, { nullable: true, description: 'The authority the data was disclosed to' })
  @Property({ length: 200 })
  recipient!: string;

  @Field(() => DisclosureLegalBasis, { nullable: true })
  @Enum({ items: () => DisclosureLegalBasis, nativeEnumName: 'disclosure_legal_basis' })
  legalBasis!: DisclosureLegalBasisName;

  @Field(() => String, { nullable: true, description: 'The section of law or the decision the disclosure was made under' })
  @Property({ length: 1000 })
  legalBasisText!: string;

  @Field(() => [String], { nullable: true, description: 'Data categories of the data map that were disclosed' })
  @Property({ type: 'text[]' })
  categories: string[] = [];

  @Field(() => [String], { nullable: true, description: 'Fields that were disclosed, as Type.field of the data map' })
  @Property({ type: 'text[]' })
  fields: string[] = [];

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date' })
  disclosedOn!: string;

  @Field(() => String, { nullable: true, description: 'The reference number of the authority’s request' })
  @Property({ length: 100, nullable: true })
  requestReference?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 2000 characters; names the person by id only' })
  @Property({ length: 2000, nullable: true })
  note?: string | null;

  @ManyToOne(() => StaffUser)
  disclosedBy!: Rel<StaffUser>;

  @Field(() => ID, { nullable: true, description: 'The staff user who recorded the disclosure' })
  get disclosedById(): string {
    return this.disclosedBy.id;
  }

  /** The database's clock at the insert. */
  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  recordedAt!: Date;
}
