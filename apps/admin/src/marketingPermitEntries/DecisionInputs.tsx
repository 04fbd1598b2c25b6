import { useWatch } from 'react-hook-form';
import { mayDo } from '../access/operationRules';
import { usePrincipal } from '../access/access';
import { ResourceInputs } from '../common/ResourceForm';
import { DECISION_SECTIONS, MARKETING_PERMIT_ENTRY_SPECS } from './fields';

/**
 * A permit or a prohibition: any recorder may record a PROHIBIT (an objection never waits), a
 * PERMIT only customer service or the dpo (consent is recorded by whoever talked to the customer).
 */
export function DecisionInputs({ writable, customerFixed = false }: { writable: ReadonlySet<string>; customerFixed?: boolean }) {
  const principal = usePrincipal();
  const source = useWatch({ name: 'source' }) as string | undefined;
  const customerId = useWatch({ name: 'customerId' }) as string | undefined;
  const decisions = mayDo(principal, 'recordMarketingPermit') ? ['PERMIT', 'PROHIBIT'] : ['PROHIBIT'];
  return (
    <ResourceInputs
      specs={MARKETING_PERMIT_ENTRY_SPECS}
      sections={DECISION_SECTIONS}
      writable={writable}
      options={{
        required: ['customerId', 'channel', 'decision', 'source', 'evidence', ...(source === 'PARTNER' ? ['sourcePartner'] : [])],
        hide: [...(source === 'PARTNER' ? [] : ['sourcePartner']), ...(customerFixed ? ['customerId'] : [])],
        props: {
          decision: { only: decisions },
          contactPersonId: { referenceFilter: customerId ? { customerId } : undefined, helperText: 'register.marketing.contactPersonHint' },
        },
      }}
    />
  );
}

export const DECISION_DEFAULTS = { decision: 'PROHIBIT', source: 'PHONE_CALL' } as const;
