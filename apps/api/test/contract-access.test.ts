import { iccidCheckDigit } from '@register/identifiers';
import { dataMap } from '@register/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, errorAt, onlyError, sql } from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * Contracts, their services and SIM cards through the real server: who reads and who writes
 * what (issue 3: service read/write, sales read and open DRAFTs, billing read, dpo read/write,
 * nobody else), and what the audit log and the customer history say about each change.
 */
const CONTRACT_FIELDS = Object.keys(dataMap.Contract.fields);
const LINE_FIELDS = Object.keys(dataMap.ContractLine.fields).filter((f) => f !== 'serviceProduct');
const SIM_FIELDS = Object.keys(dataMap.SimCard.fields);
const CONTRACT_SELECTION = `${CONTRACT_FIELDS.filter((f) => f !== 'lines' && f !== 'simCards').join(' ')}
  lines { ${LINE_FIELDS.join(' ')} serviceProduct { code name } } simCards { ${SIM_FIELDS.join(' ')} }`;

const READERS = ['service', 'sales', 'billing', 'dpo'] as const;
const NON_READERS = ['marketing', 'analyst', 'admin'] as const;

type Row = Record<string, unknown>;

let app: TestApp;
let delivery: Client;
let customerId: string;
let contractId: string;
let mobileId: string;
let broadbandId: string;
let iccidCounter = 0;
const clients = new Map<string, Client>();
const as = async (role: string) => {
  let client = clients.get(role);
  if (!client) {
    client = await app.as(role);
    clients.set(role, client);
  }
  return client;
};

/** A valid Finnish ICCID no demo SIM card has (those are 8935801…). */
function uniqueIccid(): string {
  iccidCounter += 1;
  const partial = `8935899${String(process.pid % 100000).padStart(5, '0')}${String(iccidCounter).padStart(6, '0')}`;
  return `${partial}${iccidCheckDigit(partial)}`;
}
let numberCounter = 0;
const uniqueNumber = () => `+35850${String(1000000 + (process.pid % 1000) * 1000 + (numberCounter += 1))}`;

const CREATE = `mutation($customerId: ID, $startDate: LocalDate, $status: ContractStatus, $lines: [ContractLineInput!], $sourceType: DataSource, $sourcePartner: String) {
  createContract(customerId: $customerId, startDate: $startDate, status: $status, lines: $lines, sourceType: $sourceType, sourcePartner: $sourcePartner) {
    id contractNumber status monthlyValueCents lines { id serviceProductId quantity monthlyPriceCents } simCards { id }
  }
}`;
const ADD_SIM = `mutation($contractId: ID, $iccid: String, $phoneNumber: String, $status: SimCardStatus, $sourceType: DataSource) {
  addSimCard(contractId: $contractId, iccid: $iccid, phoneNumber: $phoneNumber, status: $status, sourceType: $sourceType) { id iccid phoneNumber status customerId contractId }
}`;

async function changes() {
  const [row] = await sql<{ n: string }>(app, "select count(*)::text as n from audit_event where action in ('create', 'update', 'delete')");
  return Number(row!.n);
}

/** What a refused request must leave untouched: every row of the contract tables, the history and the change events. */
async function fingerprint() {
  const [row] = await sql<{ f: string }>(
    app,
    `select md5(concat_ws('|',
        (select string_agg(row_to_json(c)::text, ',' order by id) from contract c),
        (select string_agg(row_to_json(l)::text, ',' order by id) from contract_line l),
        (select string_agg(row_to_json(s)::text, ',' order by id) from sim_card s),
        (select count(*) from customer_event)::text,
        (select count(*) from audit_event where action in ('create', 'update', 'delete'))::text)) as f`,
  );
  return row!.f;
}

async function refused(run: () => Promise<GraphQLResponse<unknown>>, field?: string) {
  const before = await fingerprint();
  const result = await run();
  const error = onlyError(result, 'FORBIDDEN');
  if (field) expect(error.extensions?.field).toBe(field);
  expect(await fingerprint()).toBe(before);
  return error;
}

