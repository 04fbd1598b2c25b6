import { ResourceCreate } from '../common/ResourceForm';
import { BillingAccountInputs } from './BillingAccountInputs';
import { BILLING_ACCOUNT_SECTIONS, BILLING_ACCOUNT_SPECS } from './fields';

export function BillingAccountCreate() {
  return (
    <ResourceCreate
      resource="billingAccounts"
      specs={BILLING_ACCOUNT_SPECS}
      sections={BILLING_ACCOUNT_SECTIONS}
      defaultValues={{ method: 'E_INVOICE', country: 'FI' }}
      renderInputs={(writable) => <BillingAccountInputs writable={writable} creating />}
    />
  );
}
