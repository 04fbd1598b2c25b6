import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntry, AuditLog } from '../../audit/audit-log.js';
import { rectificationEvent } from '../../privacy/requests/request.service.js';
import { badInput, InputProblems, notFound } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { Customer } from '../customer/customer.entity.js';
import { CustomerKind } from '../customer/customer.enums.js';
import { isUuid } from '../customer/customer.service.js';
import * as customerValidation from '../customer/customer.validation.js';
import { ContactPerson } from './contact-person.entity.js';
import {
  CONTACT_PERSON_SORT_FIELDS,
  type ContactPersonFieldsArgs,
  type ContactPersonFilter,
  type ContactPersonListArgs,
  type CreateContactPersonArgs,
  type UpdateContactPersonArgs,
} from './contact-person.input.js';
import { applyChanges, boundedText, provenance } from './contact-person.validation.js';

const MIN_SEARCH_LENGTH = 3;

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A search that looks like a phone number is matched on its digits in international form. */
function searchTerm(q: string): string {
  const compact = q.replace(/[\s\-()]/g, '');
  if (/^\+?[0-9]{4,}$/.test(compact)) {
    const digits = compact.replace(/^\+/, '');
    if (digits.startsWith('00')) return digits.slice(2);
    if (digits.startsWith('0')) return `358${digits.slice(1)}`;
    return digits;
  }
  return q.toLowerCase();
}

/** Contact persons of business customers: each one a data subject of their own. */
export class ContactPersonService {
  where(filter: ContactPersonFilter | undefined): FilterQuery<ContactPerson> {
    const where: FilterQuery<ContactPerson> & Record<string, unknown> = {};
    if (!filter) return where;
    if (filter.customerId) {
      if (!isUuid(filter.customerId)) throw badInput('filter.customerId', 'is not a customer id');
      where.customer = filter.customerId;
    }
    if (filter.ids) where.id = { $in: filter.ids.filter(isUuid) };
    if (filter.q !== undefined && filter.q !== null) {
      const q = filter.q.trim();
      if (q.length > 0) {
        if (q.length < MIN_SEARCH_LENGTH) throw badInput('filter.q', `type at least ${MIN_SEARCH_LENGTH} characters to search`);
        if (q.length > 100) throw badInput('filter.q', 'is too long: at most 100 characters');
        where.searchText = { $like: `%${escapeLike(searchTerm(q))}%` };
      }
    }
    return where;
  }

  list(em: EntityManager, args: ContactPersonListArgs): Promise<ContactPerson[]> {
    return em.find(ContactPerson, this.where(args.filter), listOptions(args, CONTACT_PERSON_SORT_FIELDS, { sortField: 'name' }));
  }

  count(em: EntityManager, args: ContactPersonListArgs): Promise<number> {
    return em.count(ContactPerson, this.where(args.filter));
  }

  async get(em: EntityManager, id: string): Promise<ContactPerson | null> {
    if (!isUuid(id)) return null;
    return em.findOne(ContactPerson, { id });
  }

  async getOrFail(em: EntityManager, id: string): Promise<ContactPerson> {
    const person = await this.get(em, id);
    if (!person) throw notFound('Contact person', id);
    return person;
  }

  /**
   * Validates a new contact person and returns it unsaved, with the fields it sets; nothing is
   * written. `create` saves one; the demo seed saves many in one transaction.
   */
  async build(em: EntityManager, args: CreateContactPersonArgs): Promise<{ person: ContactPerson; fields: string[] }> {
    const problems = new InputProblems();
    let customer: Customer | null = null;
    if (!args.customerId) problems.add('customerId', 'is required: the business customer this person works for');
    else if (!isUuid(args.customerId)) problems.add('customerId', 'is not a customer id');
    else {
      customer = await em.findOne(Customer, { id: args.customerId });
      if (!customer) problems.add('customerId', 'no customer has this id');
      else if (customer.kind !== CustomerKind.BUSINESS) {
        problems.add('customerId', 'contact persons are recorded for business customers only (this customer is a private person)');
      }
    }
    if (args.name === undefined || args.name === null) problems.add('name', 'is required');
    const person = new ContactPerson();
    person.id = randomUUID();
    person.collectedAt = new Date();
    const { customerId: _customerId, ...fields } = args;
    const changed = this.apply(problems, person, fields);
    problems.throwIfAny();
    person.customer = customer!;
    return { person, fields: ['id', 'customerId', ...changed] };
  }

