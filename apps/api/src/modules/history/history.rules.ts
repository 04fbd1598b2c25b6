import { hasRole, listRule } from '../../access/rules.js';
import { readsAnyOf, type RuleMap } from '../../access/shield.js';
import { CUSTOMER_EVENT_FILTER_FIELDS } from './history.input.js';

const listEvents = listRule('CustomerEvent', CUSTOMER_EVENT_FILTER_FIELDS);

/**
 * Operation rules of the customer history (its fields' rules come from the data map). Events are
 * written by the system; the only event staff write by hand is a customer contact.
 */
export const historyRules: RuleMap = {
  Query: {
    CustomerEvent: readsAnyOf('CustomerEvent'),
    allCustomerEvents: listEvents,
    _allCustomerEventsMeta: listEvents,
  },
  Mutation: {
    recordCustomerContact: hasRole('service', 'sales', 'dpo'),
  },
};
