import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESTRICTED_MESSAGE } from '../src/privacy/restriction/restriction.service.js';
import { customerRow, onlyError, sql } from './support/helpers.js';
import { startTestApp, type Client, type TestApp } from './support/test-app.js';

/**
 * Restriction of processing (GDPR Art. 18) through the real server: while a person is restricted,
 * every role but dpo is refused their records' fields and left without their rows in lists, and
 * every mutation that names them is refused before it runs; the dpo still reads and writes; lifting
 * restores everything at the next request.
 */

const READERS = ['service', 'sales', 'billing', 'marketing'] as const;
const NON_DPO = [...READERS, 'analyst', 'admin'] as const;

let app: TestApp;
let dpo: Client;
const clients = new Map<string, Client>();
async function as(role: string): Promise<Client> {
  if (!clients.has(role)) clients.set(role, await app.as(role));
  return clients.get(role)!;
}

let customerId: string;
let contractId: string;
let otherCustomerId: string;

async function restrict(subjectId: string) {
  const result = await dpo.gql<{ restrictProcessing: { id: string; subjectId: string; reason: string; subjectType: string; liftedAt: string | null } }>(
    `mutation($subjectId: ID) { restrictProcessing(subjectId: $subjectId) { id subjectId reason subjectType liftedAt } }`,
    { subjectId },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.restrictProcessing;
}

async function lift(subjectId: string) {
  const result = await dpo.gql<{ liftRestriction: { liftedAt: string }[] }>(
    `mutation($subjectId: ID) { liftRestriction(subjectId: $subjectId) { liftedAt } }`,
    { subjectId },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.liftRestriction;
}

beforeAll(async () => {
  app = await startTestApp({ customers: 6, contents: true });
  dpo = await app.as('dpo');
  const rows = await sql<{ customer_id: string; id: string }>(
    app,
    `select c.customer_id::text, c.id::text from contract c join customer cu on cu.id = c.customer_id
      where cu.status <> 'TERMINATED' order by c.id limit 2`,
  );
  customerId = rows[0]!.customer_id;
  contractId = rows[0]!.id;
  const [other] = await sql<{ id: string }>(app, 'select id::text from customer where id <> ? order by id limit 1', [customerId]);
  otherCustomerId = other!.id;
});
afterAll(async () => {
  await app?.close();
});

describe('restriction of processing', () => {
  it('only the dpo restricts, lifts or sees restrictions', async () => {
    for (const role of NON_DPO) {
      const client = await as(role);
      onlyError(await client.gql(`mutation($s: ID) { restrictProcessing(subjectId: $s) { id } }`, { s: customerId }), 'FORBIDDEN');
      onlyError(await client.gql(`mutation($s: ID) { liftRestriction(subjectId: $s) { id } }`, { s: customerId }), 'FORBIDDEN');
      onlyError(await client.gql(`query($s: ID!) { processingRestrictions(subjectId: $s) { id } }`, { s: customerId }), 'FORBIDDEN');
    }
    expect(await sql(app, 'select id from processing_restriction')).toEqual([]);
  });

  it('refuses every other role the restricted person’s records and rows, and the dpo still reads them', async () => {
    // Before: customer service reads the customer and the contract.
    const service = await as('service');
    const before = await service.gql<{ Customer: { name: string } }>(`query($id: ID!) { Customer(id: $id) { name } }`, { id: customerId });
    expect(before.errors).toBeUndefined();
    expect(before.data!.Customer.name).toBeTruthy();

    const restriction = await restrict(customerId);
    expect(restriction).toMatchObject({ subjectId: customerId, reason: 'DATA_SUBJECT_REQUEST', subjectType: 'CUSTOMER', liftedAt: null });

    for (const role of READERS) {
      const client = await as(role);
      const single = await client.gql<{ Customer: { name: string | null } | null }>(`query($id: ID!) { Customer(id: $id) { id name } }`, { id: customerId });
      expect(single.data?.Customer?.name ?? null, role).toBeNull();
      expect(single.errors?.length, role).toBeGreaterThan(0);
      expect(single.errors!.every((e) => e.extensions?.code === 'FORBIDDEN'), `${role}: ${JSON.stringify(single.errors)}`).toBe(true);
      if (role !== 'marketing') expect(single.errors!.some((e) => e.message === RESTRICTED_MESSAGE), role).toBe(true);
      const list = await client.gql<{ allCustomers: { id: string }[]; _allCustomersMeta: { count: number } }>(
        `query($ids: [ID!]) { allCustomers(filter: { ids: $ids }) { id } _allCustomersMeta(filter: { ids: $ids }) { count } }`,
        { ids: [customerId, otherCustomerId] },
      );
      expect(list.errors, `${role}: ${JSON.stringify(list.errors)}`).toBeUndefined();
      expect(list.data!.allCustomers.map((c) => c.id)).not.toContain(customerId);
      expect(list.data!._allCustomersMeta.count).toBe(list.data!.allCustomers.length);
    }
    // The customer carries the flag the lists use, set by PostgreSQL with the restriction.
    expect(await sql(app, 'select processing_restricted from customer where id = ?', [customerId])).toEqual([{ processing_restricted: true }]);
    // Search leaves them out too (the same row filter on the search's own indexes), the dpo finds them.
    const [found] = await sql<{ email: string }>(app, 'select email from customer where id = ?', [customerId]);
    const search = `query($q: String!) { allCustomers(filter: { q: $q }) { id } _allCustomersMeta(filter: { q: $q }) { count } }`;
    const searched = await service.gql<{ allCustomers: { id: string }[]; _allCustomersMeta: { count: number } }>(search, { q: found!.email });
    expect(searched.errors).toBeUndefined();
    expect(searched.data!.allCustomers.map((c) => c.id)).not.toContain(customerId);
    expect(searched.data!._allCustomersMeta.count).toBe(searched.data!.allCustomers.length);
    const searchedByDpo = await (await as('dpo')).gql<{ allCustomers: { id: string }[] }>(search, { q: found!.email });
    expect(searchedByDpo.data!.allCustomers.map((c) => c.id)).toContain(customerId);
    for (const role of ['service', 'sales', 'billing']) {
      const contract = await (await as(role)).gql<{ Contract: { status: string | null } | null }>(
        `query($id: ID!) { Contract(id: $id) { status contractNumber } }`,
        { id: contractId },
      );
      expect(contract.data?.Contract?.status ?? null, role).toBeNull();
      expect(contract.errors?.some((e) => e.message === RESTRICTED_MESSAGE), `${role}: ${JSON.stringify(contract.errors)}`).toBe(true);
    }
    // Somebody else's data is untouched by the restriction.
    const other = await service.gql<{ Customer: { name: string } }>(`query($id: ID!) { Customer(id: $id) { name } }`, { id: otherCustomerId });
    expect(other.errors).toBeUndefined();

    const asDpo = await dpo.gql<{ Customer: { name: string }; Contract: { status: string }; allCustomers: { id: string }[] }>(
      `query($id: ID!, $contractId: ID!, $ids: [ID!]) { Customer(id: $id) { name } Contract(id: $contractId) { status } allCustomers(filter: { ids: $ids }) { id } }`,
      { id: customerId, contractId, ids: [customerId] },
    );
    expect(asDpo.errors).toBeUndefined();
    expect(asDpo.data!.Customer.name).toBe(before.data!.Customer.name);
    expect(asDpo.data!.Contract.status).toBeTruthy();
    expect(asDpo.data!.allCustomers.map((c) => c.id)).toEqual([customerId]);
  });

  it('refuses every other role’s writes that name the person, before anything changes', async () => {
    const row = await customerRow(app, customerId);
    const contractBefore = await sql(app, 'select row_to_json(c)::text as json from contract c where id = ?', [contractId]);
    const service = await as('service');
    const update = onlyError(await service.gql(`mutation($id: ID!) { updateCustomer(id: $id, phone: "040 999 8888") { id } }`, { id: customerId }), 'FORBIDDEN');
    expect(update.message).toBe(RESTRICTED_MESSAGE);
    const decision = onlyError(
      await service.gql(
        `mutation($id: ID!) { recordMarketingDecision(customerId: $id, channel: EMAIL, decision: PROHIBIT, source: PHONE_CALL, evidence: "Asked by phone") { id } }`,
        { id: customerId },
      ),
      'FORBIDDEN',
    );
    expect(decision.message).toBe(RESTRICTED_MESSAGE);
    const contract = onlyError(await service.gql(`mutation($id: ID!) { updateContract(id: $id, endDate: "2099-12-31") { id } }`, { id: contractId }), 'FORBIDDEN');
    expect(contract.message).toBe(RESTRICTED_MESSAGE);
    expect(await customerRow(app, customerId)).toBe(row);
    expect(await sql(app, 'select row_to_json(c)::text as json from contract c where id = ?', [contractId])).toEqual(contractBefore);

    // The dpo processes the restricted data.
    const byDpo = await dpo.gql<{ updateCustomer: { phone: string } }>(`mutation($id: ID!) { updateCustomer(id: $id, phone: "040 999 8888") { phone } }`, { id: customerId });
    expect(byDpo.errors).toBeUndefined();
    expect(byDpo.data!.updateCustomer.phone).toBe('+358409998888');
  });

  it('lifting restores reads, rows and writes at the next request', async () => {
    const lifted = await lift(customerId);
    expect(lifted).toHaveLength(1);
    const service = await as('service');
    const read = await service.gql<{ Customer: { name: string }; allCustomers: { id: string }[] }>(
      `query($id: ID!, $ids: [ID!]) { Customer(id: $id) { name } allCustomers(filter: { ids: $ids }) { id } }`,
      { id: customerId, ids: [customerId] },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.allCustomers.map((c) => c.id)).toEqual([customerId]);
    expect(await sql(app, 'select processing_restricted from customer where id = ?', [customerId])).toEqual([{ processing_restricted: false }]);
    const write = await service.gql(`mutation($id: ID!) { updateCustomer(id: $id, phone: "040 999 7777") { id } }`, { id: customerId });
    expect(write.errors).toBeUndefined();
    const history = await dpo.gql<{ processingRestrictions: { liftedAt: string | null; liftedById: string | null }[] }>(
      `query($s: ID!) { processingRestrictions(subjectId: $s) { liftedAt liftedById } }`,
      { s: customerId },
    );
    expect(history.data!.processingRestrictions).toHaveLength(1);
    expect(history.data!.processingRestrictions[0]!.liftedAt).toBeTruthy();
    const events = await sql<{ action: string; outcome: string }>(
      app,
      `select action, outcome from audit_event where subject_id = ? and action in ('restrict', 'lift') order by seq`,
      [customerId],
    );
    expect(events).toEqual([
      { action: 'restrict', outcome: 'DATA_SUBJECT_REQUEST' },
      { action: 'lift', outcome: 'DATA_SUBJECT_REQUEST' },
    ]);
    // Lifting what is not restricted says so.
    const again = await dpo.gql(`mutation($s: ID) { liftRestriction(subjectId: $s) { id } }`, { s: customerId });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps one active restriction per reason, for the erasure’s legal holds too (RestrictionService)', async () => {
    const em = app.orm.em.fork();
    const first = await app.services.restrictions.restrict(em, { subjectType: 'CUSTOMER', subjectId: otherCustomerId, reason: 'LEGAL_HOLD' });
    const second = await app.services.restrictions.restrict(em, { subjectType: 'CUSTOMER', subjectId: otherCustomerId, reason: 'LEGAL_HOLD' });
    expect(second.id).toBe(first.id);
    expect(await app.services.restrictions.isRestricted(em, otherCustomerId)).toBe(true);
    // A legal hold is not the person's own restriction: the dpo cannot lift it by hand.
    const manual = await dpo.gql(`mutation($s: ID) { liftRestriction(subjectId: $s) { id } }`, { s: otherCustomerId });
    expect(manual.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await app.services.restrictions.isRestricted(em, otherCustomerId)).toBe(true);
    const lifted = await app.services.restrictions.lift(em, { subjectId: otherCustomerId, reason: 'LEGAL_HOLD' });
    expect(lifted.map((r) => r.id)).toEqual([first.id]);
    expect(await app.services.restrictions.isRestricted(em, otherCustomerId)).toBe(false);
  });

  it('the customer’s own flag follows every active restriction: two reasons, one lifted, a row removed (trigger)', async () => {
    const flag = async () => (await sql<{ flag: boolean }>(app, 'select processing_restricted as flag from customer where id = ?', [otherCustomerId]))[0]!.flag;
    const em = app.orm.em.fork();
    expect(await flag()).toBe(false);
    await app.services.restrictions.restrict(em, { subjectType: 'CUSTOMER', subjectId: otherCustomerId, reason: 'LEGAL_HOLD' });
    await restrict(otherCustomerId);
    expect(await flag()).toBe(true);
    // One of two lifted: still restricted.
    await lift(otherCustomerId);
    expect(await flag()).toBe(true);
    expect(await app.services.restrictions.isRestricted(em, otherCustomerId)).toBe(true);
    // The hold's row removed (as when a held record's erasure ends it): no active restriction left.
    await sql(app, "delete from processing_restriction where subject_id = ? and reason = 'LEGAL_HOLD'", [otherCustomerId]);
    expect(await flag()).toBe(false);
    const service = await as('service');
    const listed = await service.gql<{ allCustomers: { id: string }[] }>(`query($ids: [ID!]) { allCustomers(filter: { ids: $ids }) { id } }`, { ids: [otherCustomerId] });
    expect(listed.data!.allCustomers.map((c) => c.id)).toEqual([otherCustomerId]);
  });

  it('completing a RESTRICTION request restricts the person, linked to the request', async () => {
    const created = await dpo.gql<{ createDataSubjectRequest: { id: string } }>(
      `mutation($c: ID) { createDataSubjectRequest(type: RESTRICTION, receivedDate: "2025-06-02", channel: EMAIL, customerId: $c, identityVerificationMethod: "Strong electronic identification") { id } }`,
      { c: otherCustomerId },
    );
    const requestId = created.data!.createDataSubjectRequest.id;
    const done = await dpo.gql(`mutation($id: ID!) { completeDataSubjectRequest(id: $id) { status } }`, { id: requestId });
    expect(done.errors).toBeUndefined();
    const rows = await sql<{ reason: string; request_id: string }>(
      app,
      `select reason::text, request_id::text from processing_restriction where subject_id = ? and lifted_at is null`,
      [otherCustomerId],
    );
    expect(rows).toEqual([{ reason: 'DATA_SUBJECT_REQUEST', request_id: requestId }]);
    const service = await as('service');
    const read = await service.gql(`query($id: ID!) { Customer(id: $id) { name } }`, { id: otherCustomerId });
    expect(read.errors?.[0]?.message).toBe(RESTRICTED_MESSAGE);
    await lift(otherCustomerId);
  });
});
