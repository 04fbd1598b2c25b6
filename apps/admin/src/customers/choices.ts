import { choicesOf } from '../common/choices';

export const KIND_CHOICES = choicesOf('CustomerKind');
export const STATUS_CHOICES = choicesOf('CustomerStatus');
/** ERASED is set by the erasure alone (the API refuses it in a form). */
export const STATUS_INPUT_CHOICES = STATUS_CHOICES.filter((choice) => choice.id !== 'ERASED');
export const SOURCE_CHOICES = choicesOf('DataSource');
export const MARKETING_CHANNEL_CHOICES = choicesOf('MarketingChannel');
