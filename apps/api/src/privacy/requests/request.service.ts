import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { Caller } from '../../access/caller.js';
import type { AuditEntry, AuditLog } from '../../audit/audit-log.js';
import { badInput, InputProblems, notFound } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { ContactPerson } from '../../modules/contact-person/contact-person.entity.js';
import { Customer } from '../../modules/customer/customer.entity.js';
import { MarketingChannel, MarketingDecision, MarketingSource } from '../../modules/marketing/marketing.enums.js';
import type { MarketingService } from '../../modules/marketing/marketing.service.js';
import type { RestrictionService } from '../restriction/restriction.service.js';
import { checkExtension, dueDateOf, parseCalendarDate, todayInFinland } from './due-date.js';
import { DataSubjectRequest } from './request.entity.js';
import { CLOSED_STATUSES, DataSubjectRequestStatus, DataSubjectRequestType, OPEN_STATUSES } from './request.enums.js';
import {
  DATA_SUBJECT_REQUEST_SORT_FIELDS,
  type CreateDataSubjectRequestArgs,
  type DataSubjectRequestFieldsArgs,
  type DataSubjectRequestFilter,
  type DataSubjectRequestListArgs,
  type DataSubjectRequestStatistics,
  type ExtendDataSubjectRequestArgs,
  type UpdateDataSubjectRequestArgs,
} from './request.input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const EARLIEST_RECEIPT = '2018-05-25';

const AUDIT_TYPE = 'DataSubjectRequest';

/** Checks a text: trimmed, within its length, without control characters (lines only where `lines`). */
function text(
  problems: InputProblems,
  field: string,
  value: string | null | undefined,
  max: number,
  { required = false, lines = false } = {},
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') {
    if (required) problems.add(field, 'is required');
    return null;
  }
  if (value !== value.trim()) problems.add(field, 'must not start or end with spaces or empty lines');
  else if (value.length > max) problems.add(field, `is too long: at most ${max} characters (now ${value.length})`);
  else if ((lines ? CONTROL_EXCEPT_LINES : CONTROL).test(value)) {
    problems.add(field, lines ? 'must not contain control characters' : 'must not contain line breaks or control characters');
  } else return value;
  return undefined;
}

function calendarDate(problems: InputProblems, field: string, value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (!parseCalendarDate(value)) {
    problems.add(field, 'must be a calendar date like 2025-01-31');
    return undefined;
  }
  return value;
}

/**
 * Links an edit to the rectification request it was made under (GDPR Art. 16): checks that the
 * caller is the dpo and that `requestId` names an open RECTIFICATION request of this data subject,
 * and returns the audit event to write with the edit, in its transaction — on the request's id,
 * with the names of the fields changed (never their values). The access report shows it.
 */
export async function rectificationEvent(
  em: EntityManager,
  caller: Caller,
  requestId: string,
  subject: { type: 'Customer' | 'ContactPerson'; id: string },
  fields: readonly string[],
): Promise<AuditEntry> {
  if (caller.kind !== 'staff' || !caller.roles.includes('dpo')) {
    throw new GraphQLError('requestId: only the registry liaison officer (dpo) makes edits under a data subject request.', {
      extensions: { code: 'FORBIDDEN', field: 'requestId' },
    });
  }
  const request = UUID.test(requestId) ? await em.findOne(DataSubjectRequest, { id: requestId }) : null;
  if (!request) throw badInput('requestId', 'no data subject request has this number');
  if (request.type !== DataSubjectRequestType.RECTIFICATION) {
    throw badInput('requestId', `is a ${request.type} request; edits are linked only to RECTIFICATION requests`);
  }
  if (CLOSED_STATUSES.includes(request.status)) {
    throw badInput('requestId', `this request is already ${request.status}: link the edit to an open rectification request`);
  }
  if (request.subjectId !== subject.id) {
    throw badInput('requestId', `this request concerns another person: link it to this ${subject.type === 'Customer' ? 'customer' : 'contact person'} first`);
  }
  return {
    operation: `rectify${subject.type}`,
    action: 'rectify',
    subjectType: AUDIT_TYPE,
    subjectId: request.id,
    fields: fields.map((field) => `${subject.type}.${field}`).sort(),
    outcome: subject.type === 'Customer' ? 'customer' : 'contact-person',
  };
}

