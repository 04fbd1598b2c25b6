import { useWatch } from 'react-hook-form';
import { ResourceInputs } from '../common/ResourceForm';
import { BILLING_ACCOUNT_SECTIONS, BILLING_ACCOUNT_SPECS, hiddenFor, METHOD_FIELDS } from './fields';

/** The inputs the chosen billing method needs, each required by the API for that method. */
export function BillingAccountInputs({ writable, creating }: { writable: ReadonlySet<string>; creating: boolean }) {
  const method = useWatch({ name: 'method' }) as string | undefined;
  return (
    <ResourceInputs
      specs={BILLING_ACCOUNT_SPECS}
      sections={BILLING_ACCOUNT_SECTIONS}
      writable={writable}
      options={{
        required: [...(creating ? ['customerId', 'method'] : []), ...(METHOD_FIELDS[method ?? ''] ?? [])],
        hide: hiddenFor(method),
      }}
    />
  );
}
