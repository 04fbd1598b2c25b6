import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { classification, DATA_CATEGORIES, type DataCategory } from '@register/schema';
import type { Caller } from '../../access/caller.js';
import type { AuditLog } from '../../audit/audit-log.js';
import { badInput, forbidden, InputProblems, notFound } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { ContactPerson } from '../../modules/contact-person/contact-person.entity.js';
import { boundedText, todayInFinland } from '../../modules/contact-person/contact-person.validation.js';
import { Customer } from '../../modules/customer/customer.entity.js';
import { isUuid } from '../../modules/customer/customer.service.js';
import { StaffUser } from '../../modules/staff/staff-user.entity.js';
import { Disclosure } from './disclosure.entity.js';
import { DisclosureLegalBasis, DisclosureSubjectKind } from './disclosure.enums.js';
import { DISCLOSURE_SORT_FIELDS, type DisclosureFilter, type DisclosureListArgs, type RecordDisclosureArgs } from './disclosure.input.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LISTED = 200;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A data-map field named `Type.field`: the type must be classified and the field on it. */
export function isDataMapField(value: string): boolean {
  const [typeName, field, ...rest] = value.split('.');
  return rest.length === 0 && !!typeName && !!field && classification(typeName)?.fields[field] !== undefined;
}

function dateArgument(problems: InputProblems, field: string, value: string | null | undefined, today: string): string | undefined {
  if (value === undefined || value === null) {
    problems.add(field, 'is required: the date the data was handed over (YYYY-MM-DD)');
    return undefined;
  }
  if (!ISO_DATE.test(value)) {
    problems.add(field, 'must be a date as YYYY-MM-DD');
    return undefined;
  }
  if (value > today) {
    problems.add(field, `cannot be in the future (today is ${today}): record a disclosure once it has been made`);
    return undefined;
  }
  return value;
}

function listArgument<T extends string>(
  problems: InputProblems,
  field: string,
  values: readonly string[] | null | undefined,
  valid: (value: string) => value is T,
  explain: string,
): T[] {
  if (!values) return [];
  if (values.length > MAX_LISTED) {
    problems.add(field, `at most ${MAX_LISTED} entries`);
    return [];
  }
  const result: T[] = [];
  values.forEach((value, index) => {
    if (!valid(value)) problems.add(`${field}.${index}`, `"${value.slice(0, 60)}" ${explain}`);
    else if (!result.includes(value)) result.push(value);
  });
  return result;
}

const isCategory = (value: string): value is DataCategory => (DATA_CATEGORIES as readonly string[]).includes(value);
const isField = (value: string): value is string => isDataMapField(value);

/**
 * Disclosures to authorities: recorded once, never changed (the database refuses it), read by the
 * registry liaison officer. The person is named by id; the recorder comes from the session.
 */
export class DisclosureService {
  where(filter: DisclosureFilter | undefined): FilterQuery<Disclosure> {
    const where: FilterQuery<Disclosure> & Record<string, unknown> = {};
    if (!filter) return where;
    if (filter.subjectId !== undefined && filter.subjectId !== null) {
      if (!isUuid(filter.subjectId)) throw badInput('filter.subjectId', 'is not a customer or contact person id');
      where.subjectId = filter.subjectId;
    }
    if (filter.customerId !== undefined && filter.customerId !== null) {
      if (!isUuid(filter.customerId)) throw badInput('filter.customerId', 'is not a customer id');
      where.customer = filter.customerId;
    }
    if (filter.recipient) where.recipient = { $ilike: `%${escapeLike(filter.recipient.trim())}%` };
    if (filter.legalBasis) where.legalBasis = filter.legalBasis;
    const range: Record<string, string> = {};
    if (filter.disclosedFrom) range.$gte = filter.disclosedFrom;
    if (filter.disclosedTo) range.$lte = filter.disclosedTo;
    if (filter.disclosedFrom && filter.disclosedTo && filter.disclosedFrom > filter.disclosedTo) {
      throw badInput('filter.disclosedTo', 'is before filter.disclosedFrom: give a range whose end is on or after its start');
    }
    if (Object.keys(range).length > 0) where.disclosedOn = range;
    if (filter.ids) where.id = { $in: filter.ids.filter(isUuid) };
    return where;
  }