/**
 * Data subject requests: registration, handling and closing, each change in one transaction with
 * its audit event (ids and field names only). Completing an objection records a prohibition on
 * every marketing channel and completing a restriction request restricts processing, in the same
 * transaction as the completion.
 */
export class DataSubjectRequestService {
  constructor(
    private readonly marketing: MarketingService,
    private readonly restrictions: RestrictionService,
  ) {}

  async get(em: EntityManager, id: string): Promise<DataSubjectRequest | null> {
    if (!UUID.test(id)) return null;
    return em.findOne(DataSubjectRequest, { id });
  }

  async getOrFail(em: EntityManager, id: string, field = 'id'): Promise<DataSubjectRequest> {
    const request = await this.get(em, id);
    if (!request) {
      if (field === 'id') throw notFound('Data subject request', id);
      throw badInput(field, 'no data subject request has this number');
    }
    return request;
  }

  where(filter: DataSubjectRequestFilter | undefined): FilterQuery<DataSubjectRequest> {
    const and: FilterQuery<DataSubjectRequest>[] = [];
    if (!filter) return {};
    if (filter.ids) and.push({ id: { $in: filter.ids.filter((id) => UUID.test(id)) } });
    if (filter.status) and.push({ status: filter.status });
    if (filter.type) and.push({ type: filter.type });
    if (filter.open === true) and.push({ status: { $in: [...OPEN_STATUSES] } });
    if (filter.open === false) and.push({ status: { $in: [...CLOSED_STATUSES] } });
    const today = todayInFinland();
    if (filter.overdue === true) and.push({ status: { $in: [...OPEN_STATUSES] }, dueDate: { $lt: today } });
    if (filter.overdue === false) and.push({ $or: [{ status: { $in: [...CLOSED_STATUSES] } }, { dueDate: { $gte: today } }] });
    if (filter.dueBefore) {
      if (!parseCalendarDate(filter.dueBefore)) throw badInput('filter.dueBefore', 'must be a calendar date like 2025-01-31');
      and.push({ dueDate: { $lte: filter.dueBefore } });
    }
    if (filter.subjectId) {
      if (!UUID.test(filter.subjectId)) throw badInput('filter.subjectId', 'must be a customer or contact person number (a UUID)');
      and.push({ $or: [{ customerId: filter.subjectId }, { contactPersonId: filter.subjectId }] });
    }
    return and.length === 0 ? {} : { $and: and };
  }

  list(em: EntityManager, args: DataSubjectRequestListArgs): Promise<DataSubjectRequest[]> {
    return em.find(DataSubjectRequest, this.where(args.filter), listOptions(args, DATA_SUBJECT_REQUEST_SORT_FIELDS, { sortField: 'dueDate' }));
  }

  count(em: EntityManager, args: DataSubjectRequestListArgs): Promise<number> {
    return em.count(DataSubjectRequest, this.where(args.filter));
  }

  /** The requests of a data subject (customer or contact person), oldest first. */
  ofSubject(em: EntityManager, subjectId: string): Promise<DataSubjectRequest[]> {
    if (!UUID.test(subjectId)) return Promise.resolve([]);
    return em.find(
      DataSubjectRequest,
      { $or: [{ customerId: subjectId }, { contactPersonId: subjectId }] },
      { orderBy: { receivedDate: 'asc', createdAt: 'asc', id: 'asc' } },
    );
  }

  async statistics(em: EntityManager): Promise<DataSubjectRequestStatistics> {
    const connection = em.getConnection();
    const context = em.getTransactionContext();
    const [byStatus, byMonth, overdue] = await Promise.all([
      connection.execute<{ status: DataSubjectRequestStatus; count: number }[]>(
        `select status, count(*)::int as count from data_subject_request group by status order by status`,
        [],
        'all',
        context,
      ),
      connection.execute<{ month: string; status: DataSubjectRequestStatus; count: number }[]>(
        `select to_char(received_date, 'YYYY-MM') as month, status, count(*)::int as count
           from data_subject_request group by 1, 2 order by 1, 2`,
        [],
        'all',
        context,
      ),
      connection.execute<{ count: number }[]>(
        `select count(*)::int as count from data_subject_request where status not in ('COMPLETED', 'REFUSED') and due_date < ?::date`,
        [todayInFinland()],
        'all',
        context,
      ),
    ]);
    return { byStatus, byMonth, overdue: overdue[0]?.count ?? 0 };
  }

