import type { EntityManager } from '@mikro-orm/postgresql';
import { ovtFromBusinessId } from '@register/identifiers';
import { AuditLog, type AuditEntry } from '../../audit/audit-log.js';
import type { Services } from '../../services.js';
import { addDays, todayInFinland } from '../contact-person/contact-person.validation.js';
import { Customer } from '../customer/customer.entity.js';
import { CustomerKind, CustomerStatus } from '../customer/customer.enums.js';
import type { BillingAccount } from './billing-account.entity.js';
import { BillingMethod, InvoiceStatus } from './billing.enums.js';
import type { CreateBillingAccountArgs } from './billing.input.js';
import type { Invoice } from './invoice.entity.js';
import type { InvoiceService } from './billing.service.js';

import type { SeedRandom } from '../../db/seed-random.js';

export type { SeedRandom };

/** E-invoice operators as they appear on Finnish e-invoice addresses (OVT codes, BICs, operator codes). */
const OPERATORS = ['003723327487', '003703575029', 'E204503', 'INEXCHANGE', '003721291126', 'NDEAFIHH', 'OKOYFIHH', 'HELSFIHH', 'DABAFIHH'];
const CONSUMER_BANKS = ['NDEAFIHH', 'OKOYFIHH', 'HELSFIHH', 'DABAFIHH', 'AABAFI22', 'SBANFIHH', 'POPFFI22'];
const COLLECTION_AGENCIES = ['Lowell Suomi Oy', 'Intrum Oy', 'Svea Perintä Oy', 'Ropo Capital Oy', 'Visma Financial Solutions Oy'];
const CHUNK = 500;

const audit = () => new AuditLog({ kind: 'system', name: 'demo-seed' }, 'demo seed', 'demo-seed', 'seed demo');

/** A valid Finnish IBAN (FIkk + 14 digits) for a consumer's e-invoice address. */
function finnishIban(rng: SeedRandom): string {
  const bban = `${rng.pick(['1', '4', '5', '8'])}${String(rng.int(0, 9999999)).padStart(7, '0')}${String(rng.int(0, 999999)).padStart(6, '0')}`;
  const numeric = `${bban}151800`; // F = 15, I = 18, check digits 00
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `FI${String(98 - remainder).padStart(2, '0')}${bban}`;
}

function domainOf(customer: Customer): string {
  return customer.email?.split('@')[1] ?? 'example.fi';
}

function accountArgs(customer: Customer, rng: SeedRandom): CreateBillingAccountArgs {
  const base: CreateBillingAccountArgs = { customerId: customer.id };
  const paper = (): CreateBillingAccountArgs => ({
    ...base,
    method: BillingMethod.PAPER,
    streetAddress: customer.streetAddress ?? 'Mannerheimintie 1',
    postalCode: customer.postalCode ?? '00100',
    city: customer.city ?? 'HELSINKI',
    country: customer.country,
  });
  const roll = rng.next();
  if (customer.kind === CustomerKind.BUSINESS) {
    if (customer.businessId && roll < 0.75) {
      const suffix = rng.next() < 0.2 ? String(rng.int(1, 9)).padStart(3, '0') : '';
      return {
        ...base,
        method: BillingMethod.E_INVOICE,
        eInvoiceAddress: ovtFromBusinessId(customer.businessId, suffix),
        eInvoiceOperatorId: rng.pick(OPERATORS),
        billingContactName: rng.pick(['Ostoreskontra', 'Taloushallinto', 'Kirjanpito', 'Laskujen käsittely']),
      };
    }
    if (roll < 0.9) return { ...base, method: BillingMethod.EMAIL, invoiceEmail: `laskut@${domainOf(customer)}` };
    return { ...paper(), billingContactName: 'Talousosasto' };
  }
  if (roll < 0.45) return { ...base, method: BillingMethod.EMAIL, invoiceEmail: customer.email ?? `laskut.${customer.id.slice(0, 8)}@example.fi` };
  if (roll < 0.7) return paper();
  if (roll < 0.9) return { ...base, method: BillingMethod.DIRECT_PAYMENT };
  return { ...base, method: BillingMethod.E_INVOICE, eInvoiceAddress: finnishIban(rng), eInvoiceOperatorId: rng.pick(CONSUMER_BANKS) };
}

