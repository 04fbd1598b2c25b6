import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../../access/caller.js';
import type { AuditLog } from '../../audit/audit-log.js';
import { badInput, InputProblems } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { Customer } from '../customer/customer.entity.js';
import { DataSource } from '../customer/customer.enums.js';
import { isUuid } from '../customer/customer.service.js';
import { CustomerEvent, type EventValues } from './history.entity.js';
import { ContactChannel, CustomerEventKind } from './history.enums.js';
import {
  CUSTOMER_EVENT_SORT_FIELDS,
  type CustomerEventFilter,
  type CustomerEventListArgs,
  type RecordCustomerContactArgs,
} from './history.input.js';

export const SUMMARY_MAX = 2000;
/** Clocks of staff machines drift: a contact "now" may arrive a little ahead of the server. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const EARLIEST_CONTACT = new Date('1990-01-01T00:00:00Z');
// Line breaks and tabs belong in a summary of a conversation; other control characters do not.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** An event for the customer's timeline, as the system records it. */
export interface HistoryEventInput {
  /** Whose timeline: the data subject's customer id. */
  customerId: string;
  kind: CustomerEventKind;
  /** One line for the timeline, in the staff's terms ("Service Perusliittymä 4G added"). Cut at 2000 characters. */
  summary: string;
  /** When it happened; defaults to now. */
  at?: Date;
  /** The changed values of the record the event is about, before and after — nothing else. */
  before?: EventValues | null;
  after?: EventValues | null;
  /** CONTACT events only. */
  channel?: ContactChannel | null;
  /** Who made the change: `staffUserIdOf(audit.caller)`; null for the system itself. */
  staffUserId?: string | null;
  /** The record the event is about, e.g. `{ recordType: 'Order', recordId: order.id }`. */
  recordType?: string | null;
  recordId?: string | null;
  /** Provenance of the event itself; SERVICE_DELIVERY (the register's own record) by default. */
  sourceType?: DataSource;
  sourcePartner?: string | null;
}

/** The staff user behind a request, for `HistoryEventInput.staffUserId` (null for partners and the system). */
export function staffUserIdOf(caller: Caller): string | null {
  return caller.kind === 'staff' ? caller.userId : null;
}

/**
 * The customer history: one append-only timeline per customer.
 *
 * Other modules record their events with `record(tx, event)` INSIDE the transaction of their
 * change, before it commits, so that the change and its event exist together or not at all:
 *
 *   await em.transactional(async (tx) => {
 *     tx.persist(order);
 *     services.history.record(tx, {
 *       customerId: order.customer.id, kind: CustomerEventKind.ORDER, summary: `Order ${order.number} placed`,
 *       after: { status: order.status, valueCents }, staffUserId: staffUserIdOf(audit.caller),
 *       recordType: 'Order', recordId: order.id,
 *     });
 *     await tx.flush();            // writes the order and the event (em.transactional also flushes at the end)
 *     await audit.write(tx, [...]);
 *   });
 *
 * `record` only queues the event in `tx` (no statement of its own: the flush inserts every queued
 * event of the transaction in one batch). Events are never changed or removed through the API.
 */
export class HistoryService {
  record(tx: EntityManager, input: HistoryEventInput): CustomerEvent {
    const event = new CustomerEvent();
    event.id = randomUUID();
    event.customer = tx.getReference(Customer, input.customerId);
    event.kind = input.kind;
    event.summary = input.summary.length > SUMMARY_MAX ? `${input.summary.slice(0, SUMMARY_MAX - 1)}…` : input.summary;
    event.at = input.at ?? new Date();
    event.before = input.before ?? null;
    event.after = input.after ?? null;
    event.channel = input.channel ?? null;
    event.staffUserId = input.staffUserId ?? null;
    event.recordType = input.recordType ?? null;
    event.recordId = input.recordId ?? null;
    event.sourceType = input.sourceType ?? DataSource.SERVICE_DELIVERY;
    event.sourcePartner = input.sourcePartner ?? null;
    event.collectedAt = new Date();
    tx.persist(event);
    return event;
  }

