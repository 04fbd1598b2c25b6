import { ovtFromBusinessId } from '@register/identifiers';
import { dataMap } from '@register/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInFinland } from '../src/modules/contact-person/contact-person.validation.js';
import { errorAt, onlyError, sql, uniqueBusinessId } from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * Billing accounts and invoices through the real server, role by role: billing keeps them,
 * customer service reads accounts and the status, amounts and dates of invoices (never the
 * collection details), the dpo inspects and corrects, nobody else sees any of it.
 */
const ACCOUNT_FIELDS = Object.keys(dataMap.BillingAccount.fields);
const INVOICE_FIELDS = Object.keys(dataMap.Invoice.fields);
/** The selection of every Invoice field (the account is an object: its id and method). */
const INVOICE_SELECTION = INVOICE_FIELDS.map((field) => (field === 'billingAccount' ? 'billingAccount { id method }' : field)).join(' ');

const SERVICE_INVOICE_FIELDS = [
  'id', 'customerId', 'billingAccountId', 'billingAccount', 'invoiceNumber', 'referenceNumber', 'rfReference',
  'issueDate', 'dueDate', 'netAmountCents', 'vatAmountCents', 'totalAmountCents', 'currency', 'status', 'paidDate',
];

const ACCOUNT_READS: Record<string, string[]> = { service: ACCOUNT_FIELDS, billing: ACCOUNT_FIELDS, dpo: ACCOUNT_FIELDS };
const INVOICE_READS: Record<string, string[]> = { service: SERVICE_INVOICE_FIELDS, billing: INVOICE_FIELDS, dpo: INVOICE_FIELDS };
const NON_READERS = ['sales', 'marketing', 'analyst', 'admin'] as const;
const NON_WRITERS = ['service', 'sales', 'marketing', 'analyst', 'admin'] as const;

type Row = Record<string, unknown>;

let app: TestApp;
let customerId: string;
let accountId: string;
let invoiceId: string;
let delivery: Client;
const clients = new Map<string, Client>();
const as = async (role: string) => {
  let client = clients.get(role);
  if (!client) {
    client = await app.as(role);
    clients.set(role, client);
  }
  return client;
};

async function writes() {
  const [row] = await sql<{ accounts: string; invoices: string; changes: string; fingerprint: string }>(
    app,
    `select (select count(*) from billing_account)::text as accounts, (select count(*) from invoice)::text as invoices,
            (select count(*) from audit_event where action in ('create', 'update', 'delete'))::text as changes,
            (select md5(coalesce(string_agg(row_to_json(a)::text, ',' order by id), '')) from billing_account a)
              || (select md5(coalesce(string_agg(row_to_json(i)::text, ',' order by id), '')) from invoice i) as fingerprint`,
  );
  return row;
}

async function expectNothingWritten<T>(run: () => Promise<GraphQLResponse<T>>): Promise<GraphQLResponse<T>> {
  const before = await writes();
  const result = await run();
  expect(await writes()).toEqual(before);
  return result;
}