async function createContract(client: Client, variables: Record<string, unknown> = {}) {
  return client.gql<{ createContract: { id: string; contractNumber: string; status: string; monthlyValueCents: number; lines: Row[]; simCards: Row[] } }>(CREATE, {
    customerId,
    startDate: '2025-01-15',
    lines: [{ serviceProductId: mobileId }],
    ...variables,
  });
}

beforeAll(async () => {
  app = await startTestApp({ customers: 10 });
  const [mobile] = await sql<{ id: string }>(app, "select id from service_product where code = 'MOB-5G-100'");
  const [broadband] = await sql<{ id: string }>(app, "select id from service_product where code = 'BB-FIBER-300'");
  mobileId = mobile!.id;
  broadbandId = broadband!.id;
  const service = await as('service');
  const customer = await service.gql<{ createCustomer: { id: string } }>('mutation { createCustomer(kind: PRIVATE, name: "Sopimus Asiakas") { id } }');
  customerId = customer.data!.createCustomer.id;
  const created = await createContract(service, {
    status: 'ACTIVE',
    lines: [
      { serviceProductId: mobileId, quantity: 2 },
      { serviceProductId: broadbandId, monthlyPriceCents: 3500 },
    ],
  });
  expect(created.errors).toBeUndefined();
  contractId = created.data!.createContract.id;
  const sim = await service.gql(ADD_SIM, { contractId, iccid: uniqueIccid(), phoneNumber: uniqueNumber(), status: 'ACTIVE' });
  expect(sim.errors).toBeUndefined();
  const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'deliveries', scopes: ['delivery'], createdBy: null });
  delivery = app.partner(key);
});
afterAll(() => app?.close());

describe('reading contracts, lines and SIM cards', () => {
  for (const role of READERS) {
    it(`${role} reads every field of contracts, their lines and SIM cards`, async () => {
      const client = await as(role);
      const result = await client.gql<{ Contract: Row; allContracts: Row[]; allSimCards: Row[]; _allContractsMeta: { count: number } }>(
        `query($id: ID!, $customerId: ID) {
          Contract(id: $id) { ${CONTRACT_SELECTION} }
          allContracts(filter: { customerId: $customerId }) { id customerId monthlyValueCents }
          _allContractsMeta(filter: { customerId: $customerId }) { count }
          allSimCards(filter: { customerId: $customerId }) { ${SIM_FIELDS.join(' ')} }
        }`,
        { id: contractId, customerId },
      );
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const contract = result.data!.Contract;
      for (const field of CONTRACT_FIELDS.filter((f) => f !== 'endDate' && f !== 'sourcePartner')) {
        expect(contract[field], `Contract.${field}`).not.toBeNull();
      }
      expect(contract.contractNumber).toMatch(/^SOP-\d{6,}$/);
      expect(contract.customerId).toBe(customerId);
      // 2 × 24,90 € + 35,00 €: the agreed prices, the catalogue's where none was agreed.
      expect(contract.monthlyValueCents).toBe(2 * 2490 + 3500);
      const lines = contract.lines as Row[];
      expect(lines).toHaveLength(2);
      expect(lines.every((line) => line.customerId === customerId && line.contractId === contractId)).toBe(true);
      expect(lines.map((line) => (line.serviceProduct as Row).code).sort()).toEqual(['BB-FIBER-300', 'MOB-5G-100']);
      expect((contract.simCards as Row[])[0]!.iccid).toMatch(/^89358/);
      expect(result.data!.allContracts.map((c) => c.id)).toEqual([contractId]);
      expect(result.data!._allContractsMeta.count).toBe(1);
      expect(result.data!.allSimCards).toHaveLength(1);
      expect(result.data!.allSimCards[0]!.status).toBe('ACTIVE');
    });
  }

  const refusedReaders: [string, () => Client | Promise<Client>, string][] = [
    ...NON_READERS.map((role): [string, () => Promise<Client>, string] => [role, () => as(role), 'FORBIDDEN']),
    ['partner with scope delivery', () => delivery, 'FORBIDDEN'],
    ['anonymous', () => app.anonymous(), 'UNAUTHENTICATED'],
  ];
  for (const [who, client, code] of refusedReaders) {
    it(`${who}: every contract and SIM card query is ${code}`, async () => {
      const c = await client();
      for (const [query, name] of [
        ['query($id: ID!) { Contract(id: $id) { id contractNumber } }', 'Contract'],
        ['{ allContracts { id contractNumber } }', 'allContracts'],
        ['{ _allContractsMeta { count } }', '_allContractsMeta'],
        ['{ allSimCards { id iccid } }', 'allSimCards'],
        ['{ _allSimCardsMeta { count } }', '_allSimCardsMeta'],
        ['query($id: ID!) { SimCard(id: $id) { id iccid } }', 'SimCard'],
      ] as const) {
        const result = await c.gql(query, { id: contractId });
        expect(onlyError(result, code).path, name).toEqual([name]);
      }
    });
  }
});

