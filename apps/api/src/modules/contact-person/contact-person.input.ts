import { GraphQLDateTime } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { DataSource } from '../customer/customer.enums.js';

/** Flat mutation arguments (the ra-data-graphql-simple convention). Validated in the service. */
@ArgsType()
export class ContactPersonFieldsArgs {
  @Field(() => String, { nullable: true })
  name?: string | null;

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

  @Field(() => String, { nullable: true, description: 'Role in the company, e.g. "purchasing contact"' })
  roleInCompany?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title' })
  position?: string | null;

  @Field(() => DataSource, { nullable: true })
  sourceType?: DataSource | null;

  @Field(() => String, { nullable: true })
  sourcePartner?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the data was collected (defaults to now)' })
  collectedAt?: Date | null;
}

@ArgsType()
export class CreateContactPersonArgs extends ContactPersonFieldsArgs {
  @Field(() => ID, { nullable: true, description: 'The business customer (required)' })
  customerId?: string | null;
}

@ArgsType()
export class UpdateContactPersonArgs extends ContactPersonFieldsArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The rectification request this edit is made under (dpo): the change is linked to it and shown in the access report',
  })
  requestId?: string | null;
}

@InputType({ description: 'List filters; each one needs the right to read the field it filters on' })
export class ContactPersonFilter {
  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => String, { nullable: true, description: 'Search in name, e-mail and phone' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];
}

@ArgsType()
export class ContactPersonListArgs extends PageArgs {
  @Field(() => ContactPersonFilter, { nullable: true })
  filter?: ContactPersonFilter;
}

/** Which filter keys read which data-map fields (a filter is a read of what it filters on). */
export const CONTACT_PERSON_FILTER_FIELDS: Record<keyof ContactPersonFilter, string[]> = {
  customerId: ['customerId'],
  q: ['name', 'email', 'phone'],
  ids: ['id'],
};

export const CONTACT_PERSON_SORT_FIELDS = ['name', 'createdAt', 'updatedAt', 'city', 'position'] as const;