function ok<T>(result: GraphQLResponse<T>): T {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

beforeAll(async () => {
  app = await startTestApp({ customers: 10 });
  const businessId = uniqueBusinessId();
  const company = await (await as('service')).gql<{ createCustomer: { id: string } }>(
    'mutation($b: String) { createCustomer(kind: BUSINESS, name: "Laskutettava Oy", businessId: $b, email: "info@laskutettava.fi") { id } }',
    { b: businessId },
  );
  customerId = ok(company).createCustomer.id;
  // Every field of the account and of the invoice filled, by the dpo (who alone sets the source).
  const dpo = await as('dpo');
  const account = await dpo.gql<{ createBillingAccount: { id: string } }>(
    `mutation($c: ID, $ovt: String) { createBillingAccount(customerId: $c, method: E_INVOICE, eInvoiceAddress: $ovt, eInvoiceOperatorId: "003723327487",
      invoiceEmail: "laskut@laskutettava.fi", billingContactName: "Ostoreskontra", streetAddress: "PL 123", postalCode: "00101",
      city: "HELSINKI", country: "FI", sourceType: PARTNER, sourcePartner: "Posti Oy kumppanirekisteri") { id } }`,
    { c: customerId, ovt: ovtFromBusinessId(businessId) },
  );
  accountId = ok(account).createBillingAccount.id;
  const today = todayInFinland();
  const issueDate = addDays(today, -60);
  const invoice = await dpo.gql<{ createInvoice: { id: string } }>(
    `mutation($a: ID, $issue: LocalDate, $due: LocalDate) { createInvoice(billingAccountId: $a, issueDate: $issue, dueDate: $due,
      netAmountCents: 10000, vatAmountCents: 2550, sourceType: PARTNER, sourcePartner: "Posti Oy kumppanirekisteri") { id } }`,
    { a: accountId, issue: issueDate, due: addDays(issueDate, 14) },
  );
  invoiceId = ok(invoice).createInvoice.id;
  const billing = await as('billing');
  for (const change of [
    `status: REMINDER_SENT, reminderSentDate: "${addDays(issueDate, 21)}"`,
    'status: IN_COLLECTION, collectionAgency: "Lowell Suomi Oy"',
    `status: PAID, paidDate: "${addDays(today, -5)}"`,
  ]) {
    ok(await billing.gql(`mutation($id: ID!) { updateInvoice(id: $id, ${change}) { id } }`, { id: invoiceId }));
  }
  const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'deliveries', scopes: ['delivery'], createdBy: null });
  delivery = app.partner(key);
});
afterAll(() => app?.close());

function checkRow(result: GraphQLResponse<unknown>, row: Row, path: (string | number)[], fields: string[], readable: string[]) {
  for (const field of fields) {
    const error = errorAt(result, [...path, field]);
    if (readable.includes(field)) {
      expect(error, `${field} should be readable`).toBeUndefined();
      expect(row[field], `${field} should have a value`).not.toBeNull();
    } else {
      expect(row[field], `${field} should be denied`).toBeNull();
      expect(error?.extensions?.code, `${field} should be denied with FORBIDDEN`).toBe('FORBIDDEN');
    }
  }
}

