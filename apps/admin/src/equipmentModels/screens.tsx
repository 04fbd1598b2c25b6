import { NullableBooleanInput, SearchInput } from 'react-admin';
import { boolean, dateTime, money, text, type FieldSpecs } from '../common/fieldSpec';
import { ResourceCreate, ResourceEdit } from '../common/ResourceForm';
import { ResourceList } from '../common/ResourceList';
import { RecordTitle, ResourceShow, type Section } from '../common/ResourceShow';
import { equipmentModelQuery } from './query';

export const EQUIPMENT_MODEL_SPECS: FieldSpecs = {
  id: text,
  sku: text,
  manufacturer: text,
  model: text,
  priceCents: money,
  active: boolean,
  createdAt: dateTime,
  updatedAt: dateTime,
};

const COLUMNS = ['sku', 'manufacturer', 'model', 'priceCents', 'active'];
const SECTIONS: readonly Section[] = [
  { title: 'register.sections.product', fields: ['sku', 'manufacturer', 'model', 'active'] },
  { title: 'register.sections.prices', fields: ['priceCents'] },
  { title: 'register.sections.record', fields: ['createdAt', 'updatedAt'] },
];
const represent = (record: Record<string, unknown>) => `${record.manufacturer ?? ''} ${record.model ?? ''}`;

const filters = [<SearchInput key="q" source="q" alwaysOn />, <NullableBooleanInput key="active" source="active" />];

export function EquipmentModelList() {
  return (
    <ResourceList resource="equipmentModels" query={equipmentModelQuery} specs={EQUIPMENT_MODEL_SPECS} columns={COLUMNS} filters={filters} />
  );
}

export function EquipmentModelShow() {
  return <ResourceShow resource="equipmentModels" specs={EQUIPMENT_MODEL_SPECS} sections={SECTIONS} represent={represent} />;
}

export function EquipmentModelCreate() {
  return (
    <ResourceCreate
      resource="equipmentModels"
      specs={EQUIPMENT_MODEL_SPECS}
      sections={SECTIONS}
      defaultValues={{ active: true }}
      options={{ required: ['sku', 'manufacturer', 'model', 'priceCents'] }}
    />
  );
}

export function EquipmentModelEdit() {
  return (
    <ResourceEdit
      resource="equipmentModels"
      specs={EQUIPMENT_MODEL_SPECS}
      sections={SECTIONS}
      title={<RecordTitle resource="equipmentModels" represent={represent} />}
      options={{ required: ['sku', 'manufacturer', 'model'] }}
    />
  );
}
