import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorAt, expectBadInput, onlyError, sql } from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';
import {
  activeCustomerIds,
  ADDRESS,
  badChecksum,
  catalogue,
  day,
  QUOTATION_FIELDS,
  QUOTATION_LINE_FIELDS,
  QUOTATION_SELECTION,
  uniqueIccid,
  writes,
  type Catalogue,
} from './order-fixtures.js';

/**
 * Quotations: `sales` makes them, `service` and `billing` read them, `dpo` reads and writes;
 * marketing, analyst, admin and partners see none. A SENT or ACCEPTED quotation that has not
 * expired converts into an order with its lines and prices, once, in one transaction.
 */
type Row = Record<string, unknown>;
interface Quotation {
  id: string;
  quotationNumber: number;
  status: string;
  totalCents: number;
  validUntil: string;
  quotationDate: string;
  preparedById: string | null;
  preparedByName: string | null;
  lines: { quantity: number; unitPriceCents: number; totalCents: number; serviceProductId: string | null; equipmentModelId: string | null }[];
}

const CREATE = `mutation($customerId: ID, $quotationDate: LocalDate, $validUntil: LocalDate, $status: QuotationStatus,
  $lines: [QuotationLineInput!], $sourceType: DataSource, $sourcePartner: String) {
  createQuotation(customerId: $customerId, quotationDate: $quotationDate, validUntil: $validUntil, status: $status, lines: $lines,
    sourceType: $sourceType, sourcePartner: $sourcePartner) {
    id quotationNumber status totalCents validUntil quotationDate preparedById preparedByName
    lines { quantity unitPriceCents totalCents serviceProductId equipmentModelId }
  }
}`;
const UPDATE = `mutation($id: ID!, $status: QuotationStatus, $validUntil: LocalDate, $lines: [QuotationLineInput!]) {
  updateQuotation(id: $id, status: $status, validUntil: $validUntil, lines: $lines) {
    id status totalCents validUntil lines { quantity unitPriceCents totalCents }
  }
}`;
const CONVERT = `mutation($quotationId: ID!, $orderDate: LocalDate, $deliveryDate: LocalDate, $simIccids: [String!],
  $deliveryStreetAddress: String, $deliveryPostalCode: String, $deliveryCity: String, $recipientName: String) {
  convertQuotationToOrder(quotationId: $quotationId, orderDate: $orderDate, deliveryDate: $deliveryDate, simIccids: $simIccids,
    deliveryStreetAddress: $deliveryStreetAddress, deliveryPostalCode: $deliveryPostalCode, deliveryCity: $deliveryCity,
    recipientName: $recipientName) {
    id status valueCents quotationId customerId lines { serviceProductId equipmentModelId quantity unitPriceCents totalCents }
  }
}`;

let app: TestApp;
let products: Catalogue;
let customerId: string;
let salesUserId: string;
const clients = new Map<string, Client>();
const as = async (role: string) => {
  let client = clients.get(role);
  if (!client) {
    client = await app.as(role);
    clients.set(role, client);
  }
  return client;
};

const lines = () => [
  { serviceProductId: products.broadband.id, quantity: 1, unitPriceCents: 2990 },
  { equipmentModelId: products.router.id, quantity: 1 },
];

async function quotation(role = 'sales', variables: Record<string, unknown> = {}): Promise<Quotation> {
  const result = await (await as(role)).gql<{ createQuotation: Quotation }>(CREATE, {
    customerId,
    validUntil: day(14),
    lines: lines(),
    ...variables,
  });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.createQuotation;
}

async function nothingWritten(run: () => Promise<GraphQLResponse<unknown>>) {
  const before = await writes(app);
  const result = await run();
  expect(await writes(app)).toEqual(before);
  return result;
}

beforeAll(async () => {
  app = await startTestApp({ customers: 6 });
  products = await catalogue(app);
  customerId = (await activeCustomerIds(app, 1))[0]!;
  const [user] = await sql<{ id: string }>(app, `select id from staff_user where username = 'sales'`);
  salesUserId = user!.id;
});
afterAll(() => app?.close());

