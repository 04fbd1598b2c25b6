import { listRule } from '../../access/rules.js';
import { readsAnyOf, type RuleMap } from '../../access/shield.js';
import { CUSTOMER_FIGURES_FILTER_FIELDS } from './compiled.input.js';

const listFigures = listRule('CustomerFigures', CUSTOMER_FIGURES_FILTER_FIELDS);

/** Read-only operations; the figures' fields are ruled by the data map (CustomerFigures). */
export const compiledRules: RuleMap = {
  Query: {
    customerFigures: readsAnyOf('CustomerFigures'),
    allCustomerFigures: listFigures,
    _allCustomerFiguresMeta: listFigures,
  },
};
