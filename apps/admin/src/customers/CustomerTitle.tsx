import { useRecordContext, useTranslate } from 'react-admin';

export function CustomerTitle() {
  const record = useRecordContext();
  const translate = useTranslate();
  const type = translate('resources.customers.name', { smart_count: 1 });
  return <span>{record ? `${type}: ${record.name ?? record.id}` : type}</span>;
}
