import { randomUUID } from 'node:crypto';
import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.js';
import { badInput, InputProblems } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { Customer } from '../customer/customer.entity.js';
import { CustomerKind, DataSource } from '../customer/customer.enums.js';
import { StaffUser } from '../staff/staff-user.entity.js';
import { MarketingPermitEntry } from './marketing.entity.js';
import { MARKETING_CHANNEL_VALUES, MarketingChannel, MarketingSource } from './marketing.enums.js';
import {
  MARKETING_AUDIENCE_SORT_FIELDS,
  MARKETING_PERMIT_ENTRY_SORT_FIELDS,
  type MarketingAudienceArgs,
  type MarketingPermitEntryFilter,
  type MarketingPermitEntryListArgs,
  type RecordMarketingDecisionArgs,
} from './marketing.input.js';
import { MarketingAudienceMember, MarketingPermissions } from './marketing.types.js';

const EVIDENCE_MAX = 2000;
const PARTNER_MAX = 100;
// Evidence may run over several lines (a quoted e-mail); other control characters break exports.
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CHANNEL_KEY = {
  [MarketingChannel.EMAIL]: 'email',
  [MarketingChannel.SMS]: 'sms',
  [MarketingChannel.PHONE]: 'phone',
  [MarketingChannel.POST]: 'post',
} as const;

/** The contact data each channel needs (and the only data its export row carries). */
const CHANNEL_CONTACT: Record<MarketingChannel, readonly (keyof Customer & string)[]> = {
  [MarketingChannel.EMAIL]: ['email'],
  [MarketingChannel.SMS]: ['phone'],
  [MarketingChannel.PHONE]: ['phone'],
  [MarketingChannel.POST]: ['streetAddress', 'postalCode', 'city', 'country'],
};

/** What a customer must have to be reached on the channel at all. */
const REACHABLE_BY: Record<MarketingChannel, readonly (keyof Customer & string)[]> = {
  [MarketingChannel.EMAIL]: ['email'],
  [MarketingChannel.SMS]: ['phone'],
  [MarketingChannel.PHONE]: ['phone'],
  [MarketingChannel.POST]: ['streetAddress', 'postalCode', 'city'],
};

interface StateRow {
  customer_id: string;
  channel: MarketingChannel;
  permitted: boolean;
  /** ISO 8601 in UTC, to the millisecond (what a Date holds). */
  decided_at: string | null;
  source: MarketingSource | null;
}

