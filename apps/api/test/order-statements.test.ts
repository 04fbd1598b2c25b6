import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from './support/test-app.js';
import { activeCustomerIds, ADDRESS, catalogue, day, fixtureAudit, uniqueIccid } from './order-fixtures.js';

/** N+1 queries are bugs: a page of orders or quotations with their lines costs the same at 5 and 50 rows. */
describe('statements per request for orders and quotations', () => {
  let app: TestApp;
  let partner: Client;
  const statements: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ customers: 12, onQuery: (sql) => statements.push(sql) });
    const products = await catalogue(app);
    const customers = await activeCustomerIds(app, 6);
    const em = app.orm.em.fork();
    const audit = fixtureAudit();
    const [seller] = await em.getConnection().execute<{ id: string }[]>(`select id from staff_user where username = 'sales'`);
    for (let i = 0; i < 60; i += 1) {
      await app.services.orders.create(em, audit, {
        customerId: customers[i % customers.length],
        deliveryDate: day(3),
        lines: [
          { serviceProductId: products.mobile.id, quantity: 1 + (i % 3) },
          { equipmentModelId: products.router.id, quantity: 1 },
          ...(i % 2 === 0 ? [{ serviceProductId: products.broadband.id, quantity: 1 }] : []),
        ],
        simIccids: [uniqueIccid()],
        ...ADDRESS,
      });
      await app.services.quotations.create(
        em,
        audit,
        { customerId: customers[i % customers.length], validUntil: day(20), lines: [{ serviceProductId: products.mobile.id, quantity: 2 }] },
        seller!.id,
      );
    }
    const { key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'n+1', scopes: ['delivery'], createdBy: null });
    partner = app.partner(key);
  });
  afterAll(() => app?.close());

  async function count(client: Client, query: string, rows: (data: Record<string, unknown[]>) => unknown[], perPage: number) {
    statements.length = 0;
    const result = await client.gql<Record<string, unknown[]>>(query.replace('$perPage', String(perPage)));
    expect(result.errors).toBeUndefined();
    expect(rows(result.data!)).toHaveLength(perPage);
    return statements.length;
  }

  it('a page of orders with their lines', async () => {
    const service = await app.as('service');
    const query = `{ allOrders(perPage: $perPage) { id orderNumber valueCents deliveryStreetAddress simIccids
      lines { id lineNumber serviceProductId equipmentModelId quantity unitPriceCents totalCents customerId } } _allOrdersMeta { count } }`;
    const small = await count(service, query, (d) => d.allOrders!, 5);
    const large = await count(service, query, (d) => d.allOrders!, 50);
    expect(large).toBe(small);
    // session look-up, the page, its lines, the count, the audit append
    expect(large).toBeLessThanOrEqual(5);
  });

  it('a page of quotations with their lines and makers', async () => {
    const sales = await app.as('sales');
    const query = `{ allQuotations(perPage: $perPage) { id quotationNumber totalCents validUntil preparedByName
      lines { id quantity unitPriceCents totalCents serviceProductId } } _allQuotationsMeta { count } }`;
    const small = await count(sales, query, (d) => d.allQuotations!, 5);
    const large = await count(sales, query, (d) => d.allQuotations!, 50);
    expect(large).toBe(small);
    // session, the page, its lines, the staff names, the count, the audit append
    expect(large).toBeLessThanOrEqual(6);
  });

  it('a page of open orders for the delivery partner', async () => {
    const query = `{ allOrders(perPage: $perPage) { id orderNumber status deliveryDate deliveryStreetAddress deliveryPostalCode
      deliveryCity recipientName simIccids } }`;
    const small = await count(partner, query, (d) => d.allOrders!, 5);
    const large = await count(partner, query, (d) => d.allOrders!, 50);
    expect(large).toBe(small);
    // key look-up (and its last use), the page, the audit append
    expect(large).toBeLessThanOrEqual(4);
  });
});
