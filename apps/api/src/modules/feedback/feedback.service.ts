import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntry, AuditLog } from '../../audit/audit-log.js';
import { badInput, InputProblems, notFound } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { applyChanges, provenance } from '../contact-person/contact-person.validation.js';
import { Customer } from '../customer/customer.entity.js';
import { isUuid } from '../customer/customer.service.js';
import { Feedback } from './feedback.entity.js';
import {
  FEEDBACK_SORT_FIELDS,
  type CreateFeedbackArgs,
  type FeedbackFieldsArgs,
  type FeedbackFilter,
  type FeedbackListArgs,
  type UpdateFeedbackArgs,
} from './feedback.input.js';
import * as validate from './feedback.validation.js';

/** Survey answers and feedback of customers. */
export class FeedbackService {
  where(filter: FeedbackFilter | undefined): FilterQuery<Feedback> {
    const where: FilterQuery<Feedback> & Record<string, unknown> = {};
    if (!filter) return where;
    if (filter.customerId) {
      if (!isUuid(filter.customerId)) throw badInput('filter.customerId', 'is not a customer id');
      where.customer = filter.customerId;
    }
    if (filter.kind) where.kind = filter.kind;
    if (filter.ids) where.id = { $in: filter.ids.filter(isUuid) };
    return where;
  }

  list(em: EntityManager, args: FeedbackListArgs): Promise<Feedback[]> {
    return em.find(Feedback, this.where(args.filter), listOptions(args, FEEDBACK_SORT_FIELDS, { sortField: 'givenAt', sortOrder: 'DESC' }));
  }

  count(em: EntityManager, args: FeedbackListArgs): Promise<number> {
    return em.count(Feedback, this.where(args.filter));
  }

  async get(em: EntityManager, id: string): Promise<Feedback | null> {
    if (!isUuid(id)) return null;
    return em.findOne(Feedback, { id });
  }

  async getOrFail(em: EntityManager, id: string): Promise<Feedback> {
    const feedback = await this.get(em, id);
    if (!feedback) throw notFound('Feedback', id);
    return feedback;
  }

  /** Validates new feedback and returns it unsaved with the fields it sets; nothing is written. */
  async build(em: EntityManager, args: CreateFeedbackArgs): Promise<{ feedback: Feedback; fields: string[] }> {
    const problems = new InputProblems();
    let customer: Customer | null = null;
    if (!args.customerId) problems.add('customerId', 'is required: the customer who gave the feedback');
    else if (!isUuid(args.customerId)) problems.add('customerId', 'is not a customer id');
    else {
      customer = await em.findOne(Customer, { id: args.customerId });
      if (!customer) problems.add('customerId', 'no customer has this id');
    }
    if (args.kind === undefined) problems.add('kind', 'is required: SURVEY_ANSWER, FREE_FEEDBACK or COMPLAINT');
    if (args.consent === undefined) {
      problems.add('consent', 'is required: the consent the feedback was given or collected under');
    }
    const feedback = new Feedback();
    feedback.id = randomUUID();
    feedback.collectedAt = new Date();
    feedback.givenAt = new Date();
    const { customerId: _customerId, ...fields } = args;
    const changed = this.apply(problems, feedback, fields);
    problems.throwIfAny();
    feedback.customer = customer!;
    return { feedback, fields: ['id', 'customerId', 'givenAt', ...changed.filter((field) => field !== 'givenAt')] };
  }

  async create(em: EntityManager, audit: AuditLog, args: CreateFeedbackArgs): Promise<Feedback> {
    const { feedback, fields } = await this.build(em, args);
    await this.save(em, audit, [feedback], [
      { operation: 'createFeedback', action: 'create', subjectType: 'Feedback', subjectId: feedback.customer.id, fields },
    ]);
    return feedback;
  }

  async update(em: EntityManager, audit: AuditLog, args: UpdateFeedbackArgs): Promise<Feedback> {
    const feedback = await this.getOrFail(em, args.id);
    const problems = new InputProblems();
    const { id: _id, ...fields } = args;
    const changed = this.apply(problems, feedback, fields);
    problems.throwIfAny();
    if (changed.length === 0) return feedback;
    await this.save(em, audit, [feedback], [
      { operation: 'updateFeedback', action: 'update', subjectType: 'Feedback', subjectId: feedback.customer.id, fields: changed },
    ]);
    return feedback;
  }

  async delete(em: EntityManager, audit: AuditLog, id: string): Promise<Feedback> {
    const feedback = await this.getOrFail(em, id);
    const snapshot = Object.assign(new Feedback(), feedback);
    await em.transactional(async (tx) => {
      await tx.nativeDelete(Feedback, { id });
      await audit.write(tx, [
        { operation: 'deleteFeedback', action: 'delete', subjectType: 'Feedback', subjectId: feedback.customer.id, fields: ['*'] },
      ]);
    });
    em.getUnitOfWork().unsetIdentity(feedback);
    return snapshot;
  }

  /** Saves the records and their audit events together: both or neither. */
  async save(em: EntityManager, audit: AuditLog, records: Feedback[], events: AuditEntry[]): Promise<void> {
    await em.transactional(async (tx) => {
      for (const record of records) tx.persist(record);
      await tx.flush();
      await audit.write(tx, events.map((event) => ({ ...event, fields: [...(event.fields ?? [])].sort() })));
    });
  }

  private apply(problems: InputProblems, feedback: Feedback, args: FeedbackFieldsArgs): string[] {
    const values = validate.feedbackFields(problems, args);
    const source = provenance(problems, args, feedback);
    if (!problems.empty) return [];
    validate.checkKind(problems, values, feedback);
    if (!problems.empty) return [];
    return applyChanges(feedback, { ...values, ...source });
  }
}