describe('writing contracts', () => {
  it('service opens an ACTIVE contract; the audit event names the fields and the customer, the history has it', async () => {
    const service = await as('service');
    const before = await changes();
    const result = await createContract(service, { status: 'ACTIVE' });
    expect(result.errors).toBeUndefined();
    const created = result.data!.createContract;
    expect(created.status).toBe('ACTIVE');
    expect(created.lines[0]!.monthlyPriceCents).toBe(2490);
    expect(await changes()).toBe(before + 1);
    const [event] = await sql<{ subject_type: string; subject_id: string; fields: string[]; operation: string }>(
      app,
      "select subject_type, subject_id, fields, operation from audit_event where action = 'create' order by seq desc limit 1",
    );
    expect(event).toMatchObject({ subject_type: 'Contract', subject_id: customerId, operation: 'createContract' });
    expect(event!.fields).toEqual(['collectedAt', 'customerId', 'lines', 'sourceType', 'startDate', 'status']);
    const [history] = await sql<{ kind: string; summary: string; record_id: string; staff_user_id: string | null }>(
      app,
      'select kind, summary, record_id, staff_user_id from customer_event where record_id = ?',
      [created.id],
    );
    expect(history).toMatchObject({ kind: 'CONTRACT_CREATED', record_id: created.id });
    expect(history!.summary).toContain(created.contractNumber);
    expect(history!.staff_user_id).not.toBeNull();
  });

  it('sales opens a contract, which is a DRAFT', async () => {
    const sales = await as('sales');
    const result = await createContract(sales);
    expect(result.errors).toBeUndefined();
    expect(result.data!.createContract.status).toBe('DRAFT');
  });

  it('sales may not set the status (not even ACTIVE on a new contract): FORBIDDEN, nothing written', async () => {
    const sales = await as('sales');
    const error = await refused(() => createContract(sales, { status: 'ACTIVE' }), 'status');
    expect(error.message).toContain('status');
  });

  for (const role of ['billing', 'marketing', 'analyst', 'admin'] as const) {
    it(`${role} may not open a contract`, async () => {
      await refused(async () => createContract(await as(role)));
    });
  }

  it('the source of a contract is set by the dpo only', async () => {
    await refused(async () => createContract(await as('service'), { sourceType: 'PARTNER', sourcePartner: 'Posti Oy kumppanirekisteri' }), 'sourceType');
    const dpo = await as('dpo');
    const result = await createContract(dpo, { sourceType: 'PARTNER', sourcePartner: 'Posti Oy kumppanirekisteri' });
    expect(result.errors).toBeUndefined();
    const [row] = await sql<{ source_type: string; source_partner: string }>(app, 'select source_type, source_partner from contract where id = ?', [result.data!.createContract.id]);
    expect(row).toEqual({ source_type: 'PARTNER', source_partner: 'Posti Oy kumppanirekisteri' });
  });

  it('updateContract: service and dpo change the end date; sales and billing may not', async () => {
    const created = await createContract(await as('service'), { status: 'ACTIVE' });
    const id = created.data!.createContract.id;
    const update = 'mutation($id: ID!, $endDate: LocalDate) { updateContract(id: $id, endDate: $endDate) { id endDate } }';
    for (const role of ['sales', 'billing', 'marketing'] as const) {
      await refused(async () => (await as(role)).gql(update, { id, endDate: '2099-12-31' }));
    }
    for (const [role, endDate] of [['service', '2099-12-31'], ['dpo', '2099-06-30']] as const) {
      const result = await (await as(role)).gql<{ updateContract: { endDate: string } }>(update, { id, endDate });
      expect(result.errors, role).toBeUndefined();
      expect(result.data!.updateContract.endDate).toBe(endDate);
    }
    const [history] = await sql<{ kind: string; before: Row; after: Row }>(
      app,
      'select kind, before, after from customer_event where record_id = ? order by at desc, id limit 1',
      [id],
    );
    expect(history).toEqual({ kind: 'CONTRACT_CHANGED', before: { endDate: '2099-12-31' }, after: { endDate: '2099-06-30' } });
  });
});