  list(em: EntityManager, args: DisclosureListArgs): Promise<Disclosure[]> {
    return em.find(
      Disclosure,
      this.where(args.filter),
      listOptions(args, DISCLOSURE_SORT_FIELDS, { sortField: 'disclosedOn', sortOrder: 'DESC' }),
    );
  }

  count(em: EntityManager, args: DisclosureListArgs): Promise<number> {
    return em.count(Disclosure, this.where(args.filter));
  }

  async get(em: EntityManager, id: string): Promise<Disclosure | null> {
    if (!isUuid(id)) return null;
    return em.findOne(Disclosure, { id });
  }

  /** Validates every argument (all problems at once), then writes the record and its audit event together. */
  async record(em: EntityManager, audit: AuditLog, caller: Caller, args: RecordDisclosureArgs, now = new Date()): Promise<Disclosure> {
    if (caller.kind !== 'staff') throw forbidden('Only a signed-in member of staff records disclosures.');
    const problems = new InputProblems();
    const today = todayInFinland(now);

    if (!args.subjectKind) problems.add('subjectKind', 'is required: CUSTOMER or CONTACT_PERSON');
    if (!args.subjectId) problems.add('subjectId', 'is required: the customer or contact person whose data was disclosed');
    else if (!isUuid(args.subjectId)) problems.add('subjectId', 'is not a customer or contact person id');
    const recipient = boundedText(problems, 'recipient', args.recipient ?? null, 200, { required: true });
    if (!args.legalBasis) problems.add('legalBasis', `is required: one of ${Object.keys(DisclosureLegalBasis).join(', ')}`);
    const legalBasisText = boundedText(problems, 'legalBasisText', args.legalBasisText ?? null, 1000, { required: true, multiline: true });
    const categories = listArgument(problems, 'categories', args.categories, isCategory, `is not a data category; use one of ${DATA_CATEGORIES.join(', ')}`);
    const fields = listArgument(problems, 'fields', args.fields, isField, 'is not a field of the data map: write it as Type.field, e.g. Customer.name');
    if (problems.empty && categories.length === 0 && fields.length === 0) {
      problems.add('categories', 'name what was disclosed: at least one data category or field');
    }
    const disclosedOn = dateArgument(problems, 'disclosedOn', args.disclosedOn, today);
    const requestReference = boundedText(problems, 'requestReference', args.requestReference, 100);
    const note = boundedText(problems, 'note', args.note, 2000, { multiline: true });
    problems.throwIfAny();

    const subjectId = args.subjectId!;
    let customerId: string;
    if (args.subjectKind === DisclosureSubjectKind.CUSTOMER) {
      const customer = await em.findOne(Customer, { id: subjectId }, { fields: ['id'] });
      if (!customer) throw badInput('subjectId', 'no customer has this id');
      customerId = customer.id;
    } else {
      const person = await em.findOne(ContactPerson, { id: subjectId }, { fields: ['id', 'customer'] });
      if (!person) throw badInput('subjectId', 'no contact person has this id');
      customerId = person.customer.id;
    }

    const disclosure = Object.assign(new Disclosure(), {
      id: randomUUID(),
      subjectKind: args.subjectKind!,
      subjectId,
      customer: em.getReference(Customer, customerId),
      recipient: recipient!,
      legalBasis: args.legalBasis!,
      legalBasisText: legalBasisText!,
      categories,
      fields,
      disclosedOn: disclosedOn!,
      requestReference: requestReference ?? null,
      note: note ?? null,
      disclosedBy: em.getReference(StaffUser, caller.userId),
    });
    const written = ['id', 'subjectKind', 'subjectId', 'customerId', 'recipient', 'legalBasis', 'legalBasisText', 'categories', 'fields', 'disclosedOn', 'disclosedById', 'recordedAt'];
    if (requestReference) written.push('requestReference');
    if (note) written.push('note');
    await em.transactional(async (tx) => {
      tx.persist(disclosure);
      await tx.flush();
      await audit.write(tx, [
        { operation: 'recordDisclosure', action: 'create', subjectType: 'Disclosure', subjectId, fields: written.sort() },
      ]);
    });
    // recordedAt comes from the database's clock.
    await em.refresh(disclosure);
    return disclosure;
  }

  async getOrFail(em: EntityManager, id: string): Promise<Disclosure> {
    const disclosure = await this.get(em, id);
    if (!disclosure) throw notFound('Disclosure', id);
    return disclosure;
  }
}
