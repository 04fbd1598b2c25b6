import { iccidCheckDigit } from '@register/identifiers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, onlyError, sql } from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';

/**
 * Bad input to contracts and SIM cards gets BAD_USER_INPUT naming the field (first in the
 * message too), and nothing at all is written: no contract, line, SIM card, history event or
 * audit event.
 */
let app: TestApp;
let service: Client;
let dpo: Client;
let customerId: string;
let terminatedId: string;
let contractId: string;
let draftId: string;
let endedId: string;
let lineId: string;
let removedLineId: string;
let mobileId: string;
let retiredId: string;
let activeIccid: string;
let activeNumber: string;
let counter = 0;

function uniqueIccid(): string {
  counter += 1;
  const partial = `8935898${String(process.pid % 100000).padStart(5, '0')}${String(counter).padStart(6, '0')}`;
  return `${partial}${iccidCheckDigit(partial)}`;
}
const uniqueNumber = () => `+35845${String(1000000 + (process.pid % 1000) * 1000 + (counter += 1))}`;

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

async function expectRefused(run: () => Promise<GraphQLResponse<unknown>>, field: string, message?: RegExp) {
  const before = await fingerprint();
  const result = await run();
  const error = expectBadInput(result, field);
  if (message) expect(error.message).toMatch(message);
  expect(await fingerprint(), 'nothing written').toBe(before);
}

const CREATE = `mutation($customerId: ID, $startDate: LocalDate, $endDate: LocalDate, $status: ContractStatus, $lines: [ContractLineInput!], $sourceType: DataSource, $sourcePartner: String) {
  createContract(customerId: $customerId, startDate: $startDate, endDate: $endDate, status: $status, lines: $lines, sourceType: $sourceType, sourcePartner: $sourcePartner) { id }
}`;
const create = (variables: Record<string, unknown>, client = service) =>
  client.gql<{ createContract: { id: string } }>(CREATE, {
    customerId,
    startDate: '2025-02-01',
    lines: [{ serviceProductId: mobileId }],
    ...variables,
  });
const ADD_SIM = `mutation($contractId: ID, $iccid: String, $phoneNumber: String, $status: SimCardStatus) {
  addSimCard(contractId: $contractId, iccid: $iccid, phoneNumber: $phoneNumber, status: $status) { id }
}`;

beforeAll(async () => {
  app = await startTestApp({ customers: 5 });
  service = await app.as('service');
  dpo = await app.as('dpo');
  const [mobile] = await sql<{ id: string }>(app, "select id from service_product where code = 'MOB-5G-100'");
  mobileId = mobile!.id;
  const retired = await (await app.as('sales')).gql<{ createServiceProduct: { id: string } }>(
    'mutation { createServiceProduct(code: "OLD-3G", name: "Vanha 3G-liittymä", kind: MOBILE, monthlyPriceCents: 990) { id } }',
  );
  retiredId = retired.data!.createServiceProduct.id;
  await sql(app, 'update service_product set active = false where id = ?', [retiredId]);
  const customer = await service.gql<{ createCustomer: { id: string } }>('mutation { createCustomer(kind: PRIVATE, name: "Syöte Testi") { id } }');
  customerId = customer.data!.createCustomer.id;
  const terminated = await service.gql<{ createCustomer: { id: string } }>('mutation { createCustomer(kind: PRIVATE, name: "Päättynyt Asiakas", status: TERMINATED) { id } }');
  terminatedId = terminated.data!.createCustomer.id;

  contractId = (await create({ status: 'ACTIVE', lines: [{ serviceProductId: mobileId }, { serviceProductId: mobileId, quantity: 2 }] })).data!.createContract.id;
  draftId = (await create({})).data!.createContract.id;
  endedId = (await create({ status: 'ENDED', startDate: '2020-01-01', endDate: '2022-12-31' })).data!.createContract.id;
  const lines = await sql<{ id: string }>(app, 'select id from contract_line where contract_id = ? order by quantity', [contractId]);
  lineId = lines[0]!.id;
  removedLineId = lines[1]!.id;
  const removed = await service.gql('mutation($l: ID!) { removeContractService(contractLineId: $l) { id } }', { l: removedLineId });
  expect(removed.errors).toBeUndefined();
  activeIccid = uniqueIccid();
  activeNumber = uniqueNumber();
  const sim = await service.gql(ADD_SIM, { contractId, iccid: activeIccid, phoneNumber: activeNumber, status: 'ACTIVE' });
  expect(sim.errors).toBeUndefined();
});
afterAll(() => app?.close());

