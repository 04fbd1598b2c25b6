import { randomUUID } from 'node:crypto';
import { wrap, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseAnyInvoiceReference } from '@register/identifiers';
import DataLoader from 'dataloader';
import type { AuditEntry, AuditLog } from '../../audit/audit-log.js';
import { badInput, InputProblems, notFound } from '../../common/errors.js';
import { listOptions } from '../../graphql/list.js';
import { applyChanges, provenance, todayInFinland } from '../contact-person/contact-person.validation.js';
import { Customer } from '../customer/customer.entity.js';
import { isUuid } from '../customer/customer.service.js';
import { BillingAccount } from './billing-account.entity.js';
import { InvoiceStatus } from './billing.enums.js';
import {
  BILLING_ACCOUNT_SORT_FIELDS,
  INVOICE_SORT_FIELDS,
  type BillingAccountFieldsArgs,
  type BillingAccountFilter,
  type BillingAccountListArgs,
  type CreateBillingAccountArgs,
  type CreateInvoiceArgs,
  type InvoiceFilter,
  type InvoiceListArgs,
  type UpdateBillingAccountArgs,
  type UpdateInvoiceArgs,
} from './billing.input.js';
import * as validate from './billing.validation.js';
import { Invoice } from './invoice.entity.js';

const UNPAID = [InvoiceStatus.OPEN, InvoiceStatus.REMINDER_SENT, InvoiceStatus.IN_COLLECTION];

function uuidFilter(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, 'is not an id');
  return value;
}

/** Saves records and their audit events in one transaction: both or neither. */
async function saveWithAudit(em: EntityManager, audit: AuditLog, records: object[], events: AuditEntry[]): Promise<void> {
  await em.transactional(async (tx) => {
    for (const record of records) tx.persist(record);
    await tx.flush();
    await audit.write(tx, events.map((event) => ({ ...event, fields: [...(event.fields ?? [])].sort() })));
  });
}

export class BillingAccountService {
  where(filter: BillingAccountFilter | undefined): FilterQuery<BillingAccount> {
    const where: FilterQuery<BillingAccount> & Record<string, unknown> = {};
    if (!filter) return where;
    if (filter.customerId) where.customer = uuidFilter('filter.customerId', filter.customerId);
    if (filter.ids) where.id = { $in: filter.ids.filter(isUuid) };
    if (filter.method) where.method = filter.method;
    return where;
  }

  list(em: EntityManager, args: BillingAccountListArgs): Promise<BillingAccount[]> {
    return em.find(BillingAccount, this.where(args.filter), listOptions(args, BILLING_ACCOUNT_SORT_FIELDS, { sortField: 'createdAt' }));
  }

  count(em: EntityManager, args: BillingAccountListArgs): Promise<number> {
    return em.count(BillingAccount, this.where(args.filter));
  }

  async get(em: EntityManager, id: string): Promise<BillingAccount | null> {
    if (!isUuid(id)) return null;
    return em.findOne(BillingAccount, { id });
  }

  async getOrFail(em: EntityManager, id: string): Promise<BillingAccount> {
    const account = await this.get(em, id);
    if (!account) throw notFound('Billing account', id);
    return account;
  }

  /**
   * One billing account per invoice of a page, in one query: a loader per request (per
   * EntityManager fork) batches every `Invoice.billingAccount` the response asks for.
   */
  private readonly loaders = new WeakMap<EntityManager, DataLoader<string, BillingAccount | null>>();

