import { Stack } from '@mui/material';
import { CONTRACT_SPECS, CUSTOMER_CONTRACT_COLUMNS } from '../../contracts/fields';
import { CUSTOMER_SIM_CARD_COLUMNS, SIM_CARD_SPECS } from '../../simCards/fields';
import { RelatedList } from './RelatedList';

/** The customer's contracts and their SIM cards. */
export function ContractsTab() {
  return (
    <Stack spacing={2}>
      <RelatedList
        resource="contracts"
        specs={CONTRACT_SPECS}
        columns={CUSTOMER_CONTRACT_COLUMNS}
        sort={{ field: 'startDate', order: 'DESC' }}
        createLabel="register.customers.newContract"
      />
      <RelatedList
        resource="simCards"
        specs={SIM_CARD_SPECS}
        columns={CUSTOMER_SIM_CARD_COLUMNS}
        sort={{ field: 'createdAt', order: 'DESC' }}
        createLabel="register.contracts.addSimCard"
      />
    </Stack>
  );
}