  async create(em: EntityManager, audit: AuditLog, actorId: string | null, args: CreateDataSubjectRequestArgs): Promise<DataSubjectRequest> {
    const problems = new InputProblems();
    const request = new DataSubjectRequest();
    request.id = randomUUID();
    request.type = args.type;
    request.channel = args.channel;
    request.createdById = actorId;
    const received = calendarDate(problems, 'receivedDate', args.receivedDate);
    if (received) this.checkReceived(problems, received);
    const changed = await this.apply(em, problems, request, args, actorId);
    problems.throwIfAny();
    request.receivedDate = received!;
    request.originalDueDate = dueDateOf(received!);
    request.dueDate = request.originalDueDate;
    const fields = ['id', 'type', 'channel', 'receivedDate', 'dueDate', 'status', ...changed];
    return this.save(em, audit, request, 'createDataSubjectRequest', 'create', fields);
  }

  async update(em: EntityManager, audit: AuditLog, actorId: string | null, args: UpdateDataSubjectRequestArgs): Promise<DataSubjectRequest> {
    const request = await this.getOrFail(em, args.id);
    this.assertOpen(request);
    const problems = new InputProblems();
    const changed = await this.apply(em, problems, request, args, actorId);
    if (args.type != null && args.type !== request.type) {
      request.type = args.type;
      changed.push('type');
    }
    if (args.channel != null && args.channel !== request.channel) {
      request.channel = args.channel;
      changed.push('channel');
    }
    const received = calendarDate(problems, 'receivedDate', args.receivedDate ?? undefined);
    if (received && received !== request.receivedDate) {
      this.checkReceived(problems, received);
      if (request.extendedAt) {
        problems.add('receivedDate', 'cannot change once the due date has been extended: the extension was counted from the original due date');
      } else {
        request.receivedDate = received;
        request.originalDueDate = dueDateOf(received);
        request.dueDate = request.originalDueDate;
        changed.push('receivedDate', 'dueDate');
      }
    }
    if (args.status != null && args.status !== request.status) {
      if (args.status !== DataSubjectRequestStatus.IN_PROGRESS) {
        problems.add(
          'status',
          `can only be set to IN_PROGRESS here; use verify (identityVerificationMethod), extend, complete or refuse for ${args.status}`,
        );
      } else if (request.status === DataSubjectRequestStatus.EXTENDED) {
        problems.add('status', 'an extended request is already being handled; complete or refuse it');
      } else {
        request.status = DataSubjectRequestStatus.IN_PROGRESS;
        changed.push('status');
      }
    }
    problems.throwIfAny();
    if (changed.length === 0) return request;
    return this.save(em, audit, request, 'updateDataSubjectRequest', 'update', changed);
  }

  async extend(em: EntityManager, audit: AuditLog, actorId: string | null, args: ExtendDataSubjectRequestArgs): Promise<DataSubjectRequest> {
    const request = await this.getOrFail(em, args.id);
    this.assertOpen(request);
    const problems = new InputProblems();
    const reason = text(problems, 'reason', args.reason, 2000, { required: true, lines: true });
    const check = checkExtension(
      { originalDueDate: request.originalDueDate, dueDate: request.dueDate, extended: request.extendedAt != null },
      args.newDueDate,
    );
    if (!check.ok) problems.add('newDueDate', check.problem);
    problems.throwIfAny();
    request.dueDate = args.newDueDate;
    request.extensionReason = reason!;
    request.extendedAt = new Date();
    request.extendedById = actorId;
    request.status = DataSubjectRequestStatus.EXTENDED;
    return this.save(em, audit, request, 'extendDataSubjectRequest', 'update', [
      'dueDate',
      'extensionReason',
      'extendedAt',
      'extendedById',
      'status',
    ]);
  }

