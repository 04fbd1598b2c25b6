import { GraphQLError } from 'graphql';
import { rule } from 'graphql-shield';
import { hasRole, listRule, writeRule } from '../../access/rules.js';
import { readsAnyOf, type RuleMap } from '../../access/shield.js';
import type { RequestContext } from '../../graphql/context.js';
import { CUSTOMER_FILTER_FIELDS } from './customer.input.js';

const deleteCustomer = rule('delete:Customer', { cache: 'contextual' })(
  (_parent, _args, ctx: RequestContext) =>
    (ctx.principal.kind === 'staff' && ctx.principal.roles.includes('dpo')) ||
    new GraphQLError(
      "Only the registry liaison officer (dpo) may delete a customer, and only one entered by mistake with nothing attached. To remove a customer's data, register an erasure request.",
      { extensions: { code: 'FORBIDDEN' } },
    ),
);

const listCustomers = listRule('Customer', CUSTOMER_FILTER_FIELDS);

/** Operation rules of the customer module (its fields' rules come from the data map). */
export const customerRules: RuleMap = {
  Query: {
    Customer: readsAnyOf('Customer'),
    allCustomers: listCustomers,
    _allCustomersMeta: listCustomers,
  },
  Mutation: {
    createCustomer: writeRule('Customer', 'create'),
    updateCustomer: writeRule('Customer', 'update', ['id', 'requestId']),
    deleteCustomer,
    verifyPersonalIdentityNumber: hasRole('service', 'billing', 'dpo'),
  },
  // The list of a customer's contracts: whoever reads contracts (each contract's fields keep their own rules).
  Customer: { contracts: readsAnyOf('Contract') },
};
