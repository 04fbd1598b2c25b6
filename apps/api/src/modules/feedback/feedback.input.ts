import { GraphQLDateTime } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { DataSource } from '../customer/customer.enums.js';
import { FeedbackKind } from './feedback.enums.js';

/** Flat mutation arguments (the ra-data-graphql-simple convention). Validated in the service. */
@ArgsType()
export class FeedbackFieldsArgs {
  @Field(() => FeedbackKind, { nullable: true })
  kind?: FeedbackKind | null;

  @Field(() => String, { nullable: true, description: 'Survey answers: the survey' })
  surveyName?: string | null;

  @Field(() => String, { nullable: true, description: 'Survey answers: the question' })
  question?: string | null;

  @Field(() => Int, { nullable: true, description: 'Survey answers: 0–10' })
  score?: number | null;

  @Field(() => String, { nullable: true, description: 'At most 4000 characters' })
  text?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Defaults to now' })
  givenAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The consent it was given under (required)' })
  consent?: string | null;

  @Field(() => DataSource, { nullable: true })
  sourceType?: DataSource | null;

  @Field(() => String, { nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the data was collected (defaults to now)' })
  collectedAt?: Date | null;
}

@ArgsType()
export class CreateFeedbackArgs extends FeedbackFieldsArgs {
  @Field(() => ID, { nullable: true, description: 'The customer (required)' })
  customerId?: string | null;
}

@ArgsType()
export class UpdateFeedbackArgs extends FeedbackFieldsArgs {
  @Field(() => ID)
  id!: string;
}

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class FeedbackFilter {
  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => FeedbackKind, { nullable: true })
  kind?: FeedbackKind;

  @Field(() => [ID], { nullable: true })
  ids?: string[];
}

@ArgsType()
export class FeedbackListArgs extends PageArgs {
  @Field(() => FeedbackFilter, { nullable: true })
  filter?: FeedbackFilter;
}

export const FEEDBACK_FILTER_FIELDS: Record<keyof FeedbackFilter, string[]> = {
  customerId: ['customerId'],
  kind: ['kind'],
  ids: ['id'],
};

export const FEEDBACK_SORT_FIELDS = ['givenAt', 'kind', 'score', 'createdAt'] as const;