  async complete(em: EntityManager, audit: AuditLog, actorId: string | null, id: string, notes?: string | null): Promise<DataSubjectRequest> {
    const request = await this.getOrFail(em, id);
    this.assertOpen(request);
    const problems = new InputProblems();
    const extra = text(problems, 'notes', notes, 2000, { lines: true });
    if (!request.identityVerifiedAt) {
      problems.add('id', 'verify the person’s identity first (record how it was verified): a request is completed only for a verified person');
    }
    if (!request.customerId && !request.contactPersonId) {
      problems.add('id', 'link the request to the customer or contact person it concerns before completing it');
    }
    problems.throwIfAny();
    if (extra) {
      const combined = request.notes ? `${request.notes}\n\n${extra}` : extra;
      if (combined.length > 4000) throw badInput('notes', `make the notes shorter: together they would be ${combined.length} characters, at most 4000`);
      request.notes = combined;
    }
    request.status = DataSubjectRequestStatus.COMPLETED;
    request.completedDate = todayInFinland();
    const fields = ['status', 'completedDate', ...(extra ? ['notes'] : [])];
    return this.save(em, audit, request, 'completeDataSubjectRequest', 'update', fields, async (tx) => {
      if (request.type === DataSubjectRequestType.OBJECTION) await this.recordObjection(tx, audit, actorId, request);
      if (request.type === DataSubjectRequestType.RESTRICTION) {
        await this.restrictions.restrict(
          tx,
          {
            subjectType: request.customerId ? 'CUSTOMER' : 'CONTACT_PERSON',
            subjectId: (request.customerId ?? request.contactPersonId)!,
            reason: 'DATA_SUBJECT_REQUEST',
            requestId: request.id,
            by: actorId,
          },
          audit,
        );
      }
    });
  }

  async refuse(em: EntityManager, audit: AuditLog, id: string, reason: string): Promise<DataSubjectRequest> {
    const request = await this.getOrFail(em, id);
    this.assertOpen(request);
    const problems = new InputProblems();
    const checked = text(problems, 'reason', reason, 2000, { required: true, lines: true });
    problems.throwIfAny();
    request.status = DataSubjectRequestStatus.REFUSED;
    request.refusalReason = checked!;
    request.completedDate = todayInFinland();
    return this.save(em, audit, request, 'refuseDataSubjectRequest', 'update', ['status', 'refusalReason', 'completedDate']);
  }

  private assertOpen(request: DataSubjectRequest): void {
    if (CLOSED_STATUSES.includes(request.status)) {
      throw badInput('id', `this request is already ${request.status} and cannot change; register a new request if the person asks again`);
    }
  }

  private checkReceived(problems: InputProblems, received: string): void {
    if (received > todayInFinland()) problems.add('receivedDate', 'cannot be in the future');
    if (received < EARLIEST_RECEIPT) problems.add('receivedDate', `cannot be before ${EARLIEST_RECEIPT}, when the GDPR began to apply`);
  }

