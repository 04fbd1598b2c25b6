import {
  CreateServiceProductDocument,
  ServiceProductListDocument,
  ServiceProductOneDocument,
  UpdateServiceProductDocument,
} from '@register/schema';
import { mayDo } from '../access/operationRules';
import { booleanValue, type ResourceQuery } from '../dataProvider/resourceQuery';

export const SERVICE_PRODUCT_FIELDS = ['code', 'name', 'kind', 'monthlyPriceCents', 'oneOffPriceCents', 'active'] as const;

/** The catalogue is no personal data: outside the data map, maintained by sales and admin. */
export const serviceProductQuery: ResourceQuery = {
  typeName: 'ServiceProduct',
  documents: {
    list: ServiceProductListDocument,
    one: ServiceProductOneDocument,
    create: CreateServiceProductDocument,
    update: UpdateServiceProductDocument,
  },
  sortFields: ['code', 'name', 'kind', 'monthlyPriceCents', 'createdAt'],
  defaultSort: { field: 'code', order: 'ASC' },
  filters: { q: [], kind: [], active: [], ids: [] },
  filterValues: { active: booleanValue },
  writable: (principal) => (mayDo(principal, 'maintainCatalogue') ? SERVICE_PRODUCT_FIELDS : []),
};
