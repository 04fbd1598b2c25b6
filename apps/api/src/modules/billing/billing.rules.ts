import { listRule, writeRule } from '../../access/rules.js';
import { readsAnyOf, type RuleMap } from '../../access/shield.js';
import { BILLING_ACCOUNT_FILTER_FIELDS, INVOICE_FILTER_FIELDS } from './billing.input.js';

const listBillingAccounts = listRule('BillingAccount', BILLING_ACCOUNT_FILTER_FIELDS);
const listInvoices = listRule('Invoice', INVOICE_FILTER_FIELDS);

/** Operation rules of the billing module (its fields' rules come from the data map). */
export const billingRules: RuleMap = {
  Query: {
    BillingAccount: readsAnyOf('BillingAccount'),
    allBillingAccounts: listBillingAccounts,
    _allBillingAccountsMeta: listBillingAccounts,
    Invoice: readsAnyOf('Invoice'),
    allInvoices: listInvoices,
    _allInvoicesMeta: listInvoices,
  },
  Mutation: {
    createBillingAccount: writeRule('BillingAccount', 'create'),
    updateBillingAccount: writeRule('BillingAccount', 'update', ['id']),
    createInvoice: writeRule('Invoice', 'create'),
    updateInvoice: writeRule('Invoice', 'update', ['id']),
  },
};
