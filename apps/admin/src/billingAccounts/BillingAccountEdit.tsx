import { ResourceEdit } from '../common/ResourceForm';
import { RecordTitle } from '../common/ResourceShow';
import { BillingAccountInputs } from './BillingAccountInputs';
import { BILLING_ACCOUNT_SECTIONS, BILLING_ACCOUNT_SPECS, representBillingAccount } from './fields';

export function BillingAccountEdit() {
  return (
    <ResourceEdit
      resource="billingAccounts"
      specs={BILLING_ACCOUNT_SPECS}
      sections={BILLING_ACCOUNT_SECTIONS}
      title={<RecordTitle resource="billingAccounts" represent={representBillingAccount} />}
      renderInputs={(writable) => <BillingAccountInputs writable={writable} creating={false} />}
    />
  );
}
