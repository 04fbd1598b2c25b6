import { registerEnumType } from 'type-graphql';

export enum QuotationStatus {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
  CONVERTED = 'CONVERTED',
}

registerEnumType(QuotationStatus, {
  name: 'QuotationStatus',
  description: 'DRAFT → SENT → ACCEPTED → CONVERTED (into an order), or REJECTED / EXPIRED; the last three are final',
});
