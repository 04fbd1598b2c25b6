import { useRecordContext } from 'react-admin';
import { ErasurePlanView } from './ErasurePlanView';

/** The customer's erasure plan and the erase button (dpo only; loaded when the tab opens). */
export function ErasureTab() {
  const record = useRecordContext();
  if (!record) return null;
  return <ErasurePlanView subject={{ customerId: String(record.id) }} />;
}
