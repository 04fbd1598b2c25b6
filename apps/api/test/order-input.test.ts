import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, onlyError, sql } from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';
import {
  activeCustomerIds,
  ADDRESS,
  advance,
  badChecksum,
  catalogue,
  createOrder,
  CREATE_ORDER,
  day,
  uniqueIccid,
  UPDATE_ORDER,
  writes,
  type Catalogue,
  type CreatedOrder,
} from './order-fixtures.js';

/**
 * Orders: values are computed, never typed; bad input of every kind gets BAD_USER_INPUT naming
 * the field (first in the message) and writes nothing; status changes follow the order's life;
 * every change is audited (field names only) and on the customer's history timeline.
 */
let app: TestApp;
let service: Client;
let dpo: Client;
let products: Catalogue;
let customerId: string;
let terminatedId: string;
let inactiveServiceId: string;
let takenIccid: string;

beforeAll(async () => {
  app = await startTestApp({ customers: 8 });
  service = await app.as('service');
  dpo = await app.as('dpo');
  products = await catalogue(app);
  customerId = (await activeCustomerIds(app, 1))[0]!;
  const ended = await dpo.gql<{ createCustomer: { id: string } }>(
    'mutation { createCustomer(kind: PRIVATE, name: "Päättynyt Asiakas", status: TERMINATED) { id } }',
  );
  expect(ended.errors).toBeUndefined();
  terminatedId = ended.data!.createCustomer.id;
  const admin = await app.as('admin');
  const retired = await admin.gql<{ createServiceProduct: { id: string } }>(
    'mutation { createServiceProduct(code: "MOB-OLD-3G", name: "Vanha 3G-liittymä", kind: MOBILE, monthlyPriceCents: 990, active: false) { id } }',
  );
  expect(retired.errors).toBeUndefined();
  inactiveServiceId = retired.data!.createServiceProduct.id;
  takenIccid = uniqueIccid();
  await createOrder(service, { customerId, deliveryDate: day(5), lines: [{ serviceProductId: products.mobile.id, quantity: 1 }], simIccids: [takenIccid] });
});
afterAll(() => app?.close());

const valid = () => ({
  customerId,
  deliveryDate: day(7),
  lines: [{ serviceProductId: products.mobile.id, quantity: 1 }],
  ...ADDRESS,
});

async function nothingWritten(run: () => Promise<GraphQLResponse<unknown>>) {
  const before = await writes(app);
  const result = await run();
  expect(await writes(app)).toEqual(before);
  return result;
}

describe('a new order', () => {
  it('values its lines from the catalogue unless a price is given, and sums them', async () => {
    const order = await createOrder(service, {
      ...valid(),
      lines: [
        { serviceProductId: products.mobile.id, quantity: 3 },
        { equipmentModelId: products.phone.id, quantity: 1 },
        { serviceProductId: products.broadband.id, quantity: 1, unitPriceCents: 1990 },
      ],
    });
    expect(order.lines).toEqual([
      { id: expect.any(String), lineNumber: 1, serviceProductId: products.mobile.id, equipmentModelId: null, quantity: 3, unitPriceCents: products.mobile.priceCents, totalCents: 3 * products.mobile.priceCents },
      { id: expect.any(String), lineNumber: 2, serviceProductId: null, equipmentModelId: products.phone.id, quantity: 1, unitPriceCents: products.phone.priceCents, totalCents: products.phone.priceCents },
      { id: expect.any(String), lineNumber: 3, serviceProductId: products.broadband.id, equipmentModelId: null, quantity: 1, unitPriceCents: 1990, totalCents: 1990 },
    ]);
    expect(order.valueCents).toBe(3 * products.mobile.priceCents + products.phone.priceCents + 1990);
    expect(order.status).toBe('NEW');
    expect(order.orderDate).toBe(day(0));
    const [row] = await sql<{ value_cents: number; lines: number }>(
      app,
      'select value_cents, (select count(*)::int from customer_order_line where order_id = o.id) as lines from customer_order o where id = ?',
      [order.id],
    );
    expect(row).toEqual({ value_cents: order.valueCents, lines: 3 });
  });

  it('gets the next order number from the sequence', async () => {
    const first = await createOrder(service, valid());
    const second = await createOrder(service, valid());
    expect(first.orderNumber).toBeGreaterThanOrEqual(100001);
    expect(second.orderNumber).toBe(first.orderNumber + 1);
  });

  it('is audited (field names, never values) and placed on the customer’s timeline, in the same transaction', async () => {
    const order = await createOrder(service, { ...valid(), simIccids: [uniqueIccid()] });
    const [event] = await sql<{ action: string; operation: string; subject_type: string; subject_id: string; fields: string[]; actor_type: string }>(
      app,
      `select action, operation, subject_type, subject_id, fields, actor_type from audit_event where action = 'create' order by seq desc limit 1`,
    );
    expect(event).toMatchObject({ action: 'create', operation: 'createOrder', subject_type: 'Order', subject_id: customerId, actor_type: 'staff' });
    expect(event!.fields).toEqual(
      ['collectedAt', 'customerId', 'deliveryCity', 'deliveryCountry', 'deliveryDate', 'deliveryPostalCode', 'deliveryStreetAddress', 'id', 'lines', 'orderDate', 'orderNumber', 'recipientName', 'simIccids', 'sourceType', 'status', 'valueCents'],
    );
    const [text] = await sql<{ row: string }>(app, `select row_to_json(a)::text as row from audit_event a where action = 'create' order by seq desc limit 1`);
    expect(text!.row).not.toContain(ADDRESS.deliveryStreetAddress);
    expect(text!.row).not.toContain(order.simIccids[0]);
    const history = await sql<{ kind: string; record_type: string; summary: string; after: Record<string, unknown>; staff_user_id: string }>(
      app,
      'select kind, record_type, summary, after, staff_user_id from customer_event where record_id = ?',
      [order.id],
    );
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'ORDER', record_type: 'Order', after: { status: 'NEW', valueCents: order.valueCents } });
    expect(history[0]!.summary).toContain(String(order.orderNumber));
    expect(history[0]!.staff_user_id).toEqual(expect.any(String));
  });
});