describe('reading billing accounts and invoices, role by role', () => {
  it('customer service reads status, amounts and dates of invoices, never the collection details or the source', () => {
    expect(INVOICE_FIELDS.filter((field) => !SERVICE_INVOICE_FIELDS.includes(field)).sort()).toEqual(
      ['collectedAt', 'collectionAgency', 'createdAt', 'reminderSentDate', 'sourcePartner', 'sourceType', 'updatedAt'].sort(),
    );
  });

  for (const [role, readable] of Object.entries(ACCOUNT_READS)) {
    it(`${role}: BillingAccount(id) and allBillingAccounts return exactly the fields of its column`, async () => {
      const client = await as(role);
      const one = await client.gql<{ BillingAccount: Row }>(`query($id: ID!) { BillingAccount(id: $id) { ${ACCOUNT_FIELDS.join(' ')} } }`, { id: accountId });
      checkRow(one, one.data!.BillingAccount, ['BillingAccount'], ACCOUNT_FIELDS, readable);
      expect(one.errors ?? []).toHaveLength(ACCOUNT_FIELDS.length - readable.length);
      const list = await client.gql<{ allBillingAccounts: Row[]; _allBillingAccountsMeta: { count: number } }>(
        `query($c: ID) { allBillingAccounts(filter: { customerId: $c }) { ${ACCOUNT_FIELDS.join(' ')} } _allBillingAccountsMeta(filter: { customerId: $c }) { count } }`,
        { c: customerId },
      );
      expect(list.data!._allBillingAccountsMeta.count).toBe(1);
      checkRow(list, list.data!.allBillingAccounts[0]!, ['allBillingAccounts', 0], ACCOUNT_FIELDS, readable);
    });
  }

  for (const [role, readable] of Object.entries(INVOICE_READS)) {
    it(`${role}: Invoice(id) and allInvoices return exactly the fields of its column`, async () => {
      const client = await as(role);
      const one = await client.gql<{ Invoice: Row }>(`query($id: ID!) { Invoice(id: $id) { ${INVOICE_SELECTION} } }`, { id: invoiceId });
      checkRow(one, one.data!.Invoice, ['Invoice'], INVOICE_FIELDS, readable);
      expect(one.errors ?? []).toHaveLength(INVOICE_FIELDS.length - readable.length);
      expect(one.data!.Invoice.billingAccount).toEqual({ id: accountId, method: 'E_INVOICE' });
      const list = await client.gql<{ allInvoices: Row[] }>(`query($c: ID) { allInvoices(filter: { customerId: $c }) { ${INVOICE_SELECTION} } }`, { c: customerId });
      expect(list.data!.allInvoices).toHaveLength(1);
      checkRow(list, list.data!.allInvoices[0]!, ['allInvoices', 0], INVOICE_FIELDS, readable);
    });
  }

  const refused: [string, () => Client | Promise<Client>, string][] = [
    ...NON_READERS.map((role): [string, () => Promise<Client>, string] => [role, () => as(role), 'FORBIDDEN']),
    ['anonymous', () => app.anonymous(), 'UNAUTHENTICATED'],
    ['partner with scope delivery', () => delivery, 'FORBIDDEN'],
  ];
  for (const [who, client, code] of refused) {
    it(`${who}: every billing query is ${code} as a whole`, async () => {
      const c = await client();
      for (const [query, variables, path] of [
        [`{ allBillingAccounts { ${ACCOUNT_FIELDS.join(' ')} } }`, {}, 'allBillingAccounts'],
        [`query($id: ID!) { BillingAccount(id: $id) { id method } }`, { id: accountId }, 'BillingAccount'],
        ['{ _allBillingAccountsMeta { count } }', {}, '_allBillingAccountsMeta'],
        [`{ allInvoices { ${INVOICE_SELECTION} } }`, {}, 'allInvoices'],
        [`query($id: ID!) { Invoice(id: $id) { id totalAmountCents } }`, { id: invoiceId }, 'Invoice'],
        ['{ _allInvoicesMeta { count } }', {}, '_allInvoicesMeta'],
      ] as const) {
        const result = await c.gql(query, variables);
        expect(onlyError(result, code).path, path).toEqual([path]);
      }
    });
  }

  it('service may not sort invoices by a field it cannot read', async () => {
    const service = await as('service');
    const result = await service.gql('{ allInvoices(sortField: "createdAt") { id } }');
    expect(onlyError(result, 'FORBIDDEN').extensions?.field).toBe('sortField');
    const allowed = await service.gql<{ allInvoices: { id: string }[] }>('{ allInvoices(sortField: "dueDate", filter: { overdue: false }) { id } }');
    expect(allowed.errors).toBeUndefined();
  });

  it('reads are audited under the customer, one event of every type read, with field names only', async () => {
    const service = await as('service');
    const response = await service.post('query InvoiceRead($id: ID!) { Invoice(id: $id) { totalAmountCents status billingAccount { invoiceEmail } } }', {
      id: invoiceId,
    });
    expect(((await response.json()) as GraphQLResponse).errors).toBeUndefined();
    const events = await sql<{ subject_type: string; subject_id: string; fields: string[] }>(
      app,
      `select subject_type, subject_id, fields from audit_event where request_id = ? and action = 'read' order by subject_type`,
      [response.headers.get('x-request-id')],
    );
    // One event for the data subject: the record asked for names it, each field is named with its type.
    expect(events).toEqual([
      { subject_type: 'Invoice', subject_id: customerId, fields: ['BillingAccount.invoiceEmail', 'Invoice.status', 'Invoice.totalAmountCents'] },
    ]);
  });
});

