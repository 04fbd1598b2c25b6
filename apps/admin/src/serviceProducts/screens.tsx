import { NullableBooleanInput, SearchInput, SelectInput } from 'react-admin';
import { boolean, enumOf, money, text, dateTime, type FieldSpecs } from '../common/fieldSpec';
import { choicesOf } from '../common/choices';
import { ResourceCreate, ResourceEdit } from '../common/ResourceForm';
import { ResourceList } from '../common/ResourceList';
import { RecordTitle, ResourceShow, type Section } from '../common/ResourceShow';
import { serviceProductQuery } from './query';

export const SERVICE_PRODUCT_SPECS: FieldSpecs = {
  id: text,
  code: text,
  name: text,
  kind: enumOf('ServiceKind'),
  monthlyPriceCents: money,
  oneOffPriceCents: money,
  active: boolean,
  createdAt: dateTime,
  updatedAt: dateTime,
};

const COLUMNS = ['code', 'name', 'kind', 'monthlyPriceCents', 'oneOffPriceCents', 'active'];
const SECTIONS: readonly Section[] = [
  { title: 'register.sections.product', fields: ['code', 'name', 'kind', 'active'] },
  { title: 'register.sections.prices', fields: ['monthlyPriceCents', 'oneOffPriceCents'] },
  { title: 'register.sections.record', fields: ['createdAt', 'updatedAt'] },
];
const represent = (record: Record<string, unknown>) => `${record.code ?? ''} ${record.name ?? ''}`;

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={choicesOf('ServiceKind')} alwaysOn sx={{ minWidth: 200 }} />,
  <NullableBooleanInput key="active" source="active" />,
];

export function ServiceProductList() {
  return (
    <ResourceList resource="serviceProducts" query={serviceProductQuery} specs={SERVICE_PRODUCT_SPECS} columns={COLUMNS} filters={filters} />
  );
}

export function ServiceProductShow() {
  return <ResourceShow resource="serviceProducts" specs={SERVICE_PRODUCT_SPECS} sections={SECTIONS} represent={represent} />;
}

export function ServiceProductCreate() {
  return (
    <ResourceCreate
      resource="serviceProducts"
      specs={SERVICE_PRODUCT_SPECS}
      sections={SECTIONS}
      defaultValues={{ active: true, kind: 'MOBILE', oneOffPriceCents: 0 }}
      options={{ required: ['code', 'name', 'kind', 'monthlyPriceCents'] }}
    />
  );
}

export function ServiceProductEdit() {
  return (
    <ResourceEdit
      resource="serviceProducts"
      specs={SERVICE_PRODUCT_SPECS}
      sections={SECTIONS}
      title={<RecordTitle resource="serviceProducts" represent={represent} />}
      options={{ required: ['code', 'name', 'kind'] }}
    />
  );
}