interface Case {
  name: string;
  field: string;
  variables: () => Record<string, unknown>;
  message?: RegExp;
}

const CREATE_CASES: Case[] = [
  { name: 'no customer', field: 'customerId', variables: () => ({ ...valid(), customerId: undefined }) },
  { name: 'a customer id that is not an id', field: 'customerId', variables: () => ({ ...valid(), customerId: 'asiakas-1' }) },
  { name: 'an unknown customer', field: 'customerId', variables: () => ({ ...valid(), customerId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff' }) },
  { name: 'a customer whose relationship has ended', field: 'customerId', variables: () => ({ ...valid(), customerId: terminatedId }), message: /TERMINATED/ },
  { name: 'no lines', field: 'lines', variables: () => ({ ...valid(), lines: undefined }) },
  { name: 'an empty list of lines', field: 'lines', variables: () => ({ ...valid(), lines: [] }) },
  {
    name: 'a line with both a service and equipment',
    field: 'lines.0.serviceProductId',
    variables: () => ({ ...valid(), lines: [{ serviceProductId: products.mobile.id, equipmentModelId: products.router.id, quantity: 1 }] }),
  },
  { name: 'a line with neither', field: 'lines.0.serviceProductId', variables: () => ({ ...valid(), lines: [{ quantity: 1 }] }) },
  {
    name: 'an unknown service',
    field: 'lines.0.serviceProductId',
    variables: () => ({ ...valid(), lines: [{ serviceProductId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff', quantity: 1 }] }),
  },
  {
    name: 'an unknown equipment model on the second line',
    field: 'lines.1.equipmentModelId',
    variables: () => ({
      ...valid(),
      lines: [{ serviceProductId: products.mobile.id, quantity: 1 }, { equipmentModelId: '6f9619ff-8b86-4d01-b42d-00c04fc964ff', quantity: 1 }],
    }),
  },
  {
    name: 'a service that can no longer be ordered',
    field: 'lines.0.serviceProductId',
    variables: () => ({ ...valid(), lines: [{ serviceProductId: inactiveServiceId, quantity: 1 }] }),
    message: /MOB-OLD-3G/,
  },
  { name: 'quantity 0', field: 'lines.0.quantity', variables: () => ({ ...valid(), lines: [{ serviceProductId: products.mobile.id, quantity: 0 }] }) },
  { name: 'no quantity', field: 'lines.0.quantity', variables: () => ({ ...valid(), lines: [{ serviceProductId: products.mobile.id }] }) },
  { name: 'quantity over 1000', field: 'lines.0.quantity', variables: () => ({ ...valid(), lines: [{ serviceProductId: products.mobile.id, quantity: 1001 }] }) },
  {
    name: 'a negative price',
    field: 'lines.0.unitPriceCents',
    variables: () => ({ ...valid(), lines: [{ serviceProductId: products.mobile.id, quantity: 1, unitPriceCents: -100 }] }),
  },
  {
    name: 'a line total over a million euros',
    field: 'lines.0.quantity',
    variables: () => ({ ...valid(), lines: [{ serviceProductId: products.mobile.id, quantity: 1000, unitPriceCents: 9_000_000 }] }),
  },
  { name: 'delivery before the order', field: 'deliveryDate', variables: () => ({ ...valid(), orderDate: day(-1), deliveryDate: day(-2) }) },
  { name: 'an order date in the future', field: 'orderDate', variables: () => ({ ...valid(), orderDate: day(1) }), message: /future/ },
  { name: 'an order date that does not exist', field: 'orderDate', variables: () => ({ ...valid(), orderDate: '2026-02-30' }) },
  { name: 'an order date before 2000', field: 'orderDate', variables: () => ({ ...valid(), orderDate: '1999-12-31' }) },
  { name: 'a Finnish postal code of four digits', field: 'deliveryPostalCode', variables: () => ({ ...valid(), deliveryPostalCode: '3310' }) },
  { name: 'a Finnish postal code with letters', field: 'deliveryPostalCode', variables: () => ({ ...valid(), deliveryPostalCode: 'FI-33100' }) },
  { name: 'a country in lower case', field: 'deliveryCountry', variables: () => ({ ...valid(), deliveryCountry: 'fi' }) },
  { name: 'a line break in the street address', field: 'deliveryStreetAddress', variables: () => ({ ...valid(), deliveryStreetAddress: 'Katu 1\nB 2' }) },
  { name: 'a recipient name of 201 characters', field: 'recipientName', variables: () => ({ ...valid(), recipientName: 'A'.repeat(201) }) },
  { name: 'a recipient name with spaces around it', field: 'recipientName', variables: () => ({ ...valid(), recipientName: ' Virtanen ' }) },
  { name: 'an ICCID with a wrong check digit', field: 'simIccids.0', variables: () => ({ ...valid(), simIccids: [badChecksum(uniqueIccid())] }), message: /check digit/ },
  { name: 'an ICCID that is not a SIM number', field: 'simIccids.0', variables: () => ({ ...valid(), simIccids: ['123456789012345678'] }), message: /89/ },
  { name: 'an ICCID with spaces', field: 'simIccids.0', variables: () => ({ ...valid(), simIccids: ['8935 8990 0000 0000 00'] }) },
  {
    name: 'the same ICCID twice',
    field: 'simIccids.1',
    variables: () => {
      const iccid = uniqueIccid();
      return { ...valid(), simIccids: [iccid, iccid] };
    },
  },
  {
    name: 'a SIM card already on another open order',
    field: 'simIccids.0',
    variables: () => ({ ...valid(), simIccids: [takenIccid] }),
    message: /already on open order/,
  },
  { name: 'an unknown enum value', field: 'sourceType', variables: () => ({ ...valid(), sourceType: 'RUMOUR' }) },
  { name: 'a partner source without the partner (dpo)', field: 'sourcePartner', variables: () => ({ ...valid(), sourceType: 'PARTNER' }) },
];

describe('bad input on create: BAD_USER_INPUT naming the field, nothing written', () => {
  for (const c of CREATE_CASES) {
    it(c.name, async () => {
      const client = c.field.startsWith('source') ? dpo : service;
      const result = await nothingWritten(() => client.gql(CREATE_ORDER, c.variables()));
      const error = expectBadInput(result, c.field);
      if (c.message) expect(error.message).toMatch(c.message);
    });
  }

  it('every problem at once, so they can all be fixed in one go', async () => {
    const result = await nothingWritten(() =>
      service.gql(CREATE_ORDER, { ...valid(), deliveryPostalCode: '123', lines: [{ serviceProductId: products.mobile.id, quantity: 0 }], simIccids: ['89'] }),
    );
    const error = onlyError(result, 'BAD_USER_INPUT');
    const problems = (error.extensions?.problems as { field: string }[]).map((p) => p.field).sort();
    expect(problems).toEqual(['deliveryPostalCode', 'lines.0.quantity', 'simIccids.0']);
  });

  it('a foreign postal code is checked loosely, not as a Finnish one', async () => {
    const order = await createOrder(service, { ...valid(), deliveryCountry: 'SE', deliveryPostalCode: '114 55', deliveryCity: 'STOCKHOLM' });
    expect(order.id).toEqual(expect.any(String));
  });
});

describe('the life of an order', () => {
  let order: CreatedOrder;
  beforeAll(async () => {
    order = await createOrder(service, { ...valid(), orderDate: day(-5), deliveryDate: day(2), simIccids: [uniqueIccid()] });
  });

  const update = (variables: Record<string, unknown>) => service.gql<{ updateOrder: Record<string, unknown> }>(UPDATE_ORDER, variables);

  it('goes NEW → CONFIRMED → IN_DELIVERY → DELIVERED, the delivery date defaulting to today', async () => {
    await advance(service, order.id, 'CONFIRMED');
    const back = await nothingWritten(() => update({ id: order.id, status: 'NEW' }));
    expect(expectBadInput(back, 'status').message).toMatch(/CONFIRMED cannot become NEW/);
    const early = await nothingWritten(() => update({ id: order.id, deliveredAt: day(0) }));
    expectBadInput(early, 'deliveredAt');
    await advance(service, order.id, 'IN_DELIVERY');
    const sims = await nothingWritten(() => update({ id: order.id, simIccids: [uniqueIccid()] }));
    expect(expectBadInput(sims, 'simIccids').message).toMatch(/IN_DELIVERY/);
    const future = await nothingWritten(() => update({ id: order.id, status: 'DELIVERED', deliveredAt: day(1) }));
    expectBadInput(future, 'deliveredAt');
    const beforeOrder = await nothingWritten(() => update({ id: order.id, status: 'DELIVERED', deliveredAt: day(-6) }));
    expectBadInput(beforeOrder, 'deliveredAt');
    const delivered = await update({ id: order.id, status: 'DELIVERED' });
    expect(delivered.errors).toBeUndefined();
    expect(delivered.data!.updateOrder).toMatchObject({ status: 'DELIVERED', deliveredAt: day(0) });
    const [event] = await sql<{ fields: string[]; operation: string; subject_id: string }>(
      app,
      `select fields, operation, subject_id from audit_event where action = 'update' order by seq desc limit 1`,
    );
    expect(event).toEqual({ fields: ['deliveredAt', 'status'], operation: 'updateOrder', subject_id: customerId });
    const timeline = await sql<{ after: { status: string } }>(app, `select after from customer_event where record_id = ? order by at`, [order.id]);
    expect(timeline.map((e) => e.after.status)).toEqual(['NEW', 'CONFIRMED', 'IN_DELIVERY', 'DELIVERED']);
  });

  it('a delivered order is final: any change is refused, naming the order', async () => {
    const result = await nothingWritten(() => update({ id: order.id, deliveryCity: 'ESPOO' }));
    expect(expectBadInput(result, 'id').message).toMatch(/DELIVERED/);
    expectBadInput(await nothingWritten(() => update({ id: order.id, status: 'CANCELLED' })), 'id');
  });

  it('a cancelled order is final too', async () => {
    const other = await createOrder(service, valid());
    await advance(service, other.id, 'CANCELLED');
    expectBadInput(await nothingWritten(() => update({ id: other.id, status: 'CONFIRMED' })), 'id');
  });

  it('IN_DELIVERY needs a complete delivery address', async () => {
    const bare = await createOrder(service, { customerId, deliveryDate: day(3), lines: [{ equipmentModelId: products.router.id, quantity: 1 }], deliveryCity: 'OULU' });
    const result = await nothingWritten(() => update({ id: bare.id, status: 'IN_DELIVERY' }));
    expect(expectBadInput(result, 'status').message).toMatch(/deliveryStreetAddress, deliveryPostalCode, recipientName/);
    // Giving the address in the same change is enough.
    const ok = await update({ id: bare.id, status: 'IN_DELIVERY', deliveryStreetAddress: 'Isokatu 1', deliveryPostalCode: '90100', recipientName: 'Oulun Vastaanottaja' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateOrder.status).toBe('IN_DELIVERY');
  });

  it('refuses a delivery date before the order date, and a country that does not fit the postal code', async () => {
    const open = await createOrder(service, { ...valid(), orderDate: day(-2) });
    expectBadInput(await nothingWritten(() => update({ id: open.id, deliveryDate: day(-3) })), 'deliveryDate');
    const abroad = await createOrder(service, { ...valid(), deliveryCountry: 'SE', deliveryPostalCode: '114 55' });
    const fi = await nothingWritten(() => update({ id: abroad.id, deliveryCountry: 'FI' }));
    expectBadInput(fi, 'deliveryPostalCode');
    const moved = await update({ id: abroad.id, deliveryCountry: 'FI', deliveryPostalCode: '00100' });
    expect(moved.data!.updateOrder).toMatchObject({ deliveryCountry: 'FI', deliveryPostalCode: '00100' });
  });

  it('SIM cards may change while the order is NEW or CONFIRMED; a taken one is refused', async () => {
    const open = await createOrder(service, valid());
    expectBadInput(await nothingWritten(() => update({ id: open.id, simIccids: [takenIccid] })), 'simIccids.0');
    const fresh = uniqueIccid();
    const result = await update({ id: open.id, simIccids: [fresh] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateOrder.simIccids).toEqual([fresh]);
  });

  it('an unchanged update writes nothing; an unknown order is NOT_FOUND; an unknown status is bad input', async () => {
    const open = await createOrder(service, valid());
    const same = await nothingWritten(() => update({ id: open.id, status: 'NEW', deliveryCity: ADDRESS.deliveryCity }));
    expect(same.errors).toBeUndefined();
    onlyError(await update({ id: '6f9619ff-8b86-4d01-b42d-00c04fc964ff', status: 'CONFIRMED' }), 'NOT_FOUND');
    const shipped = await nothingWritten(() => service.gql(`mutation($id: ID!) { updateOrder(id: $id, status: SHIPPED) { id } }`, { id: open.id }));
    expect(onlyError(shipped, 'BAD_USER_INPUT').extensions?.field).toBe('status');
  });

  it('the delivered date of a cancelled order stays empty (the database agrees)', async () => {
    const [row] = await sql<{ n: number }>(
      app,
      `select count(*)::int as n from customer_order where (status = 'DELIVERED') <> (delivered_at is not null)`,
    );
    expect(row!.n).toBe(0);
  });
});

describe('an order taken before its delivery date is agreed', () => {
  const update = (variables: Record<string, unknown>) =>
    service.gql<{ updateOrder: { id: string; status: string; deliveryDate: string | null } }>(UPDATE_ORDER, variables);
  const stored = async (id: string) =>
    (await sql<{ delivery_date: string | null }>(app, 'select delivery_date::text from customer_order where id = ?', [id]))[0]!.delivery_date;

  it('is created without a delivery date, which is set, moved and emptied while the order is NEW or CONFIRMED', async () => {
    const order = await createOrder(service, { ...valid(), deliveryDate: undefined });
    expect(order.deliveryDate).toBeNull();
    expect(await stored(order.id)).toBeNull();
    const [created] = await sql<{ fields: string[] }>(
      app, `select fields from audit_event where operation = 'createOrder' and action = 'create' and subject_id = ? order by seq desc limit 1`, [customerId]);
    expect(created!.fields).not.toContain('deliveryDate');

    const set = await update({ id: order.id, deliveryDate: day(4) });
    expect(set.errors).toBeUndefined();
    expect(await stored(order.id)).toBe(day(4));
    const [event] = await sql<{ summary: string }>(
      app, `select summary from customer_event where record_id = ? order by at desc limit 1`, [order.id]);
    expect(event!.summary).toMatch(/delivery date not set → /);

    await advance(service, order.id, 'CONFIRMED');
    const emptied = await update({ id: order.id, deliveryDate: null });
    expect(emptied.errors).toBeUndefined();
    expect(await stored(order.id)).toBeNull();
  });

  it('goes into delivery only with a delivery date, and keeps it from then on', async () => {
    const order = await createOrder(service, { ...valid(), deliveryDate: undefined });
    const refused = await nothingWritten(() => update({ id: order.id, status: 'IN_DELIVERY' }));
    expect(expectBadInput(refused, 'status').message).toMatch(/missing: deliveryDate/);
    const moving = await update({ id: order.id, status: 'IN_DELIVERY', deliveryDate: day(1) });
    expect(moving.errors).toBeUndefined();
    expect(await stored(order.id)).toBe(day(1));
    const emptied = await nothingWritten(() => update({ id: order.id, deliveryDate: null }));
    expect(expectBadInput(emptied, 'deliveryDate').message).toMatch(/cannot be emptied once the order is IN_DELIVERY/);
    expect(await stored(order.id)).toBe(day(1));
  });

  it('still refuses a delivery date before the order date', async () => {
    const result = await nothingWritten(() =>
      service.gql(CREATE_ORDER, { ...valid(), orderDate: day(-1), deliveryDate: day(-2) }),
    );
    expect(expectBadInput(result, 'deliveryDate').message).toMatch(/before the order date/);
  });
});
