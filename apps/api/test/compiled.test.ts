import { dataMap } from '@register/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledFiguresService, openInvoicesFromInvoiceTable } from '../src/modules/compiled/compiled.service.js';
import { expectBadInput, onlyError, sql } from './support/helpers.js';
import type { Client, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * Compiled customer figures (section 4): derived from the register on every read, never stored
 * or edited. Read by service, sales, billing and the dpo; analysts (aggregates only), marketing,
 * admins and partners read none.
 */
const FIELDS = Object.keys(dataMap.CustomerFigures.fields);
const ALL = FIELDS.join(' ');

type Row = Record<string, unknown>;

let app: TestApp;
let delivery: Client;
let mobileId: string;
let broadbandId: string;
let tvId: string;
const ids: Record<'valued' | 'fresh' | 'key' | 'standard', string> = { valued: '', fresh: '', key: '', standard: '' };
const clients = new Map<string, Client>();
const as = async (role: string) => {
  let client = clients.get(role);
  if (!client) {
    client = await app.as(role);
    clients.set(role, client);
  }
  return client;
};

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
const daysAgo = (days: number) => new Date(Date.parse(`${today()}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

async function customer(name: string) {
  const result = await (await as('service')).gql<{ createCustomer: { id: string } }>('mutation($n: String) { createCustomer(kind: PRIVATE, name: $n) { id } }', { n: name });
  return result.data!.createCustomer.id;
}

async function contract(customerId: string, variables: Record<string, unknown>) {
  const result = await (await as('service')).gql<{ createContract: { id: string; lines: { id: string }[] } }>(
    `mutation($c: ID, $s: LocalDate, $e: LocalDate, $status: ContractStatus, $lines: [ContractLineInput!]) {
      createContract(customerId: $c, startDate: $s, endDate: $e, status: $status, lines: $lines) { id lines { id } }
    }`,
    { c: customerId, ...variables },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.createContract;
}

beforeAll(async () => {
  app = await startTestApp({ customers: 5 });
  const product = async (code: string) => (await sql<{ id: string }>(app, 'select id from service_product where code = ?', [code]))[0]!.id;
  mobileId = await product('MOB-5G-100'); // 24,90 €
  broadbandId = await product('BB-FIBER-300'); // 39,90 €
  tvId = await product('TV-BASIC'); // 14,90 €

  // VALUED: a customer since 2019 (an ended contract), now 2 × 24,90 + 39,90 = 89,70 € a month.
  ids.valued = await customer('Pitkäaikainen Asiakas');
  await contract(ids.valued, { s: '2019-05-01', e: '2022-04-30', status: 'ENDED', lines: [{ serviceProductId: tvId }] });
  const running = await contract(ids.valued, { s: '2022-05-01', status: 'ACTIVE', lines: [{ serviceProductId: mobileId, quantity: 2 }, { serviceProductId: broadbandId }, { serviceProductId: tvId }] });
  const removed = await (await as('service')).gql('mutation($l: ID!) { removeContractService(contractLineId: $l) { id } }', { l: running.lines[2]!.id });
  expect(removed.errors).toBeUndefined();
  // A draft counts for nothing until it takes effect.
  await contract(ids.valued, { s: daysAgo(-10), lines: [{ serviceProductId: broadbandId, quantity: 5 }] });

  // NEW: entered today, no contract.
  ids.fresh = await customer('Uusi Asiakas');
  // KEY: 4 × 39,90 = 159,60 € a month, even though new.
  ids.key = await customer('Yritysmäinen Asiakas');
  await contract(ids.key, { s: daysAgo(20), status: 'ACTIVE', lines: [{ serviceProductId: broadbandId, quantity: 4 }] });
  // STANDARD: a year, 24,90 € a month.
  ids.standard = await customer('Tavallinen Asiakas');
  await contract(ids.standard, { s: daysAgo(365), status: 'ACTIVE', lines: [{ serviceProductId: mobileId }] });

  const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'deliveries', scopes: ['delivery'], createdBy: null });
  delivery = app.partner(key);
});
afterAll(() => app?.close());

describe('the figures', () => {
  it('are compiled from the contracts: active services, monthly value, customer since, segment', async () => {
    const result = await (await as('service')).gql<{ allCustomerFigures: Row[] }>(
      `query($ids: [ID!]) { allCustomerFigures(filter: { customerIds: $ids }) { ${ALL} } }`,
      { ids: Object.values(ids) },
    );
    expect(result.errors).toBeUndefined();
    const byId = new Map(result.data!.allCustomerFigures.map((row) => [row.customerId, row]));
    expect(byId.get(ids.valued)).toEqual({ id: ids.valued, customerId: ids.valued, activeServices: 2, monthlyValueCents: 2 * 2490 + 3990, customerSince: '2019-05-01', openInvoices: 0, segment: 'VALUED' });
    expect(byId.get(ids.fresh)).toEqual({ id: ids.fresh, customerId: ids.fresh, activeServices: 0, monthlyValueCents: 0, customerSince: today(), openInvoices: 0, segment: 'NEW' });
    expect(byId.get(ids.key)).toMatchObject({ activeServices: 1, monthlyValueCents: 4 * 3990, customerSince: daysAgo(20), segment: 'KEY' });
    expect(byId.get(ids.standard)).toMatchObject({ activeServices: 1, monthlyValueCents: 2490, customerSince: daysAgo(365), segment: 'STANDARD' });
    // Sorted by monthly value, highest first, unless asked otherwise.
    expect(result.data!.allCustomerFigures.map((row) => row.customerId)).toEqual([ids.key, ids.valued, ids.standard, ids.fresh]);
  });

  it('are recomputed on every read: a removed service is gone from them at once', async () => {
    const service = await as('service');
    const before = await service.gql<{ customerFigures: Row }>('query($c: ID!) { customerFigures(customerId: $c) { activeServices monthlyValueCents } }', { c: ids.standard });
    expect(before.data!.customerFigures).toEqual({ activeServices: 1, monthlyValueCents: 2490 });
    const [line] = await sql<{ id: string }>(app, 'select l.id from contract_line l join contract c on c.id = l.contract_id where c.customer_id = ?', [ids.standard]);
    await service.gql('mutation($l: ID!, $p: Int) { changeContractService(contractLineId: $l, monthlyPriceCents: $p) { id } }', { l: line!.id, p: 1990 });
    const after = await service.gql<{ customerFigures: Row }>('query($c: ID!) { customerFigures(customerId: $c) { activeServices monthlyValueCents } }', { c: ids.standard });
    expect(after.data!.customerFigures).toEqual({ activeServices: 1, monthlyValueCents: 1990 });
  });

  it('filter by segment and count', async () => {
    const result = await (await as('billing')).gql<{ allCustomerFigures: Row[]; _allCustomerFiguresMeta: { count: number }; all: { count: number } }>(
      `{ allCustomerFigures(filter: { segment: KEY }, perPage: 500) { customerId segment }
         _allCustomerFiguresMeta(filter: { segment: KEY }) { count }
         all: _allCustomerFiguresMeta { count } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.allCustomerFigures.every((row) => row.segment === 'KEY')).toBe(true);
    expect(result.data!.allCustomerFigures.map((row) => row.customerId)).toContain(ids.key);
    expect(result.data!._allCustomerFiguresMeta.count).toBe(result.data!.allCustomerFigures.length);
    const [customers] = await sql<{ n: string }>(app, 'select count(*)::text as n from customer');
    expect(result.data!.all.count).toBe(Number(customers!.n));
  });

  it('an unknown customer has no figures', async () => {
    const result = await (await as('service')).gql('{ customerFigures(customerId: "6f9619ff-8b86-4d01-b42d-00c04fc964ff") { segment } }');
    expect(result).toEqual({ data: { customerFigures: null } });
  });

  it('an unknown sort field is bad input', async () => {
    expectBadInput(await (await as('service')).gql('{ allCustomerFigures(sortField: "value") { id } }'), 'sortField');
  });

  it('reading them is audited under the customer, with the fields read', async () => {
    await (await as('sales')).gql('query($c: ID!) { customerFigures(customerId: $c) { customerId monthlyValueCents segment } }', { c: ids.key });
    const [event] = await sql<{ subject_type: string; subject_id: string; fields: string[] }>(
      app,
      "select subject_type, subject_id, fields from audit_event where action = 'read' and subject_type = 'CustomerFigures' order by seq desc limit 1",
    );
    expect(event).toEqual({ subject_type: 'CustomerFigures', subject_id: ids.key, fields: ['monthlyValueCents', 'segment'] });
  });

  it('open invoices come from the counter the billing module provides, one call per page', async () => {
    const calls: string[][] = [];
    const figures = new CompiledFiguresService(async (_em, customerIds) => {
      calls.push([...customerIds]);
      return new Map([[ids.key, 3]]);
    });
    const rows = await figures.list(app.orm.em.fork(), { filter: { customerIds: [ids.key, ids.valued] } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.sort()).toEqual([ids.key, ids.valued].sort());
    expect(new Map(rows.map((row) => [row.customerId, row.openInvoices]))).toEqual(new Map([[ids.key, 3], [ids.valued, 0]]));
  });

  it('the counter over the invoice table counts the unpaid invoices only', async () => {
    const em = app.orm.em.fork();
    // Whatever the demo billing data holds: the counter agrees with a plain count of the table.
    const expected = await sql<{ customer_id: string; n: string }>(
      app,
      "select customer_id, count(*)::text as n from invoice where status not in ('PAID', 'CREDITED') group by customer_id",
    );
    const customers = (await sql<{ id: string }>(app, 'select id from customer')).map((row) => row.id);
    const counted = await openInvoicesFromInvoiceTable(em, customers);
    expect(counted).toEqual(new Map(expected.map((row) => [row.customer_id, Number(row.n)])));
    expect(await openInvoicesFromInvoiceTable(em, [ids.fresh])).toEqual(new Map());
  });
});

