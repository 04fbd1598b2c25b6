import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/list.js';
import { MarketingChannel, MarketingDecision, MarketingSource } from './marketing.enums.js';

/**
 * Flat arguments of `recordMarketingDecision`, named after the ledger fields they set (the data
 * map's write rules apply to them). Validated in the service; the time and the recording staff
 * member are set by the system.
 */
@ArgsType()
export class RecordMarketingDecisionArgs {
  @Field(() => ID)
  customerId!: string;

  @Field(() => MarketingChannel)
  channel!: MarketingChannel;

  @Field(() => MarketingDecision)
  decision!: MarketingDecision;

  @Field(() => MarketingSource)
  source!: MarketingSource;

  @Field(() => String, { description: 'What the customer said, sent or signed (1–2000 characters)' })
  evidence!: string;

  @Field(() => String, { nullable: true, description: 'The partner register; required when the source is PARTNER' })
  sourcePartner?: string | null;

  @Field(() => ID, { nullable: true, description: "A business customer's contact person whose own decision this is" })
  contactPersonId?: string | null;
}

@InputType({ description: 'Ledger filters; each one needs the right to read the field it filters on' })
export class MarketingPermitEntryFilter {
  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => ID, { nullable: true })
  contactPersonId?: string;

  @Field(() => MarketingChannel, { nullable: true })
  channel?: MarketingChannel;

  @Field(() => MarketingDecision, { nullable: true })
  decision?: MarketingDecision;

  @Field(() => MarketingSource, { nullable: true })
  source?: MarketingSource;
}

@ArgsType()
export class MarketingPermitEntryListArgs extends PageArgs {
  @Field(() => MarketingPermitEntryFilter, { nullable: true })
  filter?: MarketingPermitEntryFilter;
}

/** Which filter keys read which data-map fields of MarketingPermitEntry. */
export const MARKETING_PERMIT_ENTRY_FILTER_FIELDS: Record<keyof MarketingPermitEntryFilter, string[]> = {
  customerId: ['customerId'],
  contactPersonId: ['contactPersonId'],
  channel: ['channel'],
  decision: ['decision'],
  source: ['source'],
};

export const MARKETING_PERMIT_ENTRY_SORT_FIELDS = ['recordedAt', 'channel', 'decision', 'source'] as const;

@ArgsType()
export class MarketingAudienceArgs extends PageArgs {
  @Field(() => MarketingChannel)
  channel!: MarketingChannel;
}

export const MARKETING_AUDIENCE_SORT_FIELDS = ['name', 'postalCode'] as const;