  load(em: EntityManager, account: BillingAccount): Promise<BillingAccount | null> {
    if (wrap(account).isInitialized()) return Promise.resolve(account);
    let loader = this.loaders.get(em);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly string[]) => {
        const accounts = await em.find(BillingAccount, { id: { $in: [...ids] } });
        const byId = new Map(accounts.map((found) => [found.id, found]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.loaders.set(em, loader);
    }
    return loader.load(account.id);
  }

  /** Validates a new billing account and returns it unsaved with the fields it sets. */
  async build(em: EntityManager, args: CreateBillingAccountArgs): Promise<{ account: BillingAccount; fields: string[] }> {
    const problems = new InputProblems();
    let customer: Customer | null = null;
    if (!args.customerId) problems.add('customerId', 'is required: the customer billed through this account');
    else if (!isUuid(args.customerId)) problems.add('customerId', 'is not a customer id');
    else {
      customer = await em.findOne(Customer, { id: args.customerId });
      if (!customer) problems.add('customerId', 'no customer has this id');
    }
    if (args.method === undefined) problems.add('method', 'is required: E_INVOICE, EMAIL, PAPER or DIRECT_PAYMENT');
    const account = new BillingAccount();
    account.id = randomUUID();
    account.collectedAt = new Date();
    const { customerId: _customerId, ...fields } = args;
    const changed = this.apply(problems, account, fields);
    problems.throwIfAny();
    account.customer = customer!;
    return { account, fields: ['id', 'customerId', ...changed] };
  }

  async create(em: EntityManager, audit: AuditLog, args: CreateBillingAccountArgs): Promise<BillingAccount> {
    const { account, fields } = await this.build(em, args);
    await saveWithAudit(em, audit, [account], [
      { operation: 'createBillingAccount', action: 'create', subjectType: 'BillingAccount', subjectId: account.customer.id, fields },
    ]);
    return account;
  }

  async update(em: EntityManager, audit: AuditLog, args: UpdateBillingAccountArgs): Promise<BillingAccount> {
    const account = await this.getOrFail(em, args.id);
    const problems = new InputProblems();
    const { id: _id, ...fields } = args;
    const changed = this.apply(problems, account, fields);
    problems.throwIfAny();
    if (changed.length === 0) return account;
    await saveWithAudit(em, audit, [account], [
      { operation: 'updateBillingAccount', action: 'update', subjectType: 'BillingAccount', subjectId: account.customer.id, fields: changed },
    ]);
    return account;
  }

  /** Validates every given field and the method's needs; applies them only when all is well. */
  private apply(problems: InputProblems, account: BillingAccount, args: BillingAccountFieldsArgs): string[] {
    const values = validate.billingAccountFields(problems, args, account);
    const source = provenance(problems, args, account);
    if (!problems.empty) return [];
    validate.checkBillingMethod(problems, values, account);
    if (!problems.empty) return [];
    return applyChanges(account, { ...values, ...source });
  }
}

export class InvoiceService {
  constructor(private readonly accounts: BillingAccountService) {}

  where(filter: InvoiceFilter | undefined, today = todayInFinland()): FilterQuery<Invoice> {
    const where: FilterQuery<Invoice> & Record<string, unknown> = {};
    if (!filter) return where;
    const and: FilterQuery<Invoice>[] = [];
    if (filter.customerId) where.customer = uuidFilter('filter.customerId', filter.customerId);
    if (filter.billingAccountId) where.billingAccount = uuidFilter('filter.billingAccountId', filter.billingAccountId);
    if (filter.ids) where.id = { $in: filter.ids.filter(isUuid) };
    if (filter.status) where.status = filter.status;
    if (filter.dueBefore && filter.dueAfter && filter.dueAfter > filter.dueBefore) {
      throw badInput('filter.dueAfter', `is after filter.dueBefore (${filter.dueBefore}): no invoice can be due in between`);
    }
    if (filter.dueBefore) and.push({ dueDate: { $lte: filter.dueBefore } });
    if (filter.dueAfter) and.push({ dueDate: { $gte: filter.dueAfter } });
    if (filter.overdue === true) and.push({ status: { $in: UNPAID }, dueDate: { $lt: today } });
    if (filter.overdue === false) and.push({ $or: [{ status: { $nin: UNPAID } }, { dueDate: { $gte: today } }] });
    if (filter.referenceNumber !== undefined && filter.referenceNumber !== null) {
      const parsed = parseAnyInvoiceReference(filter.referenceNumber.trim());
      if (!parsed.ok) throw badInput('filter.referenceNumber', parsed.error);
      where.referenceNumber = parsed.value.kind === 'finnish' ? parsed.value.normalized : parsed.value.reference;
    }
    if (and.length > 0) where.$and = and;
    return where;
  }

  list(em: EntityManager, args: InvoiceListArgs): Promise<Invoice[]> {
    return em.find(
      Invoice,
      this.where(args.filter),
      listOptions(args, INVOICE_SORT_FIELDS, { sortField: 'issueDate', sortOrder: 'DESC' }),
    );
  }