  where(filter: CustomerEventFilter | undefined): FilterQuery<CustomerEvent> {
    const where: Record<string, unknown> = {};
    if (!filter) return where;
    if (filter.ids) where.id = { $in: filter.ids.filter(isUuid) };
    if (filter.customerId) {
      if (!isUuid(filter.customerId)) throw badInput('filter.customerId', 'is not the id of any customer');
      where.customer = filter.customerId;
    }
    if (filter.recordId) {
      if (!isUuid(filter.recordId)) throw badInput('filter.recordId', 'is not the id of any record');
      where.recordId = filter.recordId;
    }
    if (filter.kind) where.kind = filter.kind;
    if (filter.after && filter.before && filter.after > filter.before) {
      throw badInput('filter.after', 'must be before filter.before');
    }
    if (filter.after || filter.before) {
      where.at = { ...(filter.after ? { $gte: filter.after } : {}), ...(filter.before ? { $lt: filter.before } : {}) };
    }
    return where as FilterQuery<CustomerEvent>;
  }

  async list(em: EntityManager, args: CustomerEventListArgs): Promise<CustomerEvent[]> {
    return em.find(
      CustomerEvent,
      this.where(args.filter),
      listOptions(args, CUSTOMER_EVENT_SORT_FIELDS, { sortField: 'at', sortOrder: 'DESC' }),
    );
  }

  async count(em: EntityManager, args: CustomerEventListArgs): Promise<number> {
    return em.count(CustomerEvent, this.where(args.filter));
  }

  async get(em: EntityManager, id: string): Promise<CustomerEvent | null> {
    return isUuid(id) ? em.findOne(CustomerEvent, { id }) : null;
  }

  /** A customer contact (call, e-mail, visit, chat) as the staff member records it. */
  async recordCustomerContact(em: EntityManager, audit: AuditLog, args: RecordCustomerContactArgs): Promise<CustomerEvent> {
    const problems = new InputProblems();
    const now = new Date();
    let customerId: string | undefined;
    if (!args.customerId) problems.add('customerId', 'is required');
    else if (!isUuid(args.customerId)) problems.add('customerId', 'is not the id of any customer');
    else customerId = args.customerId;
    if (!args.channel) problems.add('channel', `is required: one of ${Object.values(ContactChannel).join(', ')}`);
    const summary = args.summary ?? '';
    if (summary.trim() === '') problems.add('summary', 'is required: say in a few sentences what the contact was about');
    else if (summary !== summary.trim()) problems.add('summary', 'must not start or end with spaces or line breaks');
    else if (summary.length > SUMMARY_MAX) problems.add('summary', `is too long: at most ${SUMMARY_MAX} characters (now ${summary.length})`);
    else if (CONTROL.test(summary)) problems.add('summary', 'must not contain control characters');
    if (args.at && args.at.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.add('at', 'cannot be in the future');
    else if (args.at && args.at < EARLIEST_CONTACT) problems.add('at', 'must be 1990 or later');
    if (customerId && problems.empty) {
      const customer = await em.findOne(Customer, { id: customerId }, { fields: ['id'] });
      if (!customer) problems.add('customerId', 'is not the id of any customer');
    }
    problems.throwIfAny();

    return em.transactional(async (tx) => {
      const event = this.record(tx, {
        customerId: customerId!,
        kind: CustomerEventKind.CONTACT,
        summary,
        at: args.at ?? now,
        channel: args.channel!,
        staffUserId: staffUserIdOf(audit.caller),
        sourceType: DataSource.DATA_SUBJECT,
      });
      await tx.flush();
      await audit.write(tx, [
        {
          operation: 'recordCustomerContact',
          action: 'create',
          subjectType: 'CustomerEvent',
          subjectId: customerId!,
          fields: ['at', 'channel', 'kind', 'summary'],
        },
      ]);
      return event;
    });
  }
}
