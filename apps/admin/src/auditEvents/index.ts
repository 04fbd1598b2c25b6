import HistoryIcon from '@mui/icons-material/History';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { CustomerAccess } from '../access/access';

const AuditEventList = lazy(() => import('./AuditEventList').then((m) => ({ default: m.AuditEventList })));

/** The audit log, for the registry liaison officer (dpo) only; a list, never editable. */
export function auditEventsResource(access: CustomerAccess): ResourceProps | undefined {
  if (!access.canReadAuditLog) return undefined;
  return { name: 'auditEvents', icon: HistoryIcon, list: AuditEventList };
}
