import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, errorAt, onlyError, sql } from './support/helpers.js';
import type { Client, GraphQLResponse, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';
import {
  activeCustomerIds,
  ADDRESS,
  advance,
  catalogue,
  createOrder,
  CREATE_ORDER,
  day,
  DELIVERY_ONLY_FIELDS,
  ORDER_FIELDS,
  ORDER_LINE_FIELDS,
  ORDER_SELECTION,
  PARTNER_ORDER_FIELDS,
  uniqueIccid,
  UPDATE_ORDER,
  type Catalogue,
} from './order-fixtures.js';

/**
 * Issue 3's access to orders, through the real server: `service` and `sales` read and write,
 * `billing` reads what it invoices (not the delivery address, recipient or SIM numbers), `dpo`
 * reads and writes; marketing, analyst and admin see nothing. The delivery partner is in
 * delivery-partner.test.ts.
 */
type Row = Record<string, unknown>;
const COMMERCIAL = ORDER_FIELDS.filter((field) => !(DELIVERY_ONLY_FIELDS as readonly string[]).includes(field));
const READS: Record<'service' | 'sales' | 'billing' | 'dpo', readonly string[]> = {
  service: ORDER_FIELDS,
  sales: ORDER_FIELDS,
  billing: COMMERCIAL,
  dpo: ORDER_FIELDS,
};
const NON_READERS = ['marketing', 'analyst', 'admin'] as const;

let app: TestApp;
let products: Catalogue;
let customerId: string;
let fullOrderId: string;
let quotationId: string;
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

beforeAll(async () => {
  app = await startTestApp({ customers: 8 });
  products = await catalogue(app);
  customerId = (await activeCustomerIds(app, 1))[0]!;
  // Every field filled: converted from a quotation that came from a partner register (the dpo
  // records provenance), with address and SIMs, and delivered.
  const dpo = await as('dpo');
  const quotation = await dpo.gql<{ createQuotation: { id: string } }>(
    `mutation($customerId: ID, $lines: [QuotationLineInput!], $from: LocalDate, $validUntil: LocalDate) {
      createQuotation(customerId: $customerId, lines: $lines, quotationDate: $from, validUntil: $validUntil, status: SENT,
        sourceType: PARTNER, sourcePartner: "Verkkokauppa Partner") { id } }`,
    {
      customerId,
      lines: [{ serviceProductId: products.mobile.id, quantity: 2 }, { equipmentModelId: products.router.id, quantity: 1 }],
      from: day(-4),
      validUntil: day(10),
    },
  );
  expect(quotation.errors).toBeUndefined();
  quotationId = quotation.data!.createQuotation.id;
  const converted = await dpo.gql<{ convertQuotationToOrder: { id: string } }>(
    `mutation($q: ID!, $orderDate: LocalDate, $deliveryDate: LocalDate, $sims: [String!], $street: String, $postal: String,
      $city: String, $recipient: String) {
      convertQuotationToOrder(quotationId: $q, orderDate: $orderDate, deliveryDate: $deliveryDate, simIccids: $sims,
        deliveryStreetAddress: $street, deliveryPostalCode: $postal, deliveryCity: $city, recipientName: $recipient) { id } }`,
    {
      q: quotationId,
      orderDate: day(-3),
      deliveryDate: day(-1),
      sims: [uniqueIccid(), uniqueIccid()],
      street: ADDRESS.deliveryStreetAddress,
      postal: ADDRESS.deliveryPostalCode,
      city: ADDRESS.deliveryCity,
      recipient: ADDRESS.recipientName,
    },
  );
  expect(converted.errors).toBeUndefined();
  fullOrderId = converted.data!.convertQuotationToOrder.id;
  await advance(dpo, fullOrderId, 'CONFIRMED', 'IN_DELIVERY', 'DELIVERED');
  const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'orders', scopes: ['delivery'], createdBy: null });
  delivery = app.partner(key);
});
afterAll(() => app?.close());