describe('createContract refuses bad input', () => {
  const cases: [string, () => Record<string, unknown>, string, RegExp?][] = [
    ['no customer', () => ({ customerId: null }), 'customerId', /required/],
    ['a customer id that is no id', () => ({ customerId: 'not-an-id' }), 'customerId', /not the id of any customer/],
    ['a customer that does not exist', () => ({ customerId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff' }), 'customerId', /not the id of any customer/],
    ['no start date', () => ({ startDate: null }), 'startDate', /required/],
    ['a start date from the last century', () => ({ startDate: '1985-05-05' }), 'startDate', /1990-01-01 or later/],
    ['a start date more than a year ahead', () => ({ startDate: '2999-01-01' }), 'startDate', /or earlier/],
    ['a start date that does not exist', () => ({ startDate: '2025-02-30' }), 'startDate', /2025-02-30/],
    ['an end date before the start', () => ({ startDate: '2025-02-01', endDate: '2025-01-31' }), 'endDate', /before the start date 2025-02-01/],
    ['a new contract that is CANCELLED', () => ({ status: 'CANCELLED' }), 'status', /DRAFT/],
    ['an unknown status', () => ({ status: 'SIGNED' }), 'status', /SIGNED/],
    ['an ENDED contract without its end date', () => ({ status: 'ENDED' }), 'endDate', /required for an ENDED contract/],
    ['an ENDED contract that ends in the future', () => ({ status: 'ENDED', endDate: '2999-01-01' }), 'endDate', /today/],
    ['an ACTIVE contract whose end has passed', () => ({ status: 'ACTIVE', startDate: '2020-01-01', endDate: '2021-01-01' }), 'endDate', /has passed/],
    ['no services', () => ({ lines: [] }), 'lines', /at least one service/],
    ['a service that does not exist', () => ({ lines: [{ serviceProductId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff' }] }), 'lines.0.serviceProductId', /catalogue/],
    ['a service that is no longer sold', () => ({ lines: [{ serviceProductId: retiredId }] }), 'lines.0.serviceProductId', /no longer sold/],
    ['a quantity of 0', () => ({ lines: [{ serviceProductId: mobileId }, { serviceProductId: mobileId, quantity: 0 }] }), 'lines.1.quantity', /1 to 1000/],
    ['a negative price', () => ({ lines: [{ serviceProductId: mobileId, monthlyPriceCents: -100 }] }), 'lines.0.monthlyPriceCents', /whole euro cents/],
    ['a new ACTIVE contract for a customer whose relationship has ended', () => ({ customerId: terminatedId, status: 'ACTIVE' }), 'customerId', /has ended/],
  ];
  for (const [name, variables, field, message] of cases) {
    it(name, async () => {
      await expectRefused(() => create(variables()), field, message);
    });
  }

  it('a partner source without the partner (dpo)', async () => {
    await expectRefused(() => create({ sourceType: 'PARTNER' }, dpo), 'sourcePartner', /name the partner register/);
  });

  it('several problems at once are all reported, the first one named', async () => {
    const before = await fingerprint();
    const result = await create({ startDate: null, lines: [{ serviceProductId: mobileId, quantity: 0, monthlyPriceCents: -1 }] });
    const error = expectBadInput(result, 'startDate');
    const problems = (error.extensions?.problems as { field: string }[]).map((p) => p.field);
    expect(problems).toEqual(['startDate', 'lines.0.quantity', 'lines.0.monthlyPriceCents']);
    expect(await fingerprint()).toBe(before);
  });

  it('the ENDED contract of a terminated customer is accepted (a record of the past)', async () => {
    const result = await create({ customerId: terminatedId, status: 'ENDED', startDate: '2019-01-01', endDate: '2021-06-30' });
    expect(result.errors).toBeUndefined();
  });
});

describe('updateContract refuses bad input', () => {
  const update = (variables: Record<string, unknown>) =>
    service.gql('mutation($id: ID!, $status: ContractStatus, $endDate: LocalDate) { updateContract(id: $id, status: $status, endDate: $endDate) { id } }', variables);

  it('an unknown contract is NOT_FOUND', async () => {
    const before = await fingerprint();
    onlyError(await update({ id: '6f9619ff-8b86-4d01-b42d-00c04fc964ff', status: 'ENDED' }), 'NOT_FOUND');
    expect(await fingerprint()).toBe(before);
  });

  it('an ENDED contract never becomes ACTIVE again', async () => {
    await expectRefused(() => update({ id: endedId, status: 'ACTIVE' }), 'status', /ENDED is final/);
  });

  it('a DRAFT cannot be ENDED (only activated or cancelled)', async () => {
    await expectRefused(() => update({ id: draftId, status: 'ENDED' }), 'status', /ACTIVE or CANCELLED/);
  });

  it('an end date before the start', async () => {
    await expectRefused(() => update({ id: contractId, endDate: '2025-01-01' }), 'endDate', /before the start date/);
  });

  it('an ENDED contract with an end date in the future', async () => {
    await expectRefused(() => update({ id: contractId, status: 'ENDED', endDate: '2999-01-01' }), 'endDate', /keep it ACTIVE/);
  });

  it("the dates of an ENDED contract no longer change", async () => {
    await expectRefused(() => update({ id: endedId, endDate: '2022-06-30' }), 'endDate', /final/);
  });
});

describe('service changes refuse bad input', () => {
  const add = (variables: Record<string, unknown>) =>
    service.gql('mutation($c: ID!, $p: ID!, $q: Int, $price: Int) { addContractService(contractId: $c, serviceProductId: $p, quantity: $q, monthlyPriceCents: $price) { id } }', variables);
  const change = (variables: Record<string, unknown>) =>
    service.gql('mutation($l: ID!, $q: Int, $price: Int) { changeContractService(contractLineId: $l, quantity: $q, monthlyPriceCents: $price) { id } }', variables);
  const remove = (l: string) => service.gql('mutation($l: ID!) { removeContractService(contractLineId: $l) { id } }', { l });

  it('a quantity over 1000', () => expectRefused(() => add({ c: contractId, p: mobileId, q: 1001 }), 'quantity', /1 to 1000/));
  it('a price in euros with decimals', () => expectRefused(() => add({ c: contractId, p: mobileId, price: 1e8 }), 'monthlyPriceCents', /100 000/));
  it('a service that is not in the catalogue', () =>
    expectRefused(() => add({ c: contractId, p: '6f9619ff-8b86-4d01-b42d-00c04fc964ff' }), 'serviceProductId', /catalogue/));
  it('a service that is no longer sold', () => expectRefused(() => add({ c: contractId, p: retiredId }), 'serviceProductId', /no longer sold/));
  it('a service on an ENDED contract', () => expectRefused(() => add({ c: endedId, p: mobileId }), 'contractId', /ENDED/));
  it('a change that changes nothing named', () => expectRefused(() => change({ l: lineId }), 'quantity', /give the new quantity/));
  it('a change of a removed service', () => expectRefused(() => change({ l: removedLineId, q: 3 }), 'contractLineId', /was removed/));
  it('removing a service twice', () => expectRefused(() => remove(removedLineId), 'contractLineId', /already removed/));
  it('an unknown line is NOT_FOUND', async () => {
    const before = await fingerprint();
    onlyError(await remove('6f9619ff-8b86-4d01-b42d-00c04fc964ff'), 'NOT_FOUND');
    expect(await fingerprint()).toBe(before);
  });
});

describe('SIM cards refuse bad input', () => {
  const add = (variables: Record<string, unknown>) => service.gql(ADD_SIM, { contractId, iccid: uniqueIccid(), phoneNumber: uniqueNumber(), ...variables });

  it('an ICCID with a wrong check digit', async () => {
    const iccid = uniqueIccid();
    const wrong = `${iccid.slice(0, -1)}${(Number(iccid.slice(-1)) + 1) % 10}`;
    await expectRefused(() => add({ iccid: wrong }), 'iccid', /check digit/);
  });
  it('an ICCID with spaces', () => expectRefused(() => add({ iccid: '8935 8011 2345 6789 012' }), 'iccid', /spaces/));
  it('an ICCID that is too short', () => expectRefused(() => add({ iccid: '8935801234' }), 'iccid', /18–20 digits/));
  it('a number that is no SIM card number', () => expectRefused(() => add({ iccid: '1235801000000000001' }), 'iccid', /89/));
  it('no ICCID', () => expectRefused(() => add({ iccid: '' }), 'iccid', /required/));
  it('a landline number', () => expectRefused(() => add({ phoneNumber: '09 123 4567' }), 'phoneNumber', /Finnish mobile number/));
  it('a foreign number', () => expectRefused(() => add({ phoneNumber: '+46701234567' }), 'phoneNumber', /Finnish mobile number/));
  it('the ICCID of another card in use', () => expectRefused(() => add({ iccid: activeIccid }), 'iccid', /already has this ICCID/));
  it('the phone number of another card in use', () => expectRefused(() => add({ phoneNumber: activeNumber }), 'phoneNumber', /already has this phone number/));
  it('an ACTIVE card on a DRAFT contract', () => expectRefused(() => add({ contractId: draftId, status: 'ACTIVE' }), 'status', /not ACTIVE yet/));
  it('a card on an ENDED contract', () => expectRefused(() => add({ contractId: endedId }), 'contractId', /ENDED/));
  it('a new card that is already CLOSED', () => expectRefused(() => add({ status: 'CLOSED' }), 'status', /ORDERED/));
  it('a contract that does not exist', () =>
    expectRefused(() => add({ contractId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff' }), 'contractId', /not the id of any contract/));

  it('a CLOSED card is never reopened, and its ICCID can be issued again', async () => {
    const iccid = uniqueIccid();
    const added = await service.gql<{ addSimCard: { id: string } }>(ADD_SIM, { contractId, iccid, phoneNumber: uniqueNumber() });
    const id = added.data!.addSimCard.id;
    const closed = await service.gql('mutation($id: ID!) { updateSimCard(id: $id, status: CLOSED) { id } }', { id });
    expect(closed.errors).toBeUndefined();
    await expectRefused(
      () => service.gql('mutation($id: ID!) { updateSimCard(id: $id, status: ACTIVE) { id } }', { id }),
      'status',
      /never reopened/,
    );
    const again = await service.gql(ADD_SIM, { contractId, iccid, phoneNumber: uniqueNumber() });
    expect(again.errors).toBeUndefined();
  });

  it('a bad ICCID in a filter', async () => {
    const result = await service.gql('{ allSimCards(filter: { iccid: "123" }) { id } }');
    expectBadInput(result, 'filter.iccid');
  });

  it('a customer filter that is no id', async () => {
    expectBadInput(await service.gql('{ allContracts(filter: { customerId: "x" }) { id } }'), 'filter.customerId');
  });

  it('more than 500 customers in a filter', async () => {
    const ids = Array.from({ length: 501 }, () => '6f9619ff-8b86-4d01-b42d-00c04fc964ff');
    expectBadInput(await service.gql('query($ids: [ID!]) { allContracts(filter: { customerIds: $ids }) { id } }', { ids }), 'filter.customerIds');
    expectBadInput(await service.gql('query($ids: [ID!]) { allSimCards(filter: { customerIds: $ids }) { id } }', { ids }), 'filter.customerIds');
  });

  it('an unknown sort field', async () => {
    expectBadInput(await service.gql('{ allContracts(sortField: "monthlyValue") { id } }'), 'sortField');
  });
});
