import { canRead, canWrite } from '@register/schema';
import { rule } from 'graphql-shield';
import { forbiddenField, listRule, writeRule } from '../../access/rules.js';
import { readsAnyOf, type Rule, type RuleMap } from '../../access/shield.js';
import type { RequestContext } from '../../graphql/context.js';
import { QUOTATION_FILTER_FIELDS } from './quotation.input.js';

const listQuotations = listRule('Quotation', QUOTATION_FILTER_FIELDS);

/**
 * Converting changes the quotation's status and creates an order with its customer and lines:
 * the caller needs both rights, and the right to set every order field it gives — all from the
 * data map, so the rule follows it.
 */
const convertQuotationToOrder: Rule = rule('write:convertQuotationToOrder', { cache: 'strict' })(
  (_parent, args: Record<string, unknown>, ctx: RequestContext) => {
    const principal = ctx.principal;
    if (principal.kind !== 'staff') return false;
    if (!canRead(principal, 'Quotation', 'id') || !canWrite(principal, 'Quotation', 'status', 'update')) return false;
    const orderFields = ['customerId', 'lines', ...Object.keys(args).filter((key) => key !== 'quotationId' && args[key] !== undefined)];
    const denied = orderFields.filter((field) => !canWrite(principal, 'Order', field, 'create'));
    if (denied.length > 0) return forbiddenField(`Your role may not set ${denied.join(', ')} of an order.`, denied[0]!);
    return true;
  },
);

/** Operation rules of quotations (the fields' rules come from the data map: Quotation, QuotationLine). */
export const quotationRules: RuleMap = {
  Query: {
    Quotation: readsAnyOf('Quotation'),
    allQuotations: listQuotations,
    _allQuotationsMeta: listQuotations,
  },
  Mutation: {
    createQuotation: writeRule('Quotation', 'create'),
    updateQuotation: writeRule('Quotation', 'update', ['id']),
    convertQuotationToOrder,
  },
};
