import type { RowCondition } from '@register/schema';
import type { RowConditionImplementation } from '../../access/row-conditions.js';
import type { RequestContext } from '../../graphql/context.js';
import { MARKETING_CHANNEL_VALUES, MarketingChannel } from './marketing.enums.js';
import { marketingPermissionsLoader } from './marketing.loader.js';
import { permittedCustomers } from './marketing.service.js';

const KEY = {
  [MarketingChannel.EMAIL]: 'email',
  [MarketingChannel.SMS]: 'sms',
  [MarketingChannel.PHONE]: 'phone',
  [MarketingChannel.POST]: 'post',
} as const;

function permittedOn(channels: readonly MarketingChannel[]): RowConditionImplementation {
  return {
    async holds(customerId: string, ctx: RequestContext) {
      const permissions = await marketingPermissionsLoader(ctx).load(customerId);
      return permissions !== null && channels.some((channel) => permissions[KEY[channel]]);
    },
    where: { Customer: () => permittedCustomers(channels) as object },
  };
}

/** The data map's marketing row conditions, on the current state of the customer's channels. */
export const marketingRowConditions: Record<Extract<RowCondition, `marketing-permitted${string}`>, RowConditionImplementation> = {
  'marketing-permitted': permittedOn(MARKETING_CHANNEL_VALUES),
  'marketing-permitted:EMAIL': permittedOn([MarketingChannel.EMAIL]),
  'marketing-permitted:SMS': permittedOn([MarketingChannel.SMS]),
  'marketing-permitted:PHONE': permittedOn([MarketingChannel.PHONE]),
  'marketing-permitted:POST': permittedOn([MarketingChannel.POST]),
};