describe('who reads them', () => {
  for (const role of ['service', 'sales', 'billing', 'dpo'] as const) {
    it(`${role} reads every field`, async () => {
      const result = await (await as(role)).gql<{ customerFigures: Row }>(`query($c: ID!) { customerFigures(customerId: $c) { ${ALL} } }`, { c: ids.valued });
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data!.customerFigures).every((value) => value !== null)).toBe(true);
    });
  }

  const refused: [string, () => Client | Promise<Client>, string][] = [
    ...(['analyst', 'marketing', 'admin'] as const).map((role): [string, () => Promise<Client>, string] => [role, () => as(role), 'FORBIDDEN']),
    ['partner with scope delivery', () => delivery, 'FORBIDDEN'],
    ['anonymous', () => app.anonymous(), 'UNAUTHENTICATED'],
  ];
  for (const [who, client, code] of refused) {
    it(`${who}: every figures query is ${code}`, async () => {
      const c = await client();
      expect(onlyError(await c.gql('query($c: ID!) { customerFigures(customerId: $c) { segment } }', { c: ids.valued }), code).path).toEqual(['customerFigures']);
      expect(onlyError(await c.gql('{ allCustomerFigures { segment } }'), code).path).toEqual(['allCustomerFigures']);
      expect(onlyError(await c.gql('{ _allCustomerFiguresMeta { count } }'), code).path).toEqual(['_allCustomerFiguresMeta']);
    });
  }

  it('nothing writes them: no mutation returns or names CustomerFigures', async () => {
    const result = await (await as('dpo')).gql<{ __schema: { mutationType: { fields: { name: string; type: { name: string | null; ofType: { name: string } | null } }[] } } }>(
      '{ __schema { mutationType { fields { name type { name ofType { name } } } } } }',
    );
    const fields = result.data!.__schema.mutationType.fields;
    expect(fields.filter((field) => (field.type.name ?? field.type.ofType?.name) === 'CustomerFigures' || /Figures/.test(field.name))).toEqual([]);
  });
});
