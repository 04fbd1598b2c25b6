import { CONTACT_PERSON_SPECS, CUSTOMER_CONTACT_PERSON_COLUMNS } from '../../contactPersons/fields';
import { RelatedList } from './RelatedList';

/** A business customer's contact persons (each a data subject of their own). */
export function ContactPersons() {
  return (
    <RelatedList
      resource="contactPersons"
      specs={CONTACT_PERSON_SPECS}
      columns={CUSTOMER_CONTACT_PERSON_COLUMNS}
      sort={{ field: 'name', order: 'ASC' }}
      createLabel="register.customers.newContactPerson"
    />
  );
}
