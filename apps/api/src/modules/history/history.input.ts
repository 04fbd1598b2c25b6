import { GraphQLDateTime } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { ContactChannel, CustomerEventKind } from './history.enums.js';

@ArgsType()
export class RecordCustomerContactArgs {
  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => ContactChannel, { nullable: true })
  channel?: ContactChannel;

  @Field(() => String, { nullable: true, description: 'What was discussed, in a few sentences' })
  summary?: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the contact took place (defaults to now)' })
  at?: Date | null;
}

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class CustomerEventFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => CustomerEventKind, { nullable: true })
  kind?: CustomerEventKind;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Events at or after this time' })
  after?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Events before this time' })
  before?: Date;

  @Field(() => ID, { nullable: true, description: 'Events about this record (e.g. a contract)' })
  recordId?: string;
}

@ArgsType()
export class CustomerEventListArgs extends PageArgs {
  @Field(() => CustomerEventFilter, { nullable: true })
  filter?: CustomerEventFilter;
}

export const CUSTOMER_EVENT_FILTER_FIELDS: Record<keyof CustomerEventFilter, string[]> = {
  ids: ['id'],
  customerId: ['customerId'],
  kind: ['kind'],
  after: ['at'],
  before: ['at'],
  recordId: ['recordId'],
};

export const CUSTOMER_EVENT_SORT_FIELDS = ['at', 'kind'] as const;
