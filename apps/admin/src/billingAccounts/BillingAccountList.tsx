import { SelectInput } from 'react-admin';
import { useResourceAccess } from '../access/access';
import { choicesOf } from '../common/choices';
import { filtersFor, ResourceList } from '../common/ResourceList';
import { BILLING_ACCOUNT_COLUMNS, BILLING_ACCOUNT_SPECS } from './fields';
import { billingAccountQuery } from './query';

export function BillingAccountList() {
  const { readable } = useResourceAccess('billingAccounts');
  const filters = filtersFor(readable, [
    [['method'], <SelectInput key="method" source="method" choices={choicesOf('BillingMethod')} alwaysOn sx={{ minWidth: 200 }} />],
  ]);
  return (
    <ResourceList
      resource="billingAccounts"
      query={billingAccountQuery}
      specs={BILLING_ACCOUNT_SPECS}
      columns={BILLING_ACCOUNT_COLUMNS}
      filters={filters}
    />
  );
}