  count(em: EntityManager, args: InvoiceListArgs): Promise<number> {
    return em.count(Invoice, this.where(args.filter));
  }

  async get(em: EntityManager, id: string): Promise<Invoice | null> {
    if (!isUuid(id)) return null;
    return em.findOne(Invoice, { id });
  }

  async getOrFail(em: EntityManager, id: string): Promise<Invoice> {
    const invoice = await this.get(em, id);
    if (!invoice) throw notFound('Invoice', id);
    return invoice;
  }

  billingAccount(em: EntityManager, invoice: Invoice): Promise<BillingAccount | null> {
    return this.accounts.load(em, invoice.billingAccount);
  }

  /** Takes the next invoice numbers from the sequence (numbers of failed writes are skipped, never reused). */
  async allocateNumbers(em: EntityManager, count: number): Promise<number[]> {
    const rows = await em
      .getConnection()
      .execute<{ n: number }[]>(
        `select nextval('invoice_number_seq')::int as n from generate_series(1, ?)`,
        [count],
        'all',
        em.getTransactionContext(),
      );
    return rows.map((row) => Number(row.n));
  }

  /**
   * Validates a new invoice and returns it unsaved (without its number: see `number`), with the
   * fields it sets. New invoices are OPEN.
   */
  async build(em: EntityManager, args: CreateInvoiceArgs, today = todayInFinland()): Promise<{ invoice: Invoice; fields: string[] }> {
    const problems = new InputProblems();
    let account: BillingAccount | null = null;
    if (!args.billingAccountId) problems.add('billingAccountId', 'is required: the billing account the invoice is sent through');
    else if (!isUuid(args.billingAccountId)) problems.add('billingAccountId', 'is not a billing account id');
    else {
      account = await this.accounts.get(em, args.billingAccountId);
      if (!account) problems.add('billingAccountId', 'no billing account has this id');
    }
    const dates = validate.invoiceDates(problems, args, today);
    const amounts = validate.invoiceAmounts(problems, args);
    const invoice = new Invoice();
    invoice.id = randomUUID();
    invoice.collectedAt = new Date();
    const source = provenance(problems, args, invoice);
    problems.throwIfAny();
    invoice.billingAccount = account!;
    invoice.customer = account!.customer;
    Object.assign(invoice, dates, amounts);
    const changed = applyChanges(invoice, source);
    const fields = ['id', 'customerId', 'billingAccountId', 'invoiceNumber', 'referenceNumber', 'issueDate', 'dueDate', 'netAmountCents', 'vatAmountCents', 'totalAmountCents', 'status', 'currency'];
    return { invoice, fields: [...fields, ...changed] };
  }

  /** Gives the invoice its number and the reference number generated from it. */
  number(invoice: Invoice, invoiceNumber: number): void {
    invoice.invoiceNumber = invoiceNumber;
    invoice.referenceNumber = validate.referenceFor(invoiceNumber);
  }

  async create(em: EntityManager, audit: AuditLog, args: CreateInvoiceArgs): Promise<Invoice> {
    const { invoice, fields } = await this.build(em, args);
    const [invoiceNumber] = await this.allocateNumbers(em, 1);
    this.number(invoice, invoiceNumber!);
    await saveWithAudit(em, audit, [invoice], [
      { operation: 'createInvoice', action: 'create', subjectType: 'Invoice', subjectId: invoice.customer.id, fields },
    ]);
    return invoice;
  }

  /** Applies a validated change (status, payment, reminder, collection, due date, provenance). */
  change(invoice: Invoice, args: UpdateInvoiceArgs, today = todayInFinland()): string[] {
    const problems = new InputProblems();
    const changes = validate.invoiceChanges(problems, invoice, args, today);
    const source = provenance(problems, args, invoice);
    problems.throwIfAny();
    return applyChanges(invoice, { ...changes, ...source });
  }

  async update(em: EntityManager, audit: AuditLog, args: UpdateInvoiceArgs): Promise<Invoice> {
    const invoice = await this.getOrFail(em, args.id);
    const changed = this.change(invoice, args);
    if (changed.length === 0) return invoice;
    await saveWithAudit(em, audit, [invoice], [
      { operation: 'updateInvoice', action: 'update', subjectType: 'Invoice', subjectId: invoice.customer.id, fields: changed },
    ]);
    return invoice;
  }
}