describe("changing a contract's services", () => {
  const ADD = 'mutation($c: ID!, $p: ID!, $q: Int) { addContractService(contractId: $c, serviceProductId: $p, quantity: $q) { id monthlyValueCents lines { id removedDate } } }';
  const CHANGE = 'mutation($l: ID!, $q: Int, $price: Int) { changeContractService(contractLineId: $l, quantity: $q, monthlyPriceCents: $price) { id monthlyValueCents } }';
  const REMOVE = 'mutation($l: ID!) { removeContractService(contractLineId: $l) { id monthlyValueCents lines { id removedDate } } }';

  for (const role of ['sales', 'billing', 'marketing', 'analyst', 'admin'] as const) {
    it(`${role} may not add, change or remove a service`, async () => {
      const client = await as(role);
      const [line] = await sql<{ id: string }>(app, 'select id from contract_line where contract_id = ? limit 1', [contractId]);
      await refused(() => client.gql(ADD, { c: contractId, p: broadbandId }));
      await refused(() => client.gql(CHANGE, { l: line!.id, q: 3 }));
      await refused(() => client.gql(REMOVE, { l: line!.id }));
    });
  }

  it('service adds, changes and removes a service: the value follows, the history records each with before and after', async () => {
    const service = await as('service');
    const created = await createContract(service, { status: 'ACTIVE', lines: [{ serviceProductId: mobileId }] });
    const id = created.data!.createContract.id;
    expect(created.data!.createContract.monthlyValueCents).toBe(2490);

    const added = await service.gql<{ addContractService: { monthlyValueCents: number; lines: Row[] } }>(ADD, { c: id, p: broadbandId, q: 1 });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addContractService.monthlyValueCents).toBe(2490 + 3990);
    const [newLine] = await sql<{ id: string }>(app, 'select id from contract_line where contract_id = ? and service_product_id = ?', [id, broadbandId]);

    const changed = await service.gql<{ changeContractService: { monthlyValueCents: number } }>(CHANGE, { l: newLine!.id, q: 2, price: 3000 });
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changeContractService.monthlyValueCents).toBe(2490 + 2 * 3000);

    const removed = await service.gql<{ removeContractService: { monthlyValueCents: number; lines: Row[] } }>(REMOVE, { l: newLine!.id });
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeContractService.monthlyValueCents).toBe(2490);
    expect(removed.data!.removeContractService.lines.find((line) => line.id === newLine!.id)!.removedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const history = await sql<{ kind: string; before: Row | null; after: Row | null }>(
      app,
      'select kind, before, after from customer_event where record_id = ? order by at, kind',
      [newLine!.id],
    );
    expect(history.map((event) => event.kind).sort()).toEqual(['SERVICE_ADDED', 'SERVICE_CHANGED', 'SERVICE_REMOVED']);
    const change = history.find((event) => event.kind === 'SERVICE_CHANGED')!;
    expect(change.before).toEqual({ serviceProductCode: 'BB-FIBER-300', quantity: 1, monthlyPriceCents: 3990 });
    expect(change.after).toEqual({ serviceProductCode: 'BB-FIBER-300', quantity: 2, monthlyPriceCents: 3000 });
    const audit = await sql<{ operation: string; fields: string[]; subject_id: string }>(
      app,
      "select operation, fields, subject_id from audit_event where operation in ('addContractService', 'changeContractService', 'removeContractService') and subject_id = ? order by seq",
      [customerId],
    );
    expect(audit.slice(-3)).toEqual([
      { operation: 'addContractService', fields: ['lines'], subject_id: customerId },
      { operation: 'changeContractService', fields: ['lines'], subject_id: customerId },
      { operation: 'removeContractService', fields: ['lines'], subject_id: customerId },
    ]);
  });
});

