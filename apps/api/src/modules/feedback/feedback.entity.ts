import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';
import { FeedbackKind } from './feedback.enums.js';

/**
 * A survey answer or feedback given by the customer, or collected with their consent (section 4
 * of the registry description): the consent it was given under is part of the record.
 */
@ObjectType({ simpleResolvers: true, description: 'A survey answer or feedback given by the customer, with the consent it was given under' })
@Entity({ tableName: 'feedback' })
@Index({ name: 'feedback_customer_id_given_at_idx', properties: ['customer', 'givenAt'] })
@Index({ name: 'feedback_given_at_id_idx', properties: ['givenAt', 'id'] })
@Check({ name: 'feedback_score_check', expression: '"score" >= 0 and "score" <= 10' })
export class Feedback {
  [OptionalProps]?: 'givenAt' | 'sourceType' | 'collectedAt' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Customer)
  customer!: Rel<Customer>;

  @Field(() => ID, { nullable: true })
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => FeedbackKind, { nullable: true })
  @Enum({ items: () => FeedbackKind, nativeEnumName: 'feedback_kind' })
  kind!: FeedbackKind;

  @Field(() => String, { nullable: true, description: 'The survey (survey answers only)' })
  @Property({ length: 200, nullable: true })
  surveyName?: string | null;

  @Field(() => String, { nullable: true, description: 'The question answered (survey answers only)' })
  @Property({ length: 500, nullable: true })
  question?: string | null;

  @Field(() => Int, { nullable: true, description: 'Score 0–10 (survey answers only)' })
  @Property({ type: 'smallint', nullable: true })
  score?: number | null;

  @Field(() => String, { nullable: true, description: "The customer's own words, at most 4000 characters" })
  @Property({ length: 4000, nullable: true })
  text?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Property({ type: 'timestamptz' })
  givenAt: Date = new Date();

  @Field(() => String, { nullable: true, description: 'The consent the feedback was given or collected under' })
  @Property({ length: 500 })
  consent!: string;

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
