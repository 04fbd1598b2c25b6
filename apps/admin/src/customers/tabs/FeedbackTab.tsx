import { CUSTOMER_FEEDBACK_COLUMNS, FEEDBACK_SPECS } from '../../feedback/fields';
import { RelatedList } from './RelatedList';

export function FeedbackTab() {
  return (
    <RelatedList
      resource="feedback"
      specs={FEEDBACK_SPECS}
      columns={CUSTOMER_FEEDBACK_COLUMNS}
      sort={{ field: 'givenAt', order: 'DESC' }}
      createLabel="register.customers.newFeedback"
      title="register.customers.tabs.feedback"
    />
  );
}
