import { registerEnumType } from 'type-graphql';

export enum CustomerEventKind {
  SERVICE_ADDED = 'SERVICE_ADDED',
  SERVICE_REMOVED = 'SERVICE_REMOVED',
  SERVICE_CHANGED = 'SERVICE_CHANGED',
  CONTRACT_CREATED = 'CONTRACT_CREATED',
  CONTRACT_STATUS_CHANGED = 'CONTRACT_STATUS_CHANGED',
  /** A change of the contract's terms other than its status or services (its end date). */
  CONTRACT_CHANGED = 'CONTRACT_CHANGED',
  SIM_ADDED = 'SIM_ADDED',
  SIM_STATUS_CHANGED = 'SIM_STATUS_CHANGED',
  CONTACT = 'CONTACT',
  QUOTATION = 'QUOTATION',
  ORDER = 'ORDER',
}

export enum ContactChannel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  VISIT = 'VISIT',
  CHAT = 'CHAT',
}

registerEnumType(CustomerEventKind, {
  name: 'CustomerEventKind',
  description: 'What happened: a service change, a contract or SIM event, a customer contact, a quotation or an order',
});
registerEnumType(ContactChannel, {
  name: 'ContactChannel',
  description: 'How the customer and the staff member were in contact',
});