  async create(em: EntityManager, audit: AuditLog, args: CreateContactPersonArgs): Promise<ContactPerson> {
    const { person, fields } = await this.build(em, args);
    await this.save(em, audit, [person], [{ operation: 'createContactPerson', action: 'create', subjectType: 'ContactPerson', subjectId: person.id, fields }]);
    return person;
  }

  async update(em: EntityManager, audit: AuditLog, args: UpdateContactPersonArgs): Promise<ContactPerson> {
    const person = await this.getOrFail(em, args.id);
    const problems = new InputProblems();
    const { id: _id, requestId, ...fields } = args;
    const changed = this.apply(problems, person, fields);
    problems.throwIfAny();
    if (changed.length === 0) return person;
    // An edit under a rectification request is linked to it (ids and field names, never values).
    const linked = requestId
      ? [await rectificationEvent(em, audit.caller, requestId, { type: 'ContactPerson', id: person.id }, changed)]
      : [];
    await this.save(em, audit, [person], [
      { operation: 'updateContactPerson', action: 'update', subjectType: 'ContactPerson', subjectId: person.id, fields: changed },
      ...linked,
    ]);
    return person;
  }

  async delete(em: EntityManager, audit: AuditLog, id: string): Promise<ContactPerson> {
    const person = await this.getOrFail(em, id);
    const snapshot = Object.assign(new ContactPerson(), person);
    await em.transactional(async (tx) => {
      await tx.nativeDelete(ContactPerson, { id });
      await audit.write(tx, [
        { operation: 'deleteContactPerson', action: 'delete', subjectType: 'ContactPerson', subjectId: id, fields: ['*'] },
      ]);
    });
    em.getUnitOfWork().unsetIdentity(person);
    return snapshot;
  }

  /** Saves the records and their audit events together: both or neither. */
  async save(em: EntityManager, audit: AuditLog, people: ContactPerson[], events: AuditEntry[]): Promise<void> {
    await em.transactional(async (tx) => {
      for (const person of people) tx.persist(person);
      await tx.flush();
      await audit.write(tx, events.map((event) => ({ ...event, fields: [...(event.fields ?? [])].sort() })));
    });
  }

  /**
   * Validates every given field (collecting all problems), then applies them to the record.
   * Returns the names of the fields that changed; nothing is applied when anything is wrong.
   */
  private apply(problems: InputProblems, person: ContactPerson, args: ContactPersonFieldsArgs): string[] {
    const name = customerValidation.text(problems, 'name', args.name, { required: true });
    const email = customerValidation.email(problems, args.email);
    const phone = customerValidation.normalisePhone(problems, args.phone);
    const streetAddress = customerValidation.text(problems, 'streetAddress', args.streetAddress);
    const city = customerValidation.text(problems, 'city', args.city);
    const country = customerValidation.country(problems, args.country);
    const postalCode = customerValidation.postalCode(problems, args.postalCode, country ?? person.country ?? 'FI');
    const roleInCompany = boundedText(problems, 'roleInCompany', args.roleInCompany, 200);
    const position = boundedText(problems, 'position', args.position, 200);
    const source = provenance(problems, args, person);
    if (!problems.empty) return [];
    return applyChanges(person, {
      name: name ?? undefined,
      email,
      phone,
      streetAddress,
      postalCode,
      city,
      country: country ?? undefined,
      roleInCompany,
      position,
      ...source,
    });
  }
}
