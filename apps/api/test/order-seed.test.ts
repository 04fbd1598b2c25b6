import { isValidIccid } from '@register/identifiers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EquipmentModel, ServiceProduct } from '../src/modules/catalogue/catalogue.entity.js';
import { Customer } from '../src/modules/customer/customer.entity.js';
import { seedOrders } from '../src/modules/order/order.seed.js';
import { sql } from './support/helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { day } from './order-fixtures.js';

/** The same small seeded generator as the demo seed, so the run is the same every time. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

describe('the demo orders and quotations', () => {
  let app: TestApp;
  let result: Awaited<ReturnType<typeof seedOrders>>;
  // Only what this run seeds is looked at (the demo seed may have made orders of its own).
  let since: { order: number; quotation: number; seq: string };
  const ORDERS = `(select * from customer_order where order_number > ?)`;

  beforeAll(async () => {
    app = await startTestApp({ customers: 40 });
    const em = app.orm.em.fork();
    const customers = await em.find(Customer, {}, { orderBy: { id: 'asc' } });
    const services = await em.find(ServiceProduct, {});
    const equipment = await em.find(EquipmentModel, {});
    const [before] = await sql<{ order: number; quotation: number; seq: string }>(
      app,
      `select coalesce((select max(order_number) from customer_order), 0) as order,
              coalesce((select max(quotation_number) from quotation), 0) as quotation,
              (select max(seq)::text from audit_event) as seq`,
    );
    since = before!;
    result = await seedOrders(em, app.services, customers, { services, equipment }, random(4242));
  });
  afterAll(() => app?.close());

  it('has orders in every status over the last year, and quotations in every status', async () => {
    const orders = await sql<{ status: string; n: number; first: string }>(
      app,
      `select status, count(*)::int as n, to_char(min(order_date), 'YYYY-MM-DD') as first from ${ORDERS} o group by status`,
      [since.order],
    );
    expect(orders.map((o) => o.status).sort()).toEqual(['CANCELLED', 'CONFIRMED', 'DELIVERED', 'IN_DELIVERY', 'NEW']);
    expect(orders.every((o) => o.first >= day(-366))).toBe(true);
    const quotations = await sql<{ status: string }>(app, 'select distinct status::text as status from quotation where quotation_number > ?', [since.quotation]);
    expect(quotations.map((q) => q.status).sort()).toEqual(['ACCEPTED', 'CONVERTED', 'DRAFT', 'EXPIRED', 'REJECTED', 'SENT']);
    expect(result.orders.length).toBe(orders.reduce((sum, o) => sum + o.n, 0));
    const [quoted] = await sql<{ n: number }>(app, 'select count(*)::int as n from quotation where quotation_number > ?', [since.quotation]);
    expect(result.quotations.length).toBe(quoted!.n);
  });

  it('converted quotations have their order, with the quoted lines', async () => {
    const rows = await sql<{ converted: number; linked: number; same: number }>(
      app,
      `select (select count(*)::int from quotation where status = 'CONVERTED' and quotation_number > ?) as converted,
              (select count(*)::int from ${ORDERS} o where quotation_id is not null) as linked,
              (select count(*)::int from ${ORDERS} o join quotation q on q.id = o.quotation_id where o.value_cents = q.total_cents) as same`,
      [since.quotation, since.order, since.order],
    );
    expect(rows[0]!.converted).toBeGreaterThan(0);
    expect(rows[0]).toEqual({ converted: rows[0]!.converted, linked: rows[0]!.converted, same: rows[0]!.converted });
  });

  it('delivers SIM cards with valid Finnish ICCIDs, each on one order, and equipment', async () => {
    const sims = await sql<{ iccid: string }>(app, `select unnest(sim_iccids) as iccid from ${ORDERS} o`, [since.order]);
    expect(sims.length).toBeGreaterThan(5);
    for (const { iccid } of sims) {
      expect(isValidIccid(iccid), iccid).toBe(true);
      expect(iccid.startsWith('89358')).toBe(true);
    }
    expect(new Set(sims.map((s) => s.iccid)).size).toBe(sims.length);
    const [devices] = await sql<{ n: number }>(
      app,
      `select count(*)::int as n from customer_order_line l join ${ORDERS} o on o.id = l.order_id where l.equipment_model_id is not null`,
      [since.order],
    );
    expect(devices!.n).toBeGreaterThan(0);
  });

  it('every value is the sum of its lines, and every order has its history and audit events', async () => {
    const [mismatch] = await sql<{ n: number }>(
      app,
      `select count(*)::int as n from ${ORDERS} o
        where o.value_cents <> (select coalesce(sum(total_cents), 0) from customer_order_line l where l.order_id = o.id)`,
      [since.order],
    );
    expect(mismatch!.n).toBe(0);
    const [missing] = await sql<{ n: number }>(
      app,
      `select count(*)::int as n from ${ORDERS} o where not exists (select 1 from customer_event e where e.record_id = o.id)`,
      [since.order],
    );
    expect(missing!.n).toBe(0);
    const [audited] = await sql<{ n: number }>(
      app,
      `select count(*)::int as n from audit_event where seq > ? and action = 'create' and subject_type = 'Order' and actor_type = 'system'`,
      [since.seq],
    );
    expect(audited!.n).toBe(result.orders.length);
  });

  it('delivered orders were delivered on their delivery date, open ones are still to come', async () => {
    const [late] = await sql<{ n: number }>(
      app,
      `select count(*)::int as n from ${ORDERS} o
        where (status = 'DELIVERED' and delivered_at <> delivery_date)
           or (status in ('NEW', 'CONFIRMED', 'IN_DELIVERY') and delivery_date <= current_date - 1)`,
      [since.order],
    );
    expect(late!.n).toBe(0);
  });
});
