import type { MarketingChannelName } from '@register/schema';
import { registerEnumType } from 'type-graphql';

/** The channels of direct marketing; the same names as the data map's MARKETING_CHANNELS. */
export enum MarketingChannel {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  PHONE = 'PHONE',
  POST = 'POST',
}

export enum MarketingDecision {
  PERMIT = 'PERMIT',
  PROHIBIT = 'PROHIBIT',
}

/** How the decision reached us. */
export enum MarketingSource {
  CUSTOMER_FORM = 'CUSTOMER_FORM',
  PHONE_CALL = 'PHONE_CALL',
  PARTNER = 'PARTNER',
  EMAIL = 'EMAIL',
  IN_PERSON = 'IN_PERSON',
  OBJECTION_REQUEST = 'OBJECTION_REQUEST',
}

export const MARKETING_CHANNEL_VALUES = Object.values(MarketingChannel) satisfies MarketingChannelName[];
// Both ways: every channel of the data map is a value of the enum.
const _everyMappedChannel: Record<MarketingChannelName, MarketingChannel> = MarketingChannel;
void _everyMappedChannel;

registerEnumType(MarketingChannel, {
  name: 'MarketingChannel',
  description: 'Channel of direct marketing',
});
registerEnumType(MarketingDecision, {
  name: 'MarketingDecision',
  description: 'A permit (consent) or a prohibition (objection) of direct marketing on one channel',
});
registerEnumType(MarketingSource, {
  name: 'MarketingSource',
  description: 'How the decision was given: form, phone call, partner register, e-mail, in person, objection request',
});
