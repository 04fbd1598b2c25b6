import { choicesOf } from '../common/choices';

export const KIND_CHOICES = choicesOf('CustomerKind');
export const STATUS_CHOICES = choicesOf('CustomerStatus');
export const SOURCE_CHOICES = choicesOf('DataSource');
export const MARKETING_CHANNEL_CHOICES = choicesOf('MarketingChannel');