describe('SIM cards', () => {
  for (const role of ['sales', 'billing', 'marketing', 'analyst', 'admin'] as const) {
    it(`${role} may not add a SIM card or change its status`, async () => {
      const client = await as(role);
      await refused(() => client.gql(ADD_SIM, { contractId, iccid: uniqueIccid(), phoneNumber: uniqueNumber() }));
      const [sim] = await sql<{ id: string }>(app, 'select id from sim_card where contract_id = ? limit 1', [contractId]);
      // Roles that cannot even read SIM cards are refused as a whole; readers are told which field.
      const field = role === 'sales' || role === 'billing' ? 'status' : undefined;
      await refused(() => client.gql('mutation($id: ID!) { updateSimCard(id: $id, status: SUSPENDED) { id } }', { id: sim!.id }), field);
    });
  }

  it('service may not set the source of a SIM card (dpo only)', async () => {
    await refused(async () => (await as('service')).gql(ADD_SIM, { contractId, iccid: uniqueIccid(), phoneNumber: uniqueNumber(), sourceType: 'SERVICE_DELIVERY' }), 'sourceType');
  });

  it('service adds a card, activates, suspends and closes it; each step is audited and in the history', async () => {
    const service = await as('service');
    const iccid = uniqueIccid();
    const added = await service.gql<{ addSimCard: Row }>(ADD_SIM, { contractId, iccid, phoneNumber: '050 765 4321' });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addSimCard).toMatchObject({ iccid, phoneNumber: '+358507654321', status: 'ORDERED', customerId, contractId });
    const id = added.data!.addSimCard.id as string;
    for (const status of ['ACTIVE', 'SUSPENDED', 'ACTIVE', 'CLOSED']) {
      const result = await service.gql<{ updateSimCard: Row }>(
        'mutation($id: ID!, $s: SimCardStatus) { updateSimCard(id: $id, status: $s) { status activatedAt closedAt } }',
        { id, s: status },
      );
      expect(result.errors, status).toBeUndefined();
      expect(result.data!.updateSimCard.status).toBe(status);
    }
    const [row] = await sql<{ activated_at: Date | null; closed_at: Date | null }>(app, 'select activated_at, closed_at from sim_card where id = ?', [id]);
    expect(row!.activated_at).not.toBeNull();
    expect(row!.closed_at).not.toBeNull();
    const history = await sql<{ kind: string; summary: string }>(app, 'select kind, summary from customer_event where record_id = ? order by at, id', [id]);
    expect(history.map((event) => event.kind)).toEqual(['SIM_ADDED', 'SIM_STATUS_CHANGED', 'SIM_STATUS_CHANGED', 'SIM_STATUS_CHANGED', 'SIM_STATUS_CHANGED']);
    // The timeline names the card by its last digits only.
    expect(history.some((event) => event.summary.includes(iccid))).toBe(false);
    expect(history[0]!.summary).toContain(iccid.slice(-4));
    const audit = await sql<{ operation: string; subject_type: string; fields: string[] }>(
      app,
      "select operation, subject_type, fields from audit_event where operation in ('addSimCard', 'updateSimCard') and subject_id = ? order by seq desc limit 5",
      [customerId],
    );
    expect(audit.map((event) => event.operation)).toEqual(['updateSimCard', 'updateSimCard', 'updateSimCard', 'updateSimCard', 'addSimCard']);
    expect(audit[0]).toEqual({ operation: 'updateSimCard', subject_type: 'SimCard', fields: ['closedAt', 'status'] });
    expect(audit[4]!.fields).toEqual(['collectedAt', 'contractId', 'iccid', 'phoneNumber', 'sourceType', 'status']);
  });

  it('ending a contract ends its services and closes its SIM cards, in one recorded change', async () => {
    const service = await as('service');
    const created = await createContract(service, { status: 'ACTIVE', startDate: '2024-03-01' });
    const id = created.data!.createContract.id;
    const sim = await service.gql<{ addSimCard: { id: string } }>(ADD_SIM, { contractId: id, iccid: uniqueIccid(), phoneNumber: uniqueNumber(), status: 'ACTIVE' });
    expect(sim.errors).toBeUndefined();
    const ended = await service.gql<{ updateContract: { status: string; endDate: string; monthlyValueCents: number; simCards: Row[]; lines: Row[] } }>(
      'mutation($id: ID!) { updateContract(id: $id, status: ENDED) { status endDate monthlyValueCents simCards { status closedAt } lines { removedDate } } }',
      { id },
    );
    expect(ended.errors).toBeUndefined();
    const contract = ended.data!.updateContract;
    expect(contract.status).toBe('ENDED');
    expect(contract.monthlyValueCents).toBe(0);
    expect(contract.simCards.map((s) => s.status)).toEqual(['CLOSED']);
    expect(contract.lines.every((line) => line.removedDate === contract.endDate)).toBe(true);
    const [event] = await sql<{ kind: string; before: Row; after: Row }>(
      app,
      "select kind, before, after from customer_event where record_id = ? and kind = 'CONTRACT_STATUS_CHANGED'",
      [id],
    );
    expect(event!.before).toEqual({ status: 'ACTIVE', endDate: null });
    expect(event!.after).toMatchObject({ status: 'ENDED', servicesRemoved: 1, simCardsClosed: 1 });
    const [audit] = await sql<{ fields: string[] }>(app, "select fields from audit_event where operation = 'updateContract' order by seq desc limit 1");
    expect(audit!.fields).toEqual(['endDate', 'lines', 'simCards', 'status']);
  });
});