const ISO_TIME = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Channel names are enum constants, checked here before they are written into SQL. */
function channelList(channels: readonly MarketingChannel[]): string {
  if (channels.length === 0 || channels.some((channel) => !MARKETING_CHANNEL_VALUES.includes(channel))) {
    throw new Error(`not marketing channels: ${channels.join(', ')}`);
  }
  return channels.map((channel) => `'${channel}'`).join(', ');
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

function permissionsFrom(subjectId: string, rows: StateRow[]): MarketingPermissions {
  const permissions = Object.assign(new MarketingPermissions(), { customerId: subjectId });
  for (const channel of MARKETING_CHANNEL_VALUES) {
    const row = rows.find((r) => r.channel === channel);
    const key = CHANNEL_KEY[channel];
    // A missing row (which the database does not allow to happen) permits nothing: deny by default.
    permissions[key] = row?.permitted ?? false;
    permissions[`${key}DecidedAt`] = row?.decided_at ? new Date(row.decided_at) : null;
    permissions[`${key}Source`] = row?.source ?? null;
  }
  return permissions;
}

/**
 * Customers whose current state permits at least one of the channels (any channel when none are
 * given), as a filter of Customer: a semi-join on the state table's partial index.
 */
export function permittedCustomers(channels: readonly MarketingChannel[] = MARKETING_CHANNEL_VALUES): FilterQuery<Customer> {
  const only = channels.length === MARKETING_CHANNEL_VALUES.length ? '' : ` and "channel" in (${channelList(channels)})`;
  return {
    id: { $in: raw(`select "customer_id" from "customer_marketing_state" where "permitted"${only}`) },
  } as FilterQuery<Customer>;
}

export class MarketingService {
  permittedCustomers(channels?: readonly MarketingChannel[]): FilterQuery<Customer> {
    return permittedCustomers(channels);
  }

  /** The current permissions of many customers in one query (the per-request loader calls this). */
  async permissionsOf(em: EntityManager, customerIds: readonly string[]): Promise<Map<string, MarketingPermissions>> {
    const ids = [...new Set(customerIds.filter((id) => UUID.test(id)))];
    const result = new Map<string, MarketingPermissions>();
    if (ids.length === 0) return result;
    const rows = await em.getConnection().execute<StateRow[]>(
      `select s.customer_id, s.channel, s.permitted, ${ISO_TIME('s.decided_at')} as decided_at, e.source
         from customer_marketing_state s left join marketing_permit_entry e on e.id = s.entry_id
        where s.customer_id in (${ids.map(() => '?').join(', ')})`,
      ids,
      'all',
      em.getTransactionContext(),
    );
    const byCustomer = groupBy(rows, (row) => row.customer_id);
    for (const id of ids) {
      if (byCustomer.has(id)) result.set(id, permissionsFrom(id, byCustomer.get(id)!));
    }
    return result;
  }

  /**
   * The current permissions of business customers' contact persons, derived from the ledger (the
   * latest entry per channel, found through the contact-person index; an undecided channel follows
   * the database's default for business contacts: opt-out). Keyed by contact person; `customerId`
   * is the business customer's. A contact person with no entry at all is absent: the default
   * permits every channel.
   */
  async contactPersonPermissions(
    em: EntityManager,
    contactPersonIds: readonly string[],
  ): Promise<Map<string, MarketingPermissions & { contactPersonId: string }>> {
    const ids = [...new Set(contactPersonIds.filter((id) => UUID.test(id)))];
    const result = new Map<string, MarketingPermissions & { contactPersonId: string }>();
    if (ids.length === 0) return result;
    const rows = await em.getConnection().execute<(StateRow & { contact_person_id: string })[]>(
      `select person.contact_person_id, person.customer_id, ch.name as channel,
              coalesce(latest.decision = 'PERMIT', marketing_default_permitted('BUSINESS', ch.name)) as permitted,
              ${ISO_TIME('latest.recorded_at')} as decided_at, latest.source
         from (select distinct contact_person_id, customer_id from marketing_permit_entry
                where contact_person_id in (${ids.map(() => '?').join(', ')})) person
        cross join unnest(enum_range(null::marketing_channel)) as ch(name)
         left join lateral (
              select e.decision, e.recorded_at, e.source from marketing_permit_entry e
               where e.contact_person_id = person.contact_person_id and e.channel = ch.name
               order by e.recorded_at desc, e.id desc limit 1) latest on true`,
      ids,
      'all',
      em.getTransactionContext(),
    );
    for (const [contactPersonId, channels] of groupBy(rows, (row) => row.contact_person_id)) {
      result.set(contactPersonId, { ...permissionsFrom(channels[0]!.customer_id, channels), contactPersonId });
    }
    return result;
  }

  where(filter: MarketingPermitEntryFilter | undefined): FilterQuery<MarketingPermitEntry> {
    const where: Record<string, unknown> = {};
    if (!filter) return where;
    if (filter.customerId !== undefined && filter.customerId !== null) {
      if (!UUID.test(filter.customerId)) throw badInput('filter.customerId', 'must be a customer number (a UUID)');
      where.customer = filter.customerId;
    }
    if (filter.contactPersonId !== undefined && filter.contactPersonId !== null) {
      if (!UUID.test(filter.contactPersonId)) throw badInput('filter.contactPersonId', 'must be a contact person number (a UUID)');
      where.contactPersonId = filter.contactPersonId;
    }
    if (filter.channel) where.channel = filter.channel;
    if (filter.decision) where.decision = filter.decision;
    if (filter.source) where.source = filter.source;
    return where as FilterQuery<MarketingPermitEntry>;
  }

  list(em: EntityManager, args: MarketingPermitEntryListArgs): Promise<MarketingPermitEntry[]> {
    return em.find(
      MarketingPermitEntry,
      this.where(args.filter),
      listOptions(args, MARKETING_PERMIT_ENTRY_SORT_FIELDS, { sortField: 'recordedAt', sortOrder: 'DESC' }),
    );
  }

  count(em: EntityManager, args: MarketingPermitEntryListArgs): Promise<number> {
    return em.count(MarketingPermitEntry, this.where(args.filter));
  }

  async get(em: EntityManager, id: string): Promise<MarketingPermitEntry | null> {
    if (!UUID.test(id)) return null;
    return em.findOne(MarketingPermitEntry, { id });
  }

  /**
   * Appends one decision. Everything is checked first (all problems at once); the entry and its
   * audit event are written in one transaction, and the database moves the current state in the
   * same transaction, so a prohibition is in force the moment this returns.
   */
  async record(
    em: EntityManager,
    audit: AuditLog,
    recordedById: string,
    args: RecordMarketingDecisionArgs,
  ): Promise<MarketingPermitEntry> {
    const problems = new InputProblems();
    const customerIdValid = UUID.test(args.customerId);
    if (!customerIdValid) problems.add('customerId', 'must be a customer number (a UUID)');

    const evidence = args.evidence ?? '';
    if (evidence.trim() === '') {
      problems.add('evidence', 'is required: write down what the customer said, sent or signed');
    } else if (evidence !== evidence.trim()) {
      problems.add('evidence', 'must not start or end with spaces or empty lines');
    } else {
      if (evidence.length > EVIDENCE_MAX) {
        problems.add('evidence', `is too long: at most ${EVIDENCE_MAX} characters (now ${evidence.length})`);
      }
      if (CONTROL_EXCEPT_LINES.test(evidence)) problems.add('evidence', 'must not contain control characters');
    }

    const partner = args.sourcePartner ?? null;
    if (args.source === MarketingSource.PARTNER) {
      if (partner === null || partner.trim() === '') {
        problems.add('sourcePartner', 'name the partner register when the source is PARTNER');
      } else if (partner !== partner.trim()) {
        problems.add('sourcePartner', 'must not start or end with spaces');
      } else {
        if (partner.length > PARTNER_MAX) {
          problems.add('sourcePartner', `is too long: at most ${PARTNER_MAX} characters (now ${partner.length})`);
        }
        if (CONTROL.test(partner)) problems.add('sourcePartner', 'must not contain line breaks or control characters');
      }
    } else if (partner !== null && partner !== '') {
      problems.add('sourcePartner', 'is only for decisions that came from a partner register (source PARTNER)');
    }

    const contactPersonId = args.contactPersonId ?? null;
    if (contactPersonId !== null && !UUID.test(contactPersonId)) {
      problems.add('contactPersonId', 'must be a contact person number (a UUID)');
    }
    if (!UUID.test(recordedById)) throw new Error('a decision is recorded by a signed-in staff member');

    const customer = customerIdValid ? await em.findOne(Customer, { id: args.customerId }) : null;
    if (customerIdValid && !customer) problems.add('customerId', 'no customer has this number');
    if (customer && contactPersonId !== null && customer.kind !== CustomerKind.BUSINESS) {
      problems.add('contactPersonId', 'only business customers have contact persons (this customer is PRIVATE)');
    }
    problems.throwIfAny();

    const entry = Object.assign(new MarketingPermitEntry(), {
      id: randomUUID(),
      customer: customer!,
      contactPersonId,
      channel: args.channel,
      decision: args.decision,
      source: args.source,
      sourcePartner: args.source === MarketingSource.PARTNER ? partner : null,
      sourceType: args.source === MarketingSource.PARTNER ? DataSource.PARTNER : DataSource.DATA_SUBJECT,
      collectedAt: new Date(),
      recordedBy: em.getReference(StaffUser, recordedById),
      evidence,
    });
    const fields = ['id', 'customerId', 'channel', 'decision', 'source', 'evidence', 'recordedAt', 'recordedById', 'sourceType', 'collectedAt'];
    if (entry.sourcePartner) fields.push('sourcePartner');
    if (contactPersonId) fields.push('contactPersonId');
    await em.transactional(async (tx) => {
      tx.persist(entry);
      await tx.flush();
      await audit.write(tx, [
        {
          operation: 'recordMarketingDecision',
          action: 'create',
          subjectType: 'MarketingPermitEntry',
          subjectId: contactPersonId ?? customer!.id,
          fields: fields.sort(),
        },
      ]);
    });
    return entry;
  }

  /**
   * The export of one channel: only customers whose current state permits it and who can be
   * reached on it (an address for post, a number for SMS and phone, an e-mail address for e-mail),
   * each with only that channel's contact data.
   */
  async audience(em: EntityManager, args: MarketingAudienceArgs): Promise<MarketingAudienceMember[]> {
    const options = listOptions(args, MARKETING_AUDIENCE_SORT_FIELDS, { sortField: 'name' });
    const customers = await em.find(Customer, this.audienceWhere(args.channel), options);
    const contact = new Set<string>(CHANNEL_CONTACT[args.channel]);
    const only = (field: 'email' | 'phone' | 'streetAddress' | 'postalCode' | 'city' | 'country', customer: Customer) =>
      contact.has(field) ? (customer[field] ?? null) : null;
    return customers.map((customer) =>
      Object.assign(new MarketingAudienceMember(), {
        customerId: customer.id,
        channel: args.channel,
        kind: customer.kind,
        name: customer.name,
        email: only('email', customer),
        phone: only('phone', customer),
        streetAddress: only('streetAddress', customer),
        postalCode: only('postalCode', customer),
        city: only('city', customer),
        country: only('country', customer),
      }),
    );
  }

  audienceCount(em: EntityManager, channel: MarketingChannel): Promise<number> {
    return em.count(Customer, this.audienceWhere(channel));
  }

  private audienceWhere(channel: MarketingChannel): FilterQuery<Customer> {
    if (!MARKETING_CHANNEL_VALUES.includes(channel)) throw badInput('channel', `must be one of ${MARKETING_CHANNEL_VALUES.join(', ')}`);
    const reachable = REACHABLE_BY[channel].map((field) => ({ [field]: { $ne: null } }));
    return { $and: [this.permittedCustomers([channel]), ...reachable] } as FilterQuery<Customer>;
  }

}
