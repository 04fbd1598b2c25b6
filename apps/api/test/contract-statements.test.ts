import { isValidIccid } from '@register/identifiers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceProduct } from '../src/modules/catalogue/catalogue.entity.js';
import { seedContracts } from '../src/modules/contract/contract.seed.js';
import { Customer } from '../src/modules/customer/customer.entity.js';
import { sql } from './support/helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * N+1 queries are bugs: a page of contracts with their services and SIM cards (and a page of
 * SIM cards, history events or compiled figures) costs the same number of statements at 5 rows
 * as at 50. The register is the demo seed's, contracts included (seedContracts).
 */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

let app: TestApp;
let seeded: { contracts: number; simCards: number; events: number };
const statements: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ customers: 90, onQuery: (statement) => statements.push(statement) });
  const em = app.orm.em.fork();
  const customers = await em.find(Customer, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const services = await em.find(ServiceProduct, {}, { orderBy: { code: 'asc' } });
  seeded = await seedContracts(em, app.services, customers, { services }, random(20261125));
});
afterAll(() => app?.close());

async function statementsOf(role: string, query: (perPage: number) => string, perPage: number, expectedRows: string) {
  const client = await app.as(role);
  statements.length = 0;
  const result = await client.gql<Record<string, unknown[]>>(query(perPage));
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.data![expectedRows]).toHaveLength(perPage);
  return statements.length;
}

describe('the demo contracts', () => {
  it('cover most active customers, with SIM cards, ended contracts and a timeline', async () => {
    expect(seeded.contracts).toBeGreaterThanOrEqual(50);
    expect(seeded.simCards).toBeGreaterThan(0);
    const [counts] = await sql<Record<string, string>>(
      app,
      `select (select count(*) from contract)::text as contracts,
              (select count(*) from contract where status = 'ENDED')::text as ended,
              (select count(*) from contract where status = 'DRAFT')::text as drafts,
              (select count(*) from contract c join customer cu on cu.id = c.customer_id where cu.status = 'TERMINATED' and c.status <> 'ENDED')::text as terminated_open,
              (select count(*) from contract c where not exists (select 1 from customer_event e where e.record_id = c.id and e.kind = 'CONTRACT_CREATED'))::text as without_event,
              (select count(*) from customer_event where kind = 'CONTACT')::text as contacts,
              (select count(*) from customer_event)::text as events,
              (select count(distinct customer_id) from contract c where c.status = 'ACTIVE')::text as active_customers,
              (select count(*) from customer where status = 'ACTIVE')::text as customers`,
    );
    expect(Number(counts!.contracts)).toBe(seeded.contracts);
    expect(Number(counts!.events)).toBe(seeded.events);
    expect(Number(counts!.ended)).toBeGreaterThan(0);
    expect(Number(counts!.terminated_open)).toBe(0);
    expect(Number(counts!.without_event)).toBe(0);
    expect(Number(counts!.contacts)).toBeGreaterThan(0);
    expect(Number(counts!.active_customers)).toBeGreaterThan(Number(counts!.customers) * 0.6);
    const sims = await sql<{ iccid: string; phone_number: string; status: string }>(app, 'select iccid, phone_number, status from sim_card');
    expect(sims.every((sim) => isValidIccid(sim.iccid) && sim.iccid.startsWith('89358'))).toBe(true);
    expect(sims.every((sim) => /^\+35840\d{7}$/.test(sim.phone_number))).toBe(true);
    expect(new Set(sims.map((sim) => sim.iccid)).size).toBe(sims.length);
  });
});

describe('statements per request', () => {
  it('a page of contracts with their services, products and SIM cards', async () => {
    const query = (perPage: number) => `{
      allContracts(perPage: ${perPage}) {
        id contractNumber customerId status startDate endDate monthlyValueCents
        lines { id quantity monthlyPriceCents customerId serviceProduct { code name } }
        simCards { id iccid phoneNumber status }
      }
      _allContractsMeta { count }
    }`;
    const small = await statementsOf('service', query, 5, 'allContracts');
    const large = await statementsOf('service', query, 50, 'allContracts');
    expect(large).toBe(small);
    // session look-up, the page, its lines with their products, its SIM cards, the count, the audit append
    expect(large).toBeLessThanOrEqual(6);
  });

  it('the contracts and SIM cards of a page of customers, whatever its size', async () => {
    const client = await app.as('service');
    const customerIds = (await sql<{ id: string }>(app, "select distinct customer_id as id from contract where status = 'ACTIVE' order by 1 limit 50")).map((row) => row.id);
    expect(customerIds).toHaveLength(50);
    const query = `query($ids: [ID!]) {
      allContracts(filter: { customerIds: $ids }, perPage: 500) { id customerId monthlyValueCents lines { id serviceProduct { code } } simCards { id iccid } }
      allSimCards(filter: { customerIds: $ids }, perPage: 500) { id customerId iccid status }
    }`;
    const run = async (ids: string[]) => {
      statements.length = 0;
      const result = await client.gql<{ allContracts: { customerId: string }[] }>(query, { ids });
      expect(result.errors).toBeUndefined();
      expect(new Set(result.data!.allContracts.map((c) => c.customerId)).size).toBe(ids.length);
      return statements.length;
    };
    const small = await run(customerIds.slice(0, 5));
    const large = await run(customerIds);
    expect(large).toBe(small);
    // session look-up, contracts, their lines with products, their SIM cards, the SIM card page, the audit append
    expect(large).toBeLessThanOrEqual(6);
  });

  it('a page of contracts without relations does not load them', async () => {
    // (startDate in both: a personal field, so both end with the audit append of what was read)
    const small = await statementsOf('billing', (n) => `{ allContracts(perPage: ${n}) { id contractNumber status startDate } }`, 5, 'allContracts');
    const withLines = await statementsOf('billing', (n) => `{ allContracts(perPage: ${n}) { id startDate lines { id } } }`, 5, 'allContracts');
    expect(withLines).toBe(small + 1);
  });

  it('a page of SIM cards', async () => {
    const query = (perPage: number) => `{ allSimCards(perPage: ${perPage}) { id contractId customerId iccid phoneNumber status activatedAt } }`;
    expect(await statementsOf('service', query, 50, 'allSimCards')).toBe(await statementsOf('service', query, 5, 'allSimCards'));
  });

  it('a page of history events', async () => {
    const query = (perPage: number) => `{ allCustomerEvents(perPage: ${perPage}) { id customerId at kind summary before after channel staffUserId } }`;
    expect(await statementsOf('sales', query, 50, 'allCustomerEvents')).toBe(await statementsOf('sales', query, 5, 'allCustomerEvents'));
  });

  it('a page of compiled figures', async () => {
    const query = (perPage: number) => `{ allCustomerFigures(perPage: ${perPage}) { id customerId activeServices monthlyValueCents customerSince openInvoices segment } }`;
    const small = await statementsOf('dpo', query, 5, 'allCustomerFigures');
    const large = await statementsOf('dpo', query, 50, 'allCustomerFigures');
    expect(large).toBe(small);
    // session look-up, the figures in one statement, their open invoices, the audit append
    expect(large).toBeLessThanOrEqual(4);
  });
});
