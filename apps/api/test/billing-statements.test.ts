import { isValidInvoiceReference, parseOvt } from '@register/identifiers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-chain.js';
import { seedBilling } from '../src/modules/billing/billing.seed.js';
import { seedContactPersons } from '../src/modules/contact-person/contact-person.seed.js';
import { Customer } from '../src/modules/customer/customer.entity.js';
import { seedFeedback } from '../src/modules/feedback/feedback.seed.js';
import { sql } from './support/helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The demo seeds of billing, contact persons and feedback (through the services' own validation),
 * and what lists of them cost: a page costs the same number of SQL statements at 5 and 50 rows,
 * invoices with their billing accounts included.
 */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

let app: TestApp;
const statements: string[] = [];
let seeded: { billingAccounts: number; invoices: number; contactPersons: number; feedback: number };
/**
 * When these seeds ran: the demo register of startTestApp may already hold records of its own
 * (once seed-demo.ts calls these seeds too), so the checks look at what this run created.
 */
let since: Date;

beforeAll(async () => {
  app = await startTestApp({ customers: 60, onQuery: (statement) => statements.push(statement) });
  const em = app.orm.em.fork();
  const customers = await em.find(Customer, {});
  const rng = random(20261125);
  since = new Date();
  const people = await seedContactPersons(em, app.services, customers, rng);
  const billing = await seedBilling(em, app.services, customers, rng);
  const feedback = await seedFeedback(em, app.services, customers, rng);
  seeded = { ...billing, ...people, ...feedback };
});
afterAll(() => app?.close());

describe('the demo seeds', () => {
  it('give most customers a billing account and months of invoices', async () => {
    expect(seeded.billingAccounts).toBeGreaterThan(30);
    expect(seeded.invoices).toBeGreaterThan(200);
    const [row] = await sql<{ accounts: string; invoices: string; prospects: string }>(
      app,
      `select (select count(*) from billing_account where created_at >= ?)::text as accounts, (select count(*) from invoice where created_at >= ?)::text as invoices,
              (select count(*) from billing_account a join customer c on c.id = a.customer_id where c.status = 'PROSPECT')::text as prospects`,
      [since, since],
    );
    expect(Number(row!.accounts)).toBe(seeded.billingAccounts);
    expect(Number(row!.invoices)).toBe(seeded.invoices);
    expect(row!.prospects).toBe('0');
  });

  it('have invoices in every payment and collection state, with agencies, reminders and payment dates where they belong', async () => {
    const states = await sql<{ status: string; n: string; agencies: string; reminders: string; paid: string }>(
      app,
      `select status::text, count(*)::text as n, count(collection_agency)::text as agencies,
              count(reminder_sent_date)::text as reminders, count(paid_date)::text as paid
         from invoice where created_at >= ? group by status order by status`,
      [since],
    );
    expect(states.map((s) => s.status).sort()).toEqual(['CREDITED', 'IN_COLLECTION', 'OPEN', 'PAID', 'REMINDER_SENT']);
    const inCollection = states.find((s) => s.status === 'IN_COLLECTION')!;
    expect(inCollection.agencies).toBe(inCollection.n);
    expect(inCollection.reminders).toBe(inCollection.n);
    const reminded = states.find((s) => s.status === 'REMINDER_SENT')!;
    expect(reminded.reminders).toBe(reminded.n);
    const paid = states.find((s) => s.status === 'PAID')!;
    expect(paid.paid).toBe(paid.n);
    const [span] = await sql<{ months: string }>(app, `select (extract(year from age(max(issue_date), min(issue_date))) * 12 + extract(month from age(max(issue_date), min(issue_date))))::text as months from invoice where created_at >= ?`, [since]);
    expect(Number(span!.months)).toBeGreaterThanOrEqual(12);
  });

  it('number invoices in date order, with valid reference numbers and VAT of the time', async () => {
    const invoices = await sql<{ invoice_number: number; reference_number: string; issue_date: string; net: number; vat: number }>(
      app,
      `select invoice_number, reference_number, issue_date::text as issue_date, net_amount_cents as net, vat_amount_cents as vat from invoice where created_at >= ? order by invoice_number`,
      [since],
    );
    for (let index = 1; index < invoices.length; index += 1) {
      expect(invoices[index]!.issue_date >= invoices[index - 1]!.issue_date).toBe(true);
    }
    for (const invoice of invoices) {
      expect(isValidInvoiceReference(invoice.reference_number)).toBe(true);
      const rate = invoice.issue_date >= '2024-09-01' ? 0.255 : 0.24;
      expect(invoice.vat).toBe(Math.round(invoice.net * rate));
    }
  });

  it('bill businesses mostly by e-invoice to the OVT address of their own business ID', async () => {
    const accounts = await sql<{ method: string; e_invoice_address: string | null; business_id: string | null; kind: string }>(
      app,
      `select a.method::text, a.e_invoice_address, c.business_id, c.kind::text from billing_account a join customer c on c.id = a.customer_id where a.created_at >= ?`,
      [since],
    );
    const business = accounts.filter((a) => a.kind === 'BUSINESS');
    const eInvoiced = business.filter((a) => a.method === 'E_INVOICE');
    expect(eInvoiced.length).toBeGreaterThan(business.length / 2);
    for (const account of eInvoiced) {
      const ovt = parseOvt(account.e_invoice_address!);
      expect(ovt.ok && ovt.value.businessId).toBe(account.business_id);
    }
    const methods = new Set(accounts.filter((a) => a.kind === 'PRIVATE').map((a) => a.method));
    expect(['EMAIL', 'PAPER', 'DIRECT_PAYMENT'].every((method) => methods.has(method))).toBe(true);
  });

  it('give each business customer one to three contact persons, and private customers none', async () => {
    const counts = await sql<{ kind: string; n: number }>(
      app,
      `select c.kind::text, count(p.id)::int as n from customer c left join contact_person p on p.customer_id = c.id and p.created_at >= ? group by c.id, c.kind`,
      [since],
    );
    for (const { kind, n } of counts) {
      if (kind === 'BUSINESS') expect(n).toBeGreaterThanOrEqual(1);
      if (kind === 'BUSINESS') expect(n).toBeLessThanOrEqual(3);
      if (kind === 'PRIVATE') expect(n).toBe(0);
    }
    expect(seeded.contactPersons).toBe(counts.reduce((sum, row) => sum + row.n, 0));
  });

  it('record feedback of every kind, each with the consent it was given under', async () => {
    const kinds = await sql<{ kind: string; without_consent: string }>(
      app,
      `select kind::text, count(*) filter (where consent = '')::text as without_consent from feedback where created_at >= ? group by kind order by kind`,
      [since],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['COMPLAINT', 'FREE_FEEDBACK', 'SURVEY_ANSWER']);
    expect(kinds.every((k) => k.without_consent === '0')).toBe(true);
  });

  it('write an audit event for every record, and the chain stays whole', async () => {
    const [row] = await sql<{ n: string }>(
      app,
      `select count(*)::text as n from audit_event where operation in ('seedBilling', 'seedContactPersons', 'seedFeedback') and action = 'create' and at >= ?`,
      [since],
    );
    expect(Number(row!.n)).toBe(seeded.billingAccounts + seeded.invoices + seeded.contactPersons + seeded.feedback);
    expect((await verifyAuditChain(app.orm.em.fork())).ok).toBe(true);
  });
});