/** Readable fields: no error. Denied fields: null with FORBIDDEN at exactly that path. */
function checkRow(result: GraphQLResponse<unknown>, row: Row, path: (string | number)[], fields: readonly string[], readable: readonly string[]) {
  for (const field of fields) {
    const error = errorAt(result, [...path, field]);
    if (readable.includes(field)) {
      expect(error, `${field} should be readable`).toBeUndefined();
    } else {
      expect(row[field], `${field} should be denied`).toBeNull();
      expect(error?.extensions?.code, `${field} should be denied with FORBIDDEN`).toBe('FORBIDDEN');
    }
  }
}

describe('reading orders, role by role', () => {
  for (const [role, readable] of Object.entries(READS)) {
    it(`${role}: Order(id) returns exactly the fields of its column, lines included`, async () => {
      const client = await as(role);
      const result = await client.gql<{ Order: Row }>(`query($id: ID!) { Order(id: $id) { ${ORDER_SELECTION} } }`, { id: fullOrderId });
      const row = result.data!.Order;
      expect(row.id).toBe(fullOrderId);
      checkRow(result, row, ['Order'], ORDER_FIELDS, readable);
      // Every readable field of the fully filled order has a value.
      for (const field of readable) expect(row[field], `${field} for ${role}`).not.toBeNull();
      expect(result.errors ?? []).toHaveLength(ORDER_FIELDS.length - readable.length);
      const lines = row.lines as Row[];
      expect(lines).toHaveLength(2);
      lines.forEach((line, index) => checkRow(result, line, ['Order', 'lines', index], ORDER_LINE_FIELDS, ORDER_LINE_FIELDS));
      expect(lines.map((line) => line.customerId)).toEqual([customerId, customerId]);
    });

    it(`${role}: allOrders lists every order`, async () => {
      const client = await as(role);
      const result = await client.gql<{ allOrders: Row[]; _allOrdersMeta: { count: number } }>(
        `{ allOrders(perPage: 100) { id valueCents status } _allOrdersMeta { count } }`,
      );
      expect(result.errors).toBeUndefined();
      const total = await countRows(app, 'customer_order');
      expect(result.data!.allOrders).toHaveLength(total);
      expect(result.data!._allOrdersMeta.count).toBe(total);
    });
  }

  it('billing does not read the delivery address, the recipient or the SIM numbers (least privilege)', async () => {
    const billing = await as('billing');
    const result = await billing.gql<{ Order: Row }>(
      `query($id: ID!) { Order(id: $id) { valueCents deliveryStreetAddress recipientName simIccids } }`,
      { id: fullOrderId },
    );
    expect(result.data!.Order).toEqual({ valueCents: 2 * products.mobile.priceCents + products.router.priceCents, deliveryStreetAddress: null, recipientName: null, simIccids: null });
    expect(result.errors?.map((e) => e.path?.join('.')).sort()).toEqual(['Order.deliveryStreetAddress', 'Order.recipientName', 'Order.simIccids']);
  });

  for (const role of NON_READERS) {
    it(`${role}: every order query is FORBIDDEN as a whole`, async () => {
      const client = await as(role);
      const list = await client.gql(`{ allOrders { id } }`);
      expect(list.data).toBeNull();
      expect(onlyError(list, 'FORBIDDEN').path).toEqual(['allOrders']);
      const one = await client.gql(`query($id: ID!) { Order(id: $id) { id status } }`, { id: fullOrderId });
      expect(one.data).toEqual({ Order: null });
      expect(onlyError(one, 'FORBIDDEN').path).toEqual(['Order']);
      const meta = await client.gql('{ _allOrdersMeta { count } }');
      expect(onlyError(meta, 'FORBIDDEN').path).toEqual(['_allOrdersMeta']);
    });
  }

  it('anonymous callers are told to sign in', async () => {
    const result = await app.anonymous().gql(`{ allOrders { id } }`);
    expect(onlyError(result, 'UNAUTHENTICATED').path).toEqual(['allOrders']);
  });

  it('reading an order is audited per data subject with the personal fields read (names only)', async () => {
    const sales = await as('sales');
    const [latest] = await sql<{ last: string }>(app, 'select max(seq)::text as last from audit_event');
    const result = await sales.gql(`query($id: ID!) { Order(id: $id) { id valueCents deliveryStreetAddress lines { quantity } } }`, { id: fullOrderId });
    expect(result.errors).toBeUndefined();
    const events = await sql<{ subject_type: string; subject_id: string; fields: string[]; actor_type: string; action: string }>(
      app,
      `select subject_type, subject_id, fields, actor_type, action from audit_event where seq > ? order by seq`,
      [latest!.last],
    );
    // One event for the data subject, every field named with its type.
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'read', subject_type: 'Order', subject_id: customerId, actor_type: 'staff' });
    expect([...events[0]!.fields].sort()).toEqual(['Order.deliveryStreetAddress', 'Order.lines', 'Order.valueCents', 'OrderLine.quantity']);
  });
});

