import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { CustomerKind } from '../customer/customer.enums.js';
import { MarketingChannel, MarketingSource } from './marketing.enums.js';

/**
 * A customer's current direct-marketing permissions, derived from the ledger: per channel the
 * latest entry wins; a channel without entries follows Finnish law — a private customer (consumer)
 * must have consented before e-mail or SMS marketing (Information Society Code 917/2014, 200 §),
 * telephone and postal marketing is allowed until prohibited; a business customer may be marketed
 * to on every channel until it prohibits it. `<channel>DecidedAt`/`<channel>Source` are null while
 * the default applies.
 */
@ObjectType({ simpleResolvers: true, description: 'Current direct-marketing permissions per channel (derived from the ledger)' })
export class MarketingPermissions {
  @Field(() => ID, { nullable: true })
  customerId!: string;

  @Field(() => Boolean, { nullable: true })
  email!: boolean;

  @Field(() => GraphQLDateTime, { nullable: true })
  emailDecidedAt!: Date | null;

  @Field(() => MarketingSource, { nullable: true })
  emailSource!: MarketingSource | null;

  @Field(() => Boolean, { nullable: true })
  sms!: boolean;

  @Field(() => GraphQLDateTime, { nullable: true })
  smsDecidedAt!: Date | null;

  @Field(() => MarketingSource, { nullable: true })
  smsSource!: MarketingSource | null;

  @Field(() => Boolean, { nullable: true })
  phone!: boolean;

  @Field(() => GraphQLDateTime, { nullable: true })
  phoneDecidedAt!: Date | null;

  @Field(() => MarketingSource, { nullable: true })
  phoneSource!: MarketingSource | null;

  @Field(() => Boolean, { nullable: true })
  post!: boolean;

  @Field(() => GraphQLDateTime, { nullable: true })
  postDecidedAt!: Date | null;

  @Field(() => MarketingSource, { nullable: true })
  postSource!: MarketingSource | null;
}

/** One row of a marketing export: the contact data of the channel asked for, nothing else. */
@ObjectType({ simpleResolvers: true, description: 'A customer permitted on the channel, with only that channel’s contact data' })
export class MarketingAudienceMember {
  @Field(() => ID, { nullable: true })
  customerId!: string;

  @Field(() => MarketingChannel, { nullable: true })
  channel!: MarketingChannel;

  @Field(() => CustomerKind, { nullable: true })
  kind!: CustomerKind;

  @Field(() => String, { nullable: true })
  name!: string;

  @Field(() => String, { nullable: true, description: 'E-mail channel only' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'SMS and phone channels only' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Post only' })
  streetAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'Post only' })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Post only' })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'Post only' })
  country!: string | null;
}
