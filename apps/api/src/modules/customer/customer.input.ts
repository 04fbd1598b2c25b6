import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLLocalDate } from '../../common/scalars.js';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { CustomerKind, CustomerStatus, DataSource } from './customer.enums.js';
import { MarketingChannel } from '../marketing/marketing.enums.js';

/** Flat mutation arguments (the ra-data-graphql-simple convention). Validated in the service. */
@ArgsType()
export class CustomerFieldsArgs {
  @Field(() => CustomerKind, { nullable: true })
  kind?: CustomerKind;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true, description: 'Henkilötunnus, DDMMYYCZZZQ' })
  personalIdentityNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Y-tunnus, NNNNNNN-C' })
  businessId?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  streetAddress?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => CustomerStatus, { nullable: true })
  status?: CustomerStatus;

  @Field(() => DataSource, { nullable: true })
  sourceType?: DataSource;

  @Field(() => String, { nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the data was collected (defaults to now)' })
  collectedAt?: Date | null;
}

@ArgsType()
export class CreateCustomerArgs extends CustomerFieldsArgs {}

@ArgsType()
export class UpdateCustomerArgs extends CustomerFieldsArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The rectification request this edit is made under (dpo): the change is linked to it and shown in the access report',
  })
  requestId?: string | null;
}

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: 'Search in name, e-mail and phone' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => CustomerKind, { nullable: true })
  kind?: CustomerKind;

  @Field(() => CustomerStatus, { nullable: true })
  status?: CustomerStatus;

  @Field(() => String, { nullable: true })
  city?: string;

  @Field(() => String, { nullable: true })
  postalCode?: string;

  @Field(() => DataSource, { nullable: true })
  sourceType?: DataSource;

  @Field(() => MarketingChannel, { nullable: true, description: 'Only customers whose current permissions allow this channel' })
  marketingChannel?: MarketingChannel;
}

@ArgsType()
export class CustomerListArgs extends PageArgs {
  @Field(() => CustomerFilter, { nullable: true })
  filter?: CustomerFilter;
}

/** Which filter keys read which data-map fields (a filter is a read of what it filters on). */
export const CUSTOMER_FILTER_FIELDS: Record<keyof CustomerFilter, string[]> = {
  q: ['name', 'email', 'phone'],
  ids: ['id'],
  kind: ['kind'],
  status: ['status'],
  city: ['city'],
  postalCode: ['postalCode'],
  sourceType: ['sourceType'],
  // Whoever may list customers may ask which ones may be marketed to on a channel.
  marketingChannel: ['id'],
};

export const CUSTOMER_SORT_FIELDS = ['name', 'createdAt', 'updatedAt', 'status', 'kind', 'city', 'postalCode'] as const;