  /** Validates and applies the shared details; returns the names of the fields that changed. */
  private async apply(
    em: EntityManager,
    problems: InputProblems,
    request: DataSubjectRequest,
    args: DataSubjectRequestFieldsArgs,
    actorId: string | null,
  ): Promise<string[]> {
    const changed: string[] = [];
    const set = <K extends keyof DataSubjectRequest & string>(field: K, value: DataSubjectRequest[K] | undefined) => {
      if (value === undefined || request[field] === value) return;
      request[field] = value;
      changed.push(field);
    };
    const name = text(problems, 'requesterName', args.requesterName, 200);
    const emailValue = text(problems, 'requesterEmail', args.requesterEmail, 254);
    if (emailValue && !EMAIL.test(emailValue)) problems.add('requesterEmail', 'must be an e-mail address like name@example.fi');
    const phone = text(problems, 'requesterPhone', args.requesterPhone, 30);
    if (phone && !/^\+?[0-9 ()-]{5,29}$/.test(phone)) problems.add('requesterPhone', 'must be a phone number, e.g. +358 40 123 4567');
    const address = text(problems, 'requesterAddress', args.requesterAddress, 500, { lines: true });
    const dateOfBirth = calendarDate(problems, 'requesterDateOfBirth', args.requesterDateOfBirth);
    if (dateOfBirth && dateOfBirth > todayInFinland()) problems.add('requesterDateOfBirth', 'cannot be in the future');
    const method = text(problems, 'identityVerificationMethod', args.identityVerificationMethod, 500);
    const notes = text(problems, 'notes', args.notes, 4000, { lines: true });

    const customerId = args.customerId === undefined ? undefined : args.customerId || null;
    const contactPersonId = args.contactPersonId === undefined ? undefined : args.contactPersonId || null;
    const nextCustomer = customerId !== undefined ? customerId : request.customerId ?? null;
    const nextContact = contactPersonId !== undefined ? contactPersonId : request.contactPersonId ?? null;
    if (nextCustomer && nextContact) {
      problems.add(customerId ? 'customerId' : 'contactPersonId', 'a request concerns one person: give a customer or a contact person, not both');
    }
    if (customerId) {
      if (!UUID.test(customerId)) problems.add('customerId', 'must be a customer number (a UUID)');
      else if (!(await em.count(Customer, { id: customerId }))) problems.add('customerId', 'no customer has this number');
    }
    if (contactPersonId) {
      if (!UUID.test(contactPersonId)) problems.add('contactPersonId', 'must be a contact person number (a UUID)');
      else if (!(await em.count(ContactPerson, { id: contactPersonId }))) problems.add('contactPersonId', 'no contact person has this number');
    }
    if (!problems.empty) return [];

    set('customerId', customerId);
    set('contactPersonId', contactPersonId);
    set('requesterName', name);
    set('requesterEmail', emailValue);
    set('requesterPhone', phone);
    set('requesterAddress', address);
    set('requesterDateOfBirth', dateOfBirth);
    if (args.signed !== undefined && args.signed !== null) set('signed', args.signed);
    set('notes', notes);
    if (method !== undefined && method !== request.identityVerificationMethod) {
      request.identityVerificationMethod = method;
      request.identityVerifiedAt = method ? new Date() : null;
      request.identityVerifiedById = method ? actorId : null;
      changed.push('identityVerificationMethod', 'identityVerifiedAt', 'identityVerifiedById');
      if (method && request.status === DataSubjectRequestStatus.RECEIVED) {
        request.status = DataSubjectRequestStatus.IDENTITY_VERIFIED;
        changed.push('status');
      }
      if (!method && request.status === DataSubjectRequestStatus.IDENTITY_VERIFIED) {
        request.status = DataSubjectRequestStatus.RECEIVED;
        changed.push('status');
      }
    }
    return changed;
  }

  /** An objection to direct marketing prohibits every channel at once, through the ledger. */
  private async recordObjection(tx: EntityManager, audit: AuditLog, actorId: string | null, request: DataSubjectRequest): Promise<void> {
    if (!actorId) throw new Error('an objection is recorded by a signed-in staff member');
    let customerId = request.customerId ?? null;
    if (!customerId && request.contactPersonId) {
      const person = await tx.findOneOrFail(ContactPerson, { id: request.contactPersonId });
      customerId = person.customerId;
    }
    for (const channel of Object.values(MarketingChannel)) {
      await this.marketing.record(tx, audit, actorId, {
        customerId: customerId!,
        contactPersonId: request.contactPersonId ?? null,
        channel,
        decision: MarketingDecision.PROHIBIT,
        source: MarketingSource.OBJECTION_REQUEST,
        evidence: `Objection to direct marketing, data subject request ${request.id}`,
      });
    }
  }

  private async save(
    em: EntityManager,
    audit: AuditLog,
    request: DataSubjectRequest,
    operation: string,
    action: 'create' | 'update',
    fields: string[],
    alsoInTransaction?: (tx: EntityManager) => Promise<void>,
  ): Promise<DataSubjectRequest> {
    await em.transactional(async (tx) => {
      tx.persist(request);
      await tx.flush();
      if (alsoInTransaction) await alsoInTransaction(tx);
      await audit.write(tx, [
        { operation, action, subjectType: AUDIT_TYPE, subjectId: request.id, fields: [...new Set(fields)].sort() },
      ]);
    });
    return request;
  }
}