/** VAT in Finland: 24 % until 31 August 2024, 25.5 % since. */
function vatOf(netCents: number, issueDate: string): number {
  return Math.round(netCents * (issueDate >= '2024-09-01' ? 0.255 : 0.24));
}

/**
 * What became of an invoice whose due date has passed. The first few overdue invoices of a seed
 * run through every unpaid state, so even a small demo register shows them all.
 */
const FORCED_FATES = [InvoiceStatus.IN_COLLECTION, InvoiceStatus.REMINDER_SENT, InvoiceStatus.CREDITED, InvoiceStatus.OPEN, InvoiceStatus.PAID];

function fateOf(rng: SeedRandom, overdueSeen: number, daysOverdue: number): InvoiceStatus {
  if (overdueSeen < FORCED_FATES.length) return FORCED_FATES[overdueSeen]!;
  const roll = rng.next();
  if (roll < 0.02) return InvoiceStatus.CREDITED;
  if (daysOverdue < 10) return roll < 0.6 ? InvoiceStatus.PAID : InvoiceStatus.OPEN;
  if (roll < 0.9) return InvoiceStatus.PAID;
  if (roll < 0.95 || daysOverdue < 40) return InvoiceStatus.REMINDER_SENT;
  return InvoiceStatus.IN_COLLECTION;
}

/** Moves a new invoice through the service's own transitions to its fate (validated like any change). */
function settle(invoices: InvoiceService, invoice: Invoice, fate: InvoiceStatus, rng: SeedRandom, today: string) {
  const dateBetween = (from: string, to: string) => {
    const days = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
    return addDays(from, rng.int(0, days));
  };
  const step = (args: Parameters<typeof invoices.change>[1]) => invoices.change(invoice, args, today);
  if (fate === InvoiceStatus.OPEN) return;
  if (fate === InvoiceStatus.CREDITED) {
    step({ id: invoice.id, status: InvoiceStatus.CREDITED });
    return;
  }
  const paidLate = rng.next() < 0.15;
  if (fate === InvoiceStatus.PAID && !paidLate) {
    step({ id: invoice.id, status: InvoiceStatus.PAID, paidDate: dateBetween(invoice.issueDate, invoice.dueDate < today ? invoice.dueDate : today) });
    return;
  }
  // Reminders go out a week or two after the due date; an invoice overdue for less has had none yet.
  const reminderFrom = addDays(invoice.dueDate, 7);
  if (reminderFrom > today) {
    if (fate === InvoiceStatus.PAID) step({ id: invoice.id, status: InvoiceStatus.PAID, paidDate: dateBetween(invoice.issueDate, today) });
    return;
  }
  const reminderDate = dateBetween(reminderFrom, addDays(invoice.dueDate, 14) < today ? addDays(invoice.dueDate, 14) : today);
  step({ id: invoice.id, status: InvoiceStatus.REMINDER_SENT, reminderSentDate: reminderDate });
  if (fate === InvoiceStatus.REMINDER_SENT) return;
  const paidAfterCollection = fate === InvoiceStatus.PAID && rng.next() < 0.3;
  if (fate === InvoiceStatus.IN_COLLECTION || paidAfterCollection) {
    step({ id: invoice.id, status: InvoiceStatus.IN_COLLECTION, collectionAgency: rng.pick(COLLECTION_AGENCIES) });
  }
  if (fate === InvoiceStatus.PAID) step({ id: invoice.id, status: InvoiceStatus.PAID, paidDate: dateBetween(reminderDate, today) });
}

/** Saves records with their audit events, a chunk per transaction. */
export async function persistInChunks<T extends object>(em: EntityManager, records: { record: T; event: AuditEntry }[]) {
  const log = audit();
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    await em.transactional(async (tx) => {
      for (const { record } of chunk) tx.persist(record);
      await tx.flush();
      await log.write(tx, chunk.map(({ event }) => ({ ...event, fields: [...(event.fields ?? [])].sort() })));
    });
  }
}