describe('writing orders, role by role', () => {
  const variables = () => ({
    customerId,
    deliveryDate: day(7),
    lines: [{ serviceProductId: products.mobile.id, quantity: 1 }],
  });

  for (const role of ['service', 'sales', 'dpo']) {
    it(`${role} creates and updates an order`, async () => {
      const client = await as(role);
      const order = await createOrder(client, variables());
      expect(order).toMatchObject({ status: 'NEW', valueCents: products.mobile.priceCents, customerId });
      const updated = await client.gql<{ updateOrder: { status: string } }>(UPDATE_ORDER, { id: order.id, status: 'CONFIRMED' });
      expect(updated.errors).toBeUndefined();
      expect(updated.data!.updateOrder.status).toBe('CONFIRMED');
    });
  }

  for (const role of ['billing', 'marketing', 'analyst', 'admin']) {
    it(`${role} may not create an order: FORBIDDEN naming a field, nothing written`, async () => {
      const client = await as(role);
      const before = await countRows(app, 'customer_order');
      const result = await client.gql(CREATE_ORDER, variables());
      const error = onlyError(result, 'FORBIDDEN');
      expect(typeof error.extensions?.field).toBe('string');
      expect(await countRows(app, 'customer_order')).toBe(before);
    });

    it(`${role} may not change an order: FORBIDDEN, the row unchanged`, async () => {
      const client = await as(role);
      const [row] = await sql<{ json: string }>(app, 'select row_to_json(o)::text as json from customer_order o where id = ?', [fullOrderId]);
      const result = await client.gql(UPDATE_ORDER, { id: fullOrderId, deliveryCity: 'ESPOO' });
      onlyError(result, 'FORBIDDEN');
      const [after] = await sql<{ json: string }>(app, 'select row_to_json(o)::text as json from customer_order o where id = ?', [fullOrderId]);
      expect(after!.json).toBe(row!.json);
    });
  }

  it('only the dpo records provenance: sales may not set the source of an order', async () => {
    const sales = await as('sales');
    const before = await countRows(app, 'customer_order');
    const result = await sales.gql(CREATE_ORDER, { ...variables(), sourceType: 'PARTNER', sourcePartner: 'Elisa jälleenmyyjät' });
    expect(onlyError(result, 'FORBIDDEN').extensions?.field).toBe('sourceType');
    expect(await countRows(app, 'customer_order')).toBe(before);
    const update = await sales.gql(UPDATE_ORDER, { id: fullOrderId, sourceType: 'DATA_SUBJECT' });
    expect(onlyError(update, 'FORBIDDEN').extensions?.field).toBe('sourceType');
  });

  it('staff may not use the delivery partner’s operation', async () => {
    for (const role of ['service', 'sales', 'dpo']) {
      const result = await (await as(role)).gql(`mutation($id: ID!) { updateOrderDelivery(id: $id, status: IN_DELIVERY) { id } }`, { id: fullOrderId });
      onlyError(result, 'FORBIDDEN');
    }
  });

  it('the delivery partner may not create or update orders through the staff operations', async () => {
    const before = await countRows(app, 'customer_order');
    onlyError(await delivery.gql(CREATE_ORDER, variables()), 'FORBIDDEN');
    onlyError(await delivery.gql(UPDATE_ORDER, { id: fullOrderId, status: 'CANCELLED' }), 'FORBIDDEN');
    expect(await countRows(app, 'customer_order')).toBe(before);
  });
});