describe('statements per request', () => {
  beforeAll(async () => {
    // The demo has few business customers: record more contact persons for them, for a page of 50.
    const em = app.orm.em.fork();
    const rng = random(7);
    while (Number((await sql<{ n: string }>(app, 'select count(*)::text as n from contact_person'))[0]!.n) < 50) {
      await seedContactPersons(em, app.services, await em.find(Customer, {}), rng);
    }
  });

  async function count(role: string, query: (perPage: number) => string, perPage: number, rows: string) {
    const client = await app.as(role);
    statements.length = 0;
    const result = await client.gql<Record<string, unknown[]>>(query(perPage));
    expect(result.errors).toBeUndefined();
    expect(result.data![rows]).toHaveLength(perPage);
    return statements.length;
  }

  const LISTS: [string, string, string, (perPage: number) => string, number][] = [
    [
      'invoices with their billing accounts',
      'billing',
      'allInvoices',
      (perPage) =>
        `{ allInvoices(perPage: ${perPage}) { id invoiceNumber referenceNumber totalAmountCents status collectionAgency
           billingAccount { id method invoiceEmail eInvoiceAddress } } _allInvoicesMeta { count } }`,
      5,
    ],
    [
      'invoices with their billing accounts, as customer service',
      'service',
      'allInvoices',
      (perPage) => `{ allInvoices(perPage: ${perPage}, filter: { overdue: false }) { id status dueDate billingAccount { method } } }`,
      4,
    ],
    ['billing accounts', 'billing', 'allBillingAccounts', (perPage) => `{ allBillingAccounts(perPage: ${perPage}) { id customerId method invoiceEmail } _allBillingAccountsMeta { count } }`, 4],
    ['contact persons', 'service', 'allContactPersons', (perPage) => `{ allContactPersons(perPage: ${perPage}) { id customerId name email phone position } _allContactPersonsMeta { count } }`, 4],
    ['feedback', 'service', 'allFeedbacks', (perPage) => `{ allFeedbacks(perPage: ${perPage}) { id customerId kind score text consent } _allFeedbacksMeta { count } }`, 4],
  ];

  for (const [name, role, rows, query, most] of LISTS) {
    it(`a page of ${name} costs the same statements at 5 and 50 rows`, async () => {
      const small = await count(role, query, 5, rows);
      const large = await count(role, query, 50, rows);
      expect(large).toBe(small);
      // session look-up, the page, (the count,) (the accounts of the page,) the audit append
      expect(large).toBeLessThanOrEqual(most);
    });
  }
});
