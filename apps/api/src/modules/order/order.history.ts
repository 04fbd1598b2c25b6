import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.js';
import type { EventValues } from '../history/history.entity.js';
import { CustomerEventKind } from '../history/history.enums.js';
import { HistoryService, staffUserIdOf } from '../history/history.service.js';

/** HistoryService keeps no state: recording only queues an event in the given transaction. */
const history = new HistoryService();

export interface SalesHistoryEvent {
  customerId: string;
  recordType: 'Order' | 'Quotation';
  recordId: string;
  summary: string;
  /** The changed values of the order or quotation, before and after — nothing else. */
  before?: EventValues | null;
  after?: EventValues | null;
}

/**
 * The one place where orders and quotations reach the customer's history timeline. Call it inside
 * the transaction of the change and before its flush: the flush writes the event with the change,
 * so the event exists exactly when the change does.
 */
export function recordSalesHistory(tx: EntityManager, audit: AuditLog, event: SalesHistoryEvent): void {
  history.record(tx, {
    customerId: event.customerId,
    kind: event.recordType === 'Order' ? CustomerEventKind.ORDER : CustomerEventKind.QUOTATION,
    summary: event.summary,
    before: event.before ?? null,
    after: event.after ?? null,
    staffUserId: staffUserIdOf(audit.caller),
    recordType: event.recordType,
    recordId: event.recordId,
  });
}

export const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;