describe('making a quotation', () => {
  it('sales makes one: numbered, priced from the catalogue or by hand, totalled, signed by its maker', async () => {
    const q = await quotation();
    expect(q).toMatchObject({
      status: 'DRAFT',
      quotationDate: day(0),
      validUntil: day(14),
      preparedById: salesUserId,
      preparedByName: 'Demo sales',
      totalCents: 2990 + products.router.priceCents,
    });
    expect(q.quotationNumber).toBeGreaterThanOrEqual(500001);
    expect(q.lines).toEqual([
      { quantity: 1, unitPriceCents: 2990, totalCents: 2990, serviceProductId: products.broadband.id, equipmentModelId: null },
      { quantity: 1, unitPriceCents: products.router.priceCents, totalCents: products.router.priceCents, serviceProductId: null, equipmentModelId: products.router.id },
    ]);
    const [event] = await sql<{ operation: string; subject_type: string; subject_id: string; fields: string[] }>(
      app,
      `select operation, subject_type, subject_id, fields from audit_event where action = 'create' order by seq desc limit 1`,
    );
    expect(event).toMatchObject({ operation: 'createQuotation', subject_type: 'Quotation', subject_id: customerId });
    expect(event!.fields).toEqual(expect.arrayContaining(['lines', 'totalCents', 'validUntil', 'preparedById']));
    const history = await sql<{ kind: string }>(app, 'select kind from customer_event where record_id = ?', [q.id]);
    expect(history).toEqual([{ kind: 'QUOTATION' }]);
  });

  const BAD: [string, string, () => Record<string, unknown>][] = [
    ['no validity', 'validUntil', () => ({ validUntil: null })],
    ['valid until before its date', 'validUntil', () => ({ quotationDate: day(-3), validUntil: day(-4) })],
    ['dated in the future', 'quotationDate', () => ({ quotationDate: day(2), validUntil: day(20) })],
    ['made ACCEPTED', 'status', () => ({ status: 'ACCEPTED' })],
    ['made CONVERTED', 'status', () => ({ status: 'CONVERTED' })],
    ['no lines', 'lines', () => ({ lines: [] })],
    ['a line of quantity 0', 'lines.1.quantity', () => ({ lines: [{ serviceProductId: products.mobile.id, quantity: 1 }, { serviceProductId: products.broadband.id, quantity: 0 }] })],
    ['an unknown customer', 'customerId', () => ({ customerId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff' })],
  ];
  for (const [name, field, variables] of BAD) {
    it(`bad input: ${name} → ${field}, nothing written`, async () => {
      const sales = await as('sales');
      const result = await nothingWritten(() => sales.gql(CREATE, { customerId, validUntil: day(14), lines: lines(), ...variables() }));
      expectBadInput(result, field);
    });
  }
});

describe('who reads and writes quotations', () => {
  let id: string;
  beforeAll(async () => {
    id = (await quotation('dpo', { sourceType: 'PARTNER', sourcePartner: 'Elisa jälleenmyyjät' })).id;
  });

  for (const role of ['service', 'sales', 'billing', 'dpo']) {
    it(`${role} reads every field of a quotation and its lines`, async () => {
      const result = await (await as(role)).gql<{ Quotation: Row; allQuotations: Row[] }>(
        `query($id: ID!) { Quotation(id: $id) { ${QUOTATION_SELECTION} } allQuotations(perPage: 100) { id } }`,
        { id },
      );
      expect(result.errors).toBeUndefined();
      const row = result.data!.Quotation;
      for (const field of QUOTATION_FIELDS.filter((f) => !['preparedById', 'preparedByName'].includes(f))) {
        expect(row[field], `${field} for ${role}`).not.toBeNull();
      }
      for (const line of row.lines as Row[]) {
        for (const field of QUOTATION_LINE_FIELDS.filter((f) => !['serviceProductId', 'equipmentModelId'].includes(f))) {
          expect(line[field], `${field} for ${role}`).not.toBeNull();
        }
      }
      expect(result.data!.allQuotations.map((q) => q.id)).toContain(id);
    });
  }

  for (const role of ['marketing', 'analyst', 'admin']) {
    it(`${role}: every quotation query is FORBIDDEN`, async () => {
      const client = await as(role);
      expect(onlyError(await client.gql('{ allQuotations { id } }'), 'FORBIDDEN').path).toEqual(['allQuotations']);
      expect(onlyError(await client.gql(`query($id: ID!) { Quotation(id: $id) { id } }`, { id }), 'FORBIDDEN').path).toEqual(['Quotation']);
      onlyError(await client.gql('{ _allQuotationsMeta { count } }'), 'FORBIDDEN');
    });
  }

  for (const role of ['service', 'billing', 'marketing', 'analyst', 'admin']) {
    it(`${role} may not make, change or convert a quotation: FORBIDDEN, nothing written`, async () => {
      const client = await as(role);
      const before = await writes(app);
      onlyError(await client.gql(CREATE, { customerId, validUntil: day(14), lines: lines() }), 'FORBIDDEN');
      onlyError(await client.gql(UPDATE, { id, status: 'SENT' }), 'FORBIDDEN');
      onlyError(await client.gql(CONVERT, { quotationId: id, deliveryDate: day(5) }), 'FORBIDDEN');
      expect(await writes(app)).toEqual(before);
    });
  }

  it('the delivery partner sees no quotation and converts none', async () => {
    const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'q', scopes: ['delivery'], createdBy: null });
    const partner = app.partner(key);
    onlyError(await partner.gql('{ allQuotations { id } }'), 'FORBIDDEN');
    onlyError(await partner.gql(CONVERT, { quotationId: id, deliveryDate: day(5) }), 'FORBIDDEN');
  });

  it('only the dpo records provenance: sales may not set the source', async () => {
    const sales = await as('sales');
    const result = await nothingWritten(() =>
      sales.gql(CREATE, { customerId, validUntil: day(14), lines: lines(), sourceType: 'PARTNER', sourcePartner: 'Elisa jälleenmyyjät' }),
    );
    expect(onlyError(result, 'FORBIDDEN').extensions?.field).toBe('sourceType');
  });

  it('filters by customer and status', async () => {
    const sales = await as('sales');
    const result = await sales.gql<{ allQuotations: Row[] }>(
      `query($c: ID) { allQuotations(filter: { customerId: $c, status: DRAFT }, perPage: 100) { customerId status } }`,
      { c: customerId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.allQuotations.length).toBeGreaterThan(0);
    expect(result.data!.allQuotations.every((q) => q.customerId === customerId && q.status === 'DRAFT')).toBe(true);
  });

  it('service reading a quotation is audited against the customer', async () => {
    const service = await as('service');
    const [latest] = await sql<{ last: string }>(app, 'select max(seq)::text as last from audit_event');
    const result = await service.gql(`query($id: ID!) { Quotation(id: $id) { totalCents validUntil } }`, { id });
    expect(result.errors).toBeUndefined();
    const events = await sql<{ subject_type: string; subject_id: string; fields: string[] }>(
      app,
      'select subject_type, subject_id, fields from audit_event where seq > ?',
      [latest!.last],
    );
    expect(events).toEqual([{ subject_type: 'Quotation', subject_id: customerId, fields: ['totalCents', 'validUntil'] }]);
  });
});

describe('the life of a quotation', () => {
  const update = async (variables: Record<string, unknown>) =>
    (await as('sales')).gql<{ updateQuotation: Row }>(UPDATE, variables);

  it('a DRAFT’s lines can be replaced, and the total follows', async () => {
    const q = await quotation();
    const result = await update({ id: q.id, lines: [{ serviceProductId: products.mobile.id, quantity: 4 }] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateQuotation).toMatchObject({ totalCents: 4 * products.mobile.priceCents, lines: [{ quantity: 4 }] });
    const [row] = await sql<{ n: number }>(app, 'select count(*)::int as n from quotation_line where quotation_id = ?', [q.id]);
    expect(row!.n).toBe(1);
  });

  it('goes DRAFT → SENT → ACCEPTED; a sent one keeps its lines; wrong moves are refused', async () => {
    const q = await quotation();
    expectBadInput(await nothingWritten(() => update({ id: q.id, status: 'ACCEPTED' })), 'status');
    expect((await update({ id: q.id, status: 'SENT' })).errors).toBeUndefined();
    const lines = await nothingWritten(() => update({ id: q.id, lines: [{ serviceProductId: products.mobile.id, quantity: 1 }] }));
    expect(expectBadInput(lines, 'lines').message).toMatch(/SENT/);
    const converted = await nothingWritten(() => update({ id: q.id, status: 'CONVERTED' }));
    expect(expectBadInput(converted, 'status').message).toMatch(/convertQuotationToOrder/);
    expectBadInput(await nothingWritten(() => update({ id: q.id, validUntil: day(-1) })), 'validUntil');
    expect((await update({ id: q.id, status: 'ACCEPTED' })).errors).toBeUndefined();
    const [event] = await sql<{ fields: string[]; operation: string }>(
      app,
      `select fields, operation from audit_event where action = 'update' order by seq desc limit 1`,
    );
    expect(event).toEqual({ fields: ['status'], operation: 'updateQuotation' });
  });

  it('a rejected quotation is final', async () => {
    const q = await quotation('sales', { status: 'SENT' });
    expect((await update({ id: q.id, status: 'REJECTED' })).errors).toBeUndefined();
    expect(expectBadInput(await nothingWritten(() => update({ id: q.id, status: 'SENT' })), 'id').message).toMatch(/REJECTED/);
  });

  it('an expired one can no longer be accepted', async () => {
    const q = await quotation('sales', { status: 'SENT', quotationDate: day(-40), validUntil: day(-10) });
    expect(expectBadInput(await nothingWritten(() => update({ id: q.id, status: 'ACCEPTED' })), 'status').message).toMatch(/valid until/);
  });

  it('an unknown quotation is NOT_FOUND', async () => {
    onlyError(await update({ id: '6f9619ff-8b86-4d01-b42d-00c04fc964ff', status: 'SENT' }), 'NOT_FOUND');
  });
});

describe('converting a quotation into an order', () => {
  const convert = async (variables: Record<string, unknown>, role = 'sales') =>
    (await as(role)).gql<{ convertQuotationToOrder: Row }>(CONVERT, { deliveryDate: day(5), ...ADDRESS, ...variables });

  it('makes a NEW order with the quoted lines and prices, links it, and marks the quotation CONVERTED — all audited', async () => {
    const q = await quotation('sales', { status: 'SENT' });
    const sims = [uniqueIccid()];
    const [latest] = await sql<{ last: string }>(app, 'select max(seq)::text as last from audit_event');
    const result = await convert({ quotationId: q.id, simIccids: sims });
    expect(result.errors).toBeUndefined();
    const order = result.data!.convertQuotationToOrder;
    expect(order).toMatchObject({ status: 'NEW', quotationId: q.id, customerId, valueCents: q.totalCents });
    expect(order.lines).toEqual(
      q.lines.map((line) => ({ serviceProductId: line.serviceProductId, equipmentModelId: line.equipmentModelId, quantity: line.quantity, unitPriceCents: line.unitPriceCents, totalCents: line.totalCents })),
    );
    const [row] = await sql<{ status: string }>(app, 'select status from quotation where id = ?', [q.id]);
    expect(row!.status).toBe('CONVERTED');
    const events = await sql<{ action: string; subject_type: string; operation: string; subject_id: string }>(
      app,
      `select action, subject_type, operation, subject_id from audit_event where seq > ? and action <> 'read' order by seq`,
      [latest!.last],
    );
    expect(events).toEqual([
      { action: 'create', subject_type: 'Order', operation: 'convertQuotationToOrder', subject_id: customerId },
      { action: 'update', subject_type: 'Quotation', operation: 'convertQuotationToOrder', subject_id: customerId },
    ]);
    const history = await sql<{ record_type: string }>(app, 'select record_type from customer_event where record_id in (?, ?) order by record_type', [q.id, order.id as string]);
    expect(history.map((h) => h.record_type)).toEqual(['Order', 'Quotation', 'Quotation']);
  });

  it('converts without a delivery date when none is agreed yet', async () => {
    const q = await quotation('sales', { status: 'SENT' });
    const result = await convert({ quotationId: q.id, deliveryDate: null });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const [row] = await sql<{ delivery_date: string | null; status: string }>(
      app, 'select delivery_date, status from customer_order where quotation_id = ?', [q.id]);
    expect(row).toEqual({ delivery_date: null, status: 'NEW' });
  });

  it('converts once: a second conversion is refused and writes nothing', async () => {
    const q = await quotation('dpo', { status: 'SENT' });
    expect((await convert({ quotationId: q.id }, 'dpo')).errors).toBeUndefined();
    const again = await nothingWritten(() => convert({ quotationId: q.id }, 'dpo'));
    expect(expectBadInput(again, 'quotationId').message).toMatch(/already been converted/);
  });

  it('only a SENT or ACCEPTED quotation that has not expired converts', async () => {
    const draft = await quotation();
    expect(expectBadInput(await nothingWritten(() => convert({ quotationId: draft.id })), 'quotationId').message).toMatch(/DRAFT/);
    const expired = await quotation('sales', { status: 'SENT', quotationDate: day(-60), validUntil: day(-1) });
    expect(expectBadInput(await nothingWritten(() => convert({ quotationId: expired.id })), 'quotationId').message).toMatch(/valid until/);
  });

  it('bad order input: the quotation stays SENT and no order is written', async () => {
    const q = await quotation('sales', { status: 'SENT' });
    expectBadInput(await nothingWritten(() => convert({ quotationId: q.id, deliveryPostalCode: '123' })), 'deliveryPostalCode');
    expectBadInput(await nothingWritten(() => convert({ quotationId: q.id, deliveryDate: day(-1) })), 'deliveryDate');
    expectBadInput(await nothingWritten(() => convert({ quotationId: q.id, simIccids: [badChecksum(uniqueIccid())] })), 'simIccids.0');
    expectBadInput(await nothingWritten(() => convert({ quotationId: q.id, orderDate: day(-1) })), 'orderDate');
    const [row] = await sql<{ status: string }>(app, 'select status from quotation where id = ?', [q.id]);
    expect(row!.status).toBe('SENT');
  });

  it('an unknown quotation is NOT_FOUND; a malformed id is bad input', async () => {
    onlyError(await convert({ quotationId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff' }), 'NOT_FOUND');
    expectBadInput(await convert({ quotationId: 'tarjous-1' }), 'quotationId');
  });

  it('service may read the converted order but not convert (it does not write quotations)', async () => {
    const q = await quotation('sales', { status: 'SENT' });
    const result = await nothingWritten(() => convert({ quotationId: q.id }, 'service'));
    onlyError(result, 'FORBIDDEN');
    expect(errorAt(result, ['convertQuotationToOrder'])).toBeDefined();
  });
});
