import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, errorAt, expectBadInput, onlyError, sql } from './support/helpers.js';
import type { Client, TestApp } from './support/test-app.js';
import { startTestApp } from './support/test-app.js';
import {
  activeCustomerIds,
  ADDRESS,
  advance,
  catalogue,
  createOrder,
  day,
  ORDER_FIELDS,
  ORDER_SELECTION,
  PARTNER_ORDER_FIELDS,
  uniqueIccid,
  writes,
  type CreatedOrder,
} from './order-fixtures.js';

/**
 * The `delivery` partner scope (a processor acting on the controller's behalf): it reads OPEN
 * orders only, and of them only the delivery data — id, number, status, delivery date, address,
 * recipient and SIM numbers. Its only write is updateOrderDelivery. Its reads are audited like
 * staff reads, against the customer whose data it is.
 */
type Row = Record<string, unknown>;
const OPEN = ['NEW', 'CONFIRMED', 'IN_DELIVERY'];

let app: TestApp;
let partner: Client;
let service: Client;
let customerId: string;
const orders: Record<'NEW' | 'CONFIRMED' | 'IN_DELIVERY' | 'DELIVERED' | 'CANCELLED', CreatedOrder> = {} as never;
let withoutAddress: CreatedOrder;
let partnerKeyId: string;

beforeAll(async () => {
  app = await startTestApp({ customers: 6 });
  const products = await catalogue(app);
  customerId = (await activeCustomerIds(app, 1))[0]!;
  service = await app.as('service');
  const order = () =>
    createOrder(service, {
      customerId,
      orderDate: day(-2),
      deliveryDate: day(3),
      lines: [{ serviceProductId: products.mobile.id, quantity: 1 }],
      simIccids: [uniqueIccid()],
      ...ADDRESS,
    });
  orders.NEW = await order();
  orders.CONFIRMED = await order();
  await advance(service, orders.CONFIRMED.id, 'CONFIRMED');
  orders.IN_DELIVERY = await order();
  await advance(service, orders.IN_DELIVERY.id, 'CONFIRMED', 'IN_DELIVERY');
  orders.DELIVERED = await order();
  await advance(service, orders.DELIVERED.id, 'CONFIRMED', 'IN_DELIVERY', 'DELIVERED');
  orders.CANCELLED = await order();
  await advance(service, orders.CANCELLED.id, 'CANCELLED');
  withoutAddress = await createOrder(service, {
    customerId,
    deliveryDate: day(3),
    lines: [{ equipmentModelId: products.router.id, quantity: 1 }],
  });
  await advance(service, withoutAddress.id, 'CONFIRMED');
  const created = await app.services.auth.createApiKey(app.orm.em.fork(), {
    partner: 'Posti Oy',
    label: 'deliveries',
    scopes: ['delivery'],
    createdBy: null,
  });
  partnerKeyId = created.apiKey.id;
  partner = app.partner(created.key);
});
afterAll(() => app?.close());