describe('filters are reads', () => {
  it('a filter by an unreadable field is refused for a role that reads nothing here', async () => {
    const marketing = await as('marketing');
    const result = await marketing.gql('query($c: ID) { allContracts(filter: { customerId: $c }) { id } }', { c: customerId });
    onlyError(result, 'FORBIDDEN');
  });

  it('the filters return what they say', async () => {
    const billing = await as('billing');
    const result = await billing.gql<{ byService: Row[]; byStatus: Row[]; byDate: Row[]; sims: Row[] }>(
      `query($c: ID, $p: ID) {
        byService: allContracts(filter: { customerId: $c, serviceProductId: $p }, perPage: 100) { id lines { serviceProductId } }
        byStatus: allContracts(filter: { customerId: $c, status: DRAFT }, perPage: 100) { id status }
        byDate: allContracts(filter: { customerId: $c, startAfter: "2024-01-01", startBefore: "2024-12-31" }, perPage: 100) { id startDate }
        sims: allSimCards(filter: { customerId: $c, status: CLOSED }, perPage: 100) { id status }
      }`,
      { c: customerId, p: broadbandId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.byService.length).toBeGreaterThan(0);
    expect(result.data!.byService.every((c) => (c.lines as Row[]).some((l) => l.serviceProductId === broadbandId))).toBe(true);
    expect(result.data!.byStatus.length).toBeGreaterThan(0);
    expect(result.data!.byStatus.every((c) => c.status === 'DRAFT')).toBe(true);
    expect(result.data!.byDate.map((c) => c.startDate)).toEqual(['2024-03-01']);
    expect(result.data!.sims.length).toBe(2);
    expect(await countRows(app, 'contract', 'customer_id = ?', [customerId])).toBeGreaterThan(result.data!.byService.length);
  });

  it('a denied field inside an allowed query is nulled alone (no error elsewhere)', async () => {
    // Sanity of the per-field rules: every Contract field is readable by billing, so no error at all.
    const billing = await as('billing');
    const result = await billing.gql(`query($id: ID!) { Contract(id: $id) { ${CONTRACT_SELECTION} } }`, { id: contractId });
    expect(errorAt(result, ['Contract'])).toBeUndefined();
    expect(result.errors).toBeUndefined();
  });
});