describe('writing billing accounts and invoices', () => {
  const ACCOUNT_CREATE = 'mutation($c: ID) { createBillingAccount(customerId: $c, method: EMAIL, invoiceEmail: "toinen@laskutettava.fi") { id } }';
  const INVOICE_CREATE = `mutation($a: ID) { createInvoice(billingAccountId: $a, dueDate: "${addDays(todayInFinland(), 14)}", netAmountCents: 1000, vatAmountCents: 255) { id } }`;

  for (const role of NON_WRITERS) {
    it(`${role} may not create or change a billing account or an invoice`, async () => {
      const client = await as(role);
      const denied = [
        await expectNothingWritten(() => client.gql(ACCOUNT_CREATE, { c: customerId })),
        await expectNothingWritten(() => client.gql('mutation($id: ID!) { updateBillingAccount(id: $id, billingContactName: "Joku Muu") { id } }', { id: accountId })),
        await expectNothingWritten(() => client.gql(INVOICE_CREATE, { a: accountId })),
        await expectNothingWritten(() => client.gql('mutation($id: ID!) { updateInvoice(id: $id, status: CREDITED) { id } }', { id: invoiceId })),
      ];
      for (const result of denied) onlyError(result, 'FORBIDDEN');
    });
  }

  for (const role of ['billing', 'dpo']) {
    it(`${role} opens an account, changes it, and issues an invoice on it; each change audited under the customer`, async () => {
      const client = await as(role);
      const [{ seq }] = (await sql<{ seq: string }>(app, 'select max(seq)::text as seq from audit_event')) as [{ seq: string }];
      const account = ok(await client.gql<{ createBillingAccount: { id: string } }>(ACCOUNT_CREATE, { c: customerId })).createBillingAccount;
      const changed = ok(
        await client.gql<{ updateBillingAccount: { method: string; streetAddress: string } }>(
          'mutation($id: ID!) { updateBillingAccount(id: $id, method: PAPER, streetAddress: "Kauppakatu 3", postalCode: "40100", city: "JYVÄSKYLÄ") { method streetAddress } }',
          { id: account.id },
        ),
      ).updateBillingAccount;
      expect(changed).toEqual({ method: 'PAPER', streetAddress: 'Kauppakatu 3' });
      const invoice = ok(await client.gql<{ createInvoice: { id: string } }>(INVOICE_CREATE, { a: account.id })).createInvoice;
      expect(invoice.id).toBeTruthy();
      const events = await sql<{ operation: string; subject_type: string; subject_id: string; fields: string[] }>(
        app,
        `select operation, subject_type, subject_id, fields from audit_event where action in ('create', 'update') and seq > ? order by seq`,
        [seq],
      );
      expect(events.map((e) => [e.operation, e.subject_type, e.subject_id])).toEqual([
        ['createBillingAccount', 'BillingAccount', customerId],
        ['updateBillingAccount', 'BillingAccount', customerId],
        ['createInvoice', 'Invoice', customerId],
      ]);
      // An e-mail account turned into a paper one: the e-mail stays (allowed), the address is new.
      expect(events[1]!.fields).toEqual(['city', 'method', 'postalCode', 'streetAddress']);
      expect(JSON.stringify(events)).not.toMatch(/Kauppakatu|toinen@/);
    });
  }

  it('billing may not set or change the source of an invoice or an account (dpo only)', async () => {
    const billing = await as('billing');
    const created = await expectNothingWritten(() =>
      billing.gql(
        `mutation($a: ID) { createInvoice(billingAccountId: $a, dueDate: "${addDays(todayInFinland(), 14)}", netAmountCents: 1000, vatAmountCents: 255, sourceType: PARTNER, sourcePartner: "X") { id } }`,
        { a: accountId },
      ),
    );
    expect(onlyError(created, 'FORBIDDEN').extensions?.field).toBe('sourceType');
    const changed = await expectNothingWritten(() =>
      billing.gql('mutation($id: ID!) { updateBillingAccount(id: $id, collectedAt: "2020-01-01T00:00:00Z") { id } }', { id: accountId }),
    );
    expect(onlyError(changed, 'FORBIDDEN').extensions?.field).toBe('collectedAt');
  });

  it('what an invoice was issued with cannot be changed afterwards: there are no arguments for it', async () => {
    const billing = await as('billing');
    for (const argument of ['netAmountCents: 1', 'issueDate: "2026-01-01"', 'billingAccountId: "x"', 'invoiceNumber: 1', 'referenceNumber: "1232"']) {
      const result = await billing.gql(`mutation($id: ID!) { updateInvoice(id: $id, ${argument}) { id } }`, { id: invoiceId });
      expect(result.errors?.[0]?.extensions?.code, argument).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const moved = await billing.gql(`mutation($id: ID!) { updateBillingAccount(id: $id, customerId: "x") { id } }`, { id: accountId });
    expect(moved.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
