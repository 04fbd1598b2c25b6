import { registerEnumType } from 'type-graphql';

export enum CustomerKind {
  PRIVATE = 'PRIVATE',
  BUSINESS = 'BUSINESS',
}

export enum CustomerStatus {
  PROSPECT = 'PROSPECT',
  ACTIVE = 'ACTIVE',
  TERMINATED = 'TERMINATED',
  /** Set by erasure only (privacy/erasure): the record is an opaque key, its identifiers are gone. */
  ERASED = 'ERASED',
}

/** Section 5 of the registry description: regular sources of information. */
export enum DataSource {
  DATA_SUBJECT = 'DATA_SUBJECT',
  SERVICE_DELIVERY = 'SERVICE_DELIVERY',
  PARTNER = 'PARTNER',
}

registerEnumType(CustomerKind, {
  name: 'CustomerKind',
  description: 'Private person or business customer',
});
registerEnumType(CustomerStatus, {
  name: 'CustomerStatus',
  description: 'State of the customer relationship',
});
registerEnumType(DataSource, {
  name: 'DataSource',
  description: 'Where the data came from (section 5 of the registry description)',
});
