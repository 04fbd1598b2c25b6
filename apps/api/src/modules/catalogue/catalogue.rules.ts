import { callerRule, type Rule, type RuleMap } from '../../access/shield.js';
import { hasRole } from '../../access/rules.js';

/**
 * The catalogue holds no personal data: every member of staff and every partner may read it
 * (orders refer to it); sales and admin maintain it.
 */
const readers: Rule = callerRule('catalogue:read', (p) => p.kind === 'staff' || p.kind === 'partner');
const maintainers = hasRole('sales', 'admin');

const every = (fields: string[]) => Object.fromEntries(fields.map((field) => [field, readers]));

export const catalogueRules: RuleMap = {
  Query: {
    ServiceProduct: readers,
    allServiceProducts: readers,
    _allServiceProductsMeta: readers,
    EquipmentModel: readers,
    allEquipmentModels: readers,
    _allEquipmentModelsMeta: readers,
  },
  Mutation: {
    createServiceProduct: maintainers,
    updateServiceProduct: maintainers,
    createEquipmentModel: maintainers,
    updateEquipmentModel: maintainers,
  },
  ServiceProduct: every(['id', 'code', 'name', 'kind', 'monthlyPriceCents', 'oneOffPriceCents', 'active', 'createdAt', 'updatedAt']),
  EquipmentModel: every(['id', 'sku', 'manufacturer', 'model', 'priceCents', 'active', 'createdAt', 'updatedAt']),
};

