import {
  CreateEquipmentModelDocument,
  EquipmentModelListDocument,
  EquipmentModelOneDocument,
  UpdateEquipmentModelDocument,
} from '@register/schema';
import { mayDo } from '../access/operationRules';
import { booleanValue, type ResourceQuery } from '../dataProvider/resourceQuery';

export const EQUIPMENT_MODEL_FIELDS = ['sku', 'manufacturer', 'model', 'priceCents', 'active'] as const;

/** The catalogue is no personal data: outside the data map, maintained by sales and admin. */
export const equipmentModelQuery: ResourceQuery = {
  typeName: 'EquipmentModel',
  documents: {
    list: EquipmentModelListDocument,
    one: EquipmentModelOneDocument,
    create: CreateEquipmentModelDocument,
    update: UpdateEquipmentModelDocument,
  },
  sortFields: ['sku', 'manufacturer', 'model', 'priceCents', 'createdAt'],
  defaultSort: { field: 'sku', order: 'ASC' },
  filters: { q: [], active: [], ids: [] },
  filterValues: { active: booleanValue },
  writable: (principal) => (mayDo(principal, 'maintainCatalogue') ? EQUIPMENT_MODEL_FIELDS : []),
};