/**
 * Demo billing: an account for most active and former customers (businesses mostly e-invoice to
 * the OVT address of their business ID, consumers mostly e-mail, paper or direct payment) and
 * monthly invoices over the past 18 months in every payment and collection state, a few of them
 * with a Finnish collection agency. Every record goes through the billing services' validation.
 */
export async function seedBilling(
  em: EntityManager,
  services: Services,
  customers: Customer[],
  rng: SeedRandom,
): Promise<{ billingAccounts: number; invoices: number }> {
  const today = todayInFinland();
  // One query puts every customer in this EntityManager, so validation finds them without more.
  const loaded = await em.find(Customer, { id: { $in: customers.map((customer) => customer.id) } });
  const billed = loaded.filter((customer) => customer.status !== CustomerStatus.PROSPECT && rng.next() < 0.92);

  const accounts: { account: BillingAccount; customer: Customer }[] = [];
  const accountRecords: { record: BillingAccount; event: AuditEntry }[] = [];
  for (const customer of billed) {
    const count = customer.kind === CustomerKind.BUSINESS && rng.next() < 0.2 ? 2 : 1;
    for (let index = 0; index < count; index += 1) {
      const { account, fields } = await services.billingAccounts.build(em, accountArgs(customer, rng));
      accounts.push({ account, customer });
      accountRecords.push({
        record: account,
        event: { operation: 'seedBilling', action: 'create', subjectType: 'BillingAccount', subjectId: customer.id, fields },
      });
    }
  }
  await persistInChunks(em, accountRecords);

  const drafts: { invoice: Invoice; fields: string[] }[] = [];
  for (const { account, customer } of accounts) {
    const business = customer.kind === CustomerKind.BUSINESS;
    const months = rng.int(3, 18);
    // A former customer's invoices stop when the relationship ended.
    const lastMonthsAgo = customer.status === CustomerStatus.TERMINATED ? rng.int(1, Math.max(1, 18 - months)) : 0;
    for (let monthsAgo = lastMonthsAgo + months - 1; monthsAgo >= lastMonthsAgo; monthsAgo -= 1) {
      const first = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
      first.setUTCMonth(first.getUTCMonth() - monthsAgo);
      const issueDate = addDays(first.toISOString().slice(0, 10), rng.int(0, 4));
      if (issueDate > today) continue;
      const net = business ? rng.int(40, 1500) * 100 + rng.pick([0, 50, 90]) : rng.int(990, 8990);
      drafts.push(
        await services.invoices.build(
          em,
          {
            billingAccountId: account.id,
            issueDate,
            dueDate: addDays(issueDate, business ? 21 : 14),
            netAmountCents: net,
            vatAmountCents: vatOf(net, issueDate),
          },
          today,
        ),
      );
    }
  }
  // Numbers follow the invoice dates, as they would have been given month by month.
  drafts.sort((a, b) => a.invoice.issueDate.localeCompare(b.invoice.issueDate));
  const numbers = drafts.length > 0 ? await services.invoices.allocateNumbers(em, drafts.length) : [];
  let overdueSeen = 0;
  const invoiceRecords = drafts.map(({ invoice, fields }, index) => {
    services.invoices.number(invoice, numbers[index]!);
    if (invoice.dueDate < today) {
      const daysOverdue = Math.round((Date.parse(today) - Date.parse(invoice.dueDate)) / 86_400_000);
      settle(services.invoices, invoice, fateOf(rng, overdueSeen, daysOverdue), rng, today);
      overdueSeen += 1;
    }
    const event: AuditEntry = { operation: 'seedBilling', action: 'create', subjectType: 'Invoice', subjectId: invoice.customer.id, fields };
    return { record: invoice, event };
  });
  await persistInChunks(em, invoiceRecords);
  return { billingAccounts: accounts.length, invoices: invoiceRecords.length };
}