describe('filters and sorting are reads', () => {
  it('filters by customer, status, openness, order date and quotation', async () => {
    const service = await as('service');
    const result = await service.gql<{ byCustomer: Row[]; delivered: Row[]; open: Row[]; window: Row[]; fromQuotation: Row[] }>(
      `query($c: ID, $after: LocalDate, $before: LocalDate, $q: ID) {
        byCustomer: allOrders(filter: { customerId: $c }, perPage: 100) { customerId }
        delivered: allOrders(filter: { status: DELIVERED }, perPage: 100) { status }
        open: allOrders(filter: { open: true }, perPage: 100) { status }
        window: allOrders(filter: { orderedAfter: $after, orderedBefore: $before }, perPage: 100) { orderDate }
        fromQuotation: allOrders(filter: { quotationId: $q }) { id quotationId }
      }`,
      { c: customerId, after: day(-3), before: day(-3), q: quotationId },
    );
    expect(result.errors).toBeUndefined();
    const data = result.data!;
    expect(data.byCustomer.length).toBeGreaterThan(0);
    expect(data.byCustomer.every((o) => o.customerId === customerId)).toBe(true);
    expect(data.delivered.every((o) => o.status === 'DELIVERED')).toBe(true);
    expect(data.open.every((o) => ['NEW', 'CONFIRMED', 'IN_DELIVERY'].includes(o.status as string))).toBe(true);
    expect(data.window.map((o) => o.orderDate)).toEqual([day(-3)]);
    expect(data.fromQuotation).toEqual([{ id: fullOrderId, quotationId }]);
  });

  it('the delivery partner may not filter by the customer or sort by the order date', async () => {
    const byCustomer = await delivery.gql(`query($c: ID) { allOrders(filter: { customerId: $c }) { id } }`, { c: customerId });
    expect(onlyError(byCustomer, 'FORBIDDEN').extensions?.field).toBe('filter.customerId');
    const sorted = await delivery.gql(`{ allOrders(sortField: "orderDate") { id } }`);
    expect(onlyError(sorted, 'FORBIDDEN').extensions?.field).toBe('sortField');
    const window = await delivery.gql(`{ allOrders(filter: { orderedAfter: "2026-01-01" }) { id } }`);
    expect(onlyError(window, 'FORBIDDEN').extensions?.field).toBe('filter.orderedAfter');
  });

  it('a bad filter or sort is bad input naming it', async () => {
    const service = await as('service');
    const bad = await service.gql(`{ allOrders(filter: { customerId: "not-an-id" }) { id } }`);
    expect(onlyError(bad, 'BAD_USER_INPUT').extensions?.field).toBe('filter.customerId');
    const sort = await service.gql(`{ allOrders(sortField: "recipientName") { id } }`);
    expect(onlyError(sort, 'BAD_USER_INPUT').extensions?.field).toBe('sortField');
  });
});

describe('the matrix of orders, exactly', () => {
  it('the field lists above are the fields of Order and the partner reads a subset', () => {
    expect(ORDER_FIELDS).toEqual(expect.arrayContaining([...PARTNER_ORDER_FIELDS, ...DELIVERY_ONLY_FIELDS, 'customerId', 'valueCents', 'lines']));
    expect(COMMERCIAL).not.toContain('deliveryStreetAddress');
    expect(COMMERCIAL).toContain('valueCents');
  });

  it('createOrder and updateOrder FORBIDDEN for billing name the first field it may not write', async () => {
    const billing = await as('billing');
    const result = await billing.gql(UPDATE_ORDER, { id: fullOrderId, status: 'CANCELLED' });
    const error = onlyError(result, 'FORBIDDEN');
    expect(error.extensions?.field).toBe('status');
    expect(error.message).toContain('status');
  });
});
