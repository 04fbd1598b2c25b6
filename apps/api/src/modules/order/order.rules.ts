import { listRule, writeRule } from '../../access/rules.js';
import { callerRule, readsAnyOf, type RuleMap } from '../../access/shield.js';
import { ORDER_FILTER_FIELDS } from './order.input.js';

const listOrders = listRule('Order', ORDER_FILTER_FIELDS);

/**
 * The delivery partner's only write. It is an operation of its own (not updateOrder), so that what
 * a partner can change is exactly its arguments: status (IN_DELIVERY or DELIVERED) and deliveredAt
 * of an open order it can see (OrderService checks both).
 */
const deliveryPartner = callerRule(
  'partner-scope:delivery',
  (principal) => principal.kind === 'partner' && principal.scopes.includes('delivery'),
);

/** Operation rules of orders (the fields' rules come from the data map: Order, OrderLine). */
export const orderRules: RuleMap = {
  Query: {
    Order: readsAnyOf('Order'),
    allOrders: listOrders,
    _allOrdersMeta: listOrders,
  },
  Mutation: {
    createOrder: writeRule('Order', 'create'),
    updateOrder: writeRule('Order', 'update', ['id']),
    updateOrderDelivery: deliveryPartner,
  },
};