describe('what the delivery partner sees', () => {
  it('lists open orders only, and counts them so', async () => {
    const result = await partner.gql<{ allOrders: { id: string; status: string }[]; _allOrdersMeta: { count: number } }>(
      '{ allOrders(perPage: 500) { id status } _allOrdersMeta { count } }',
    );
    expect(result.errors).toBeUndefined();
    const ids = result.data!.allOrders.map((o) => o.id);
    for (const status of OPEN) expect(ids, status).toContain(orders[status as keyof typeof orders].id);
    expect(ids).not.toContain(orders.DELIVERED.id);
    expect(ids).not.toContain(orders.CANCELLED.id);
    expect(result.data!.allOrders.every((o) => OPEN.includes(o.status))).toBe(true);
    const open = await countRows(app, 'customer_order', `status in ('NEW', 'CONFIRMED', 'IN_DELIVERY')`);
    expect(ids).toHaveLength(open);
    expect(result.data!._allOrdersMeta.count).toBe(open);
    // Staff see all of them: the filter is the partner's alone.
    const all = await service.gql<{ _allOrdersMeta: { count: number } }>('{ _allOrdersMeta { count } }');
    expect(all.data!._allOrdersMeta.count).toBe(await countRows(app, 'customer_order'));
    expect(all.data!._allOrdersMeta.count).toBeGreaterThan(open);
  });

  it('a delivered or cancelled order does not exist for it, also by id', async () => {
    for (const closed of [orders.DELIVERED, orders.CANCELLED]) {
      const result = await partner.gql(`query($id: ID!) { Order(id: $id) { id status } }`, { id: closed.id });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ Order: null });
    }
    const open = await partner.gql<{ Order: { id: string } }>(`query($id: ID!) { Order(id: $id) { id } }`, { id: orders.NEW.id });
    expect(open.data!.Order.id).toBe(orders.NEW.id);
  });

  it('asking for closed orders by status or openness finds nothing', async () => {
    const result = await partner.gql<{ delivered: Row[]; cancelled: Row[]; closed: Row[]; n: { count: number } }>(
      `{ delivered: allOrders(filter: { status: DELIVERED }) { id } cancelled: allOrders(filter: { status: CANCELLED }) { id }
         closed: allOrders(filter: { open: false }) { id } n: _allOrdersMeta(filter: { ids: ["${orders.DELIVERED.id}"] }) { count } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ delivered: [], cancelled: [], closed: [], n: { count: 0 } });
  });

  it('reads exactly the delivery fields; everything else is null with FORBIDDEN', async () => {
    const result = await partner.gql<{ Order: Row }>(`query($id: ID!) { Order(id: $id) { ${ORDER_SELECTION} } }`, {
      id: orders.IN_DELIVERY.id,
    });
    const row = result.data!.Order;
    for (const field of ORDER_FIELDS) {
      const error = errorAt(result, ['Order', field]);
      if ((PARTNER_ORDER_FIELDS as readonly string[]).includes(field)) {
        expect(error, field).toBeUndefined();
        expect(row[field], field).not.toBeNull();
      } else {
        expect(row[field], `${field} should be denied`).toBeNull();
        expect(error?.extensions?.code, field).toBe('FORBIDDEN');
      }
    }
    expect(row).toMatchObject({
      orderNumber: orders.IN_DELIVERY.orderNumber,
      status: 'IN_DELIVERY',
      deliveryDate: day(3),
      ...ADDRESS,
      simIccids: orders.IN_DELIVERY.simIccids,
    });
    // No prices, no customer, no lines.
    expect(row.customerId).toBeNull();
    expect(row.valueCents).toBeNull();
    expect(row.lines).toBeNull();
    expect(result.errors).toHaveLength(ORDER_FIELDS.length - PARTNER_ORDER_FIELDS.length);
  });

  it('reads nothing else of the register: customers, quotations and the audit log are FORBIDDEN', async () => {
    onlyError(await partner.gql('{ allCustomers { id } }'), 'FORBIDDEN');
    onlyError(await partner.gql('{ allQuotations { id } }'), 'FORBIDDEN');
    onlyError(await partner.gql(`query($id: ID!) { Customer(id: $id) { name } }`, { id: customerId }), 'FORBIDDEN');
    onlyError(await partner.gql('{ allAuditEvents { seq } }'), 'FORBIDDEN');
  });

  it('its reads are audited like staff reads: actor partner, subject the customer, personal fields only', async () => {
    const [latest] = await sql<{ last: string }>(app, 'select max(seq)::text as last from audit_event');
    const result = await partner.gql(`{ allOrders(filter: { ids: ["${orders.CONFIRMED.id}"] }) { id orderNumber status deliveryStreetAddress recipientName simIccids } }`);
    expect(result.errors).toBeUndefined();
    const events = await sql<{ actor_type: string; actor_id: string; client: string; action: string; subject_type: string; subject_id: string; fields: string[] }>(
      app,
      'select actor_type, actor_id, client, action, subject_type, subject_id, fields from audit_event where seq > ? order by seq',
      [latest!.last],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_type: 'partner',
      actor_id: partnerKeyId,
      action: 'read',
      subject_type: 'Order',
      subject_id: customerId,
    });
    expect([...events[0]!.fields].sort()).toEqual(['deliveryStreetAddress', 'recipientName', 'simIccids']);
    expect(events[0]!.client).toContain(partnerKeyId);
  });
});

describe("the delivery partner's only write", () => {
  const DELIVERY = `mutation($id: ID!, $status: OrderStatus, $deliveredAt: LocalDate) {
    updateOrderDelivery(id: $id, status: $status, deliveredAt: $deliveredAt) { id status }
  }`;

  it('marks a confirmed order IN_DELIVERY, audited as the partner with the fields it changed', async () => {
    const result = await partner.gql<{ updateOrderDelivery: Row }>(DELIVERY, { id: orders.CONFIRMED.id, status: 'IN_DELIVERY' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateOrderDelivery).toEqual({ id: orders.CONFIRMED.id, status: 'IN_DELIVERY' });
    const [event] = await sql<{ actor_type: string; actor_id: string; operation: string; subject_id: string; fields: string[] }>(
      app,
      `select actor_type, actor_id, operation, subject_id, fields from audit_event where action = 'update' and subject_type = 'Order' order by seq desc limit 1`,
    );
    expect(event).toEqual({ actor_type: 'partner', actor_id: partnerKeyId, operation: 'updateOrderDelivery', subject_id: customerId, fields: ['status'] });
    const [history] = await sql<{ kind: string; record_id: string; before: unknown; after: unknown; staff_user_id: string | null }>(
      app,
      `select kind, record_id, before, after, staff_user_id from customer_event where record_id = ? order by at desc limit 1`,
      [orders.CONFIRMED.id],
    );
    expect(history).toEqual({ kind: 'ORDER', record_id: orders.CONFIRMED.id, before: { status: 'CONFIRMED' }, after: { status: 'IN_DELIVERY' }, staff_user_id: null });
  });

  it('marks an order DELIVERED with the date; then the order is gone from its view', async () => {
    const result = await partner.gql(DELIVERY, { id: orders.IN_DELIVERY.id, status: 'DELIVERED', deliveredAt: day(0) });
    expect(result.errors).toBeUndefined();
    const [row] = await sql<{ status: string; delivered_at: string }>(
      app,
      `select status, to_char(delivered_at, 'YYYY-MM-DD') as delivered_at from customer_order where id = ?`,
      [orders.IN_DELIVERY.id],
    );
    expect(row).toEqual({ status: 'DELIVERED', delivered_at: day(0) });
    const again = await partner.gql(`query($id: ID!) { Order(id: $id) { id } }`, { id: orders.IN_DELIVERY.id });
    expect(again.data).toEqual({ Order: null });
  });

  it('cannot touch a delivered or cancelled order: NOT_FOUND, nothing written', async () => {
    for (const closed of [orders.DELIVERED, orders.CANCELLED]) {
      const before = await writes(app);
      const result = await partner.gql(DELIVERY, { id: closed.id, status: 'DELIVERED' });
      expect(onlyError(result, 'NOT_FOUND').message).toContain(closed.id);
      expect(await writes(app)).toEqual(before);
    }
  });

  it('reports IN_DELIVERY or DELIVERED only: CANCELLED, CONFIRMED or none is bad input, nothing written', async () => {
    for (const status of ['CANCELLED', 'CONFIRMED', 'NEW', null]) {
      const before = await writes(app);
      const result = await partner.gql(DELIVERY, { id: orders.NEW.id, status });
      expectBadInput(result, 'status');
      expect(await writes(app)).toEqual(before);
    }
  });

  it('an order without a delivery address cannot go IN_DELIVERY', async () => {
    const before = await writes(app);
    const result = await partner.gql(DELIVERY, { id: withoutAddress.id, status: 'IN_DELIVERY' });
    const error = expectBadInput(result, 'status');
    expect(error.message).toMatch(/deliveryStreetAddress.*recipientName/);
    expect(await writes(app)).toEqual(before);
  });

  it('a delivery date in the future, or with IN_DELIVERY, is bad input naming deliveredAt', async () => {
    const before = await writes(app);
    expectBadInput(await partner.gql(DELIVERY, { id: orders.NEW.id, status: 'DELIVERED', deliveredAt: day(2) }), 'deliveredAt');
    expectBadInput(await partner.gql(DELIVERY, { id: orders.NEW.id, status: 'IN_DELIVERY', deliveredAt: day(0) }), 'deliveredAt');
    expect(await writes(app)).toEqual(before);
  });

  it('may not change anything else: no other argument exists, and updateOrder is FORBIDDEN', async () => {
    const other = await partner.gql(`mutation($id: ID!) { updateOrderDelivery(id: $id, status: IN_DELIVERY, deliveryCity: "ESPOO") { id } }`, {
      id: orders.NEW.id,
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const before = await writes(app);
    onlyError(await partner.gql(`mutation($id: ID!) { updateOrder(id: $id, deliveryCity: "ESPOO") { id } }`, { id: orders.NEW.id }), 'FORBIDDEN');
    expect(await writes(app)).toEqual(before);
  });
});
