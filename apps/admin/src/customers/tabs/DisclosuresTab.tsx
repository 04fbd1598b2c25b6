import { CUSTOMER_DISCLOSURE_COLUMNS, DISCLOSURE_SPECS } from '../../disclosures/fields';
import { RelatedList } from './RelatedList';

/** Disclosures about the customer and its contact persons (dpo only). */
export function DisclosuresTab() {
  return (
    <RelatedList
      resource="disclosures"
      specs={DISCLOSURE_SPECS}
      columns={CUSTOMER_DISCLOSURE_COLUMNS}
      sort={{ field: 'disclosedOn', order: 'DESC' }}
      createLabel="register.disclosures.new"
      title="register.customers.tabs.disclosures"
    />
  );
}
