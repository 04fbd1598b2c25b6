import { MarketingPermitEntryListDocument, MarketingPermitEntryOneDocument, RecordMarketingDecisionDocument } from '@register/schema';
import type { ResourceQuery } from '../dataProvider/resourceQuery';

/** The ledger is append-only: entries are recorded (recordMarketingDecision), never changed. */
export const marketingPermitEntryQuery: ResourceQuery = {
  typeName: 'MarketingPermitEntry',
  documents: {
    list: MarketingPermitEntryListDocument,
    one: MarketingPermitEntryOneDocument,
    create: RecordMarketingDecisionDocument,
  },
  sortFields: ['recordedAt', 'channel', 'decision', 'source'],
  defaultSort: { field: 'recordedAt', order: 'DESC' },
  filters: {
    customerId: ['customerId'],
    contactPersonId: ['contactPersonId'],
    channel: ['channel'],
    decision: ['decision'],
    source: ['source'],
  },
};
