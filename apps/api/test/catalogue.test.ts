import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, onlyError } from './support/helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CREATE = `mutation($code: String, $name: String, $kind: ServiceKind, $monthlyPriceCents: Int) {
  createServiceProduct(code: $code, name: $name, kind: $kind, monthlyPriceCents: $monthlyPriceCents) { id code monthlyPriceCents }
}`;

describe('the product catalogue', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ customers: 3 });
  });
  afterAll(() => app?.close());

  it('is seeded and readable by every member of staff and by partners', async () => {
    for (const role of ['service', 'analyst', 'marketing', 'admin']) {
      const client = await app.as(role);
      const result = await client.gql<{ allServiceProducts: { code: string }[]; _allEquipmentModelsMeta: { count: number } }>(
        '{ allServiceProducts(perPage: 50) { code monthlyPriceCents } _allEquipmentModelsMeta { count } }',
      );
      expect(result.errors, role).toBeUndefined();
      expect(result.data!.allServiceProducts.map((s) => s.code)).toContain('MOB-5G-100');
      expect(result.data!._allEquipmentModelsMeta.count).toBeGreaterThan(0);
    }
    const { apiKey: _key, key } = await app.services.auth.createApiKey(app.orm.em.fork(), { partner: 'Posti Oy', label: 'test', scopes: ['delivery'], createdBy: null });
    const partner = await app.partner(key).gql<{ allEquipmentModels: unknown[] }>('{ allEquipmentModels { sku } }');
    expect(partner.errors).toBeUndefined();
    expect(partner.data!.allEquipmentModels.length).toBeGreaterThan(0);
    const anonymous = await app.anonymous().gql('{ allServiceProducts { code } }');
    onlyError(anonymous, 'UNAUTHENTICATED');
  });

  it('is maintained by sales and admin only', async () => {
    const sales = await app.as('sales');
    const created = await sales.gql<{ createServiceProduct: { code: string; monthlyPriceCents: number } }>(CREATE, {
      code: 'TEST-1', name: 'Testiliittymä', kind: 'MOBILE', monthlyPriceCents: 1990,
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createServiceProduct).toMatchObject({ code: 'TEST-1', monthlyPriceCents: 1990 });
    const before = await countRows(app, 'service_product');
    const service = await app.as('service');
    onlyError(await service.gql(CREATE, { code: 'TEST-2', name: 'x', kind: 'MOBILE', monthlyPriceCents: 1 }), 'FORBIDDEN');
    expect(await countRows(app, 'service_product')).toBe(before);
  });

  it('refuses bad input, naming the field, and writes nothing', async () => {
    const admin = await app.as('admin');
    const before = await countRows(app, 'service_product');
    const cases: [Record<string, unknown>, string][] = [
      [{ code: 'bad code', name: 'x', kind: 'MOBILE', monthlyPriceCents: 100 }, 'code'],
      [{ code: 'OK-1', name: '', kind: 'MOBILE', monthlyPriceCents: 100 }, 'name'],
      [{ code: 'OK-1', name: 'x', kind: 'MOBILE', monthlyPriceCents: -1 }, 'monthlyPriceCents'],
      [{ code: 'OK-1', name: 'x', monthlyPriceCents: 100 }, 'kind'],
      [{ code: 'MOB-5G-100', name: 'duplicate', kind: 'MOBILE', monthlyPriceCents: 100 }, 'code'],
    ];
    for (const [variables, field] of cases) {
      const error = onlyError(await admin.gql(CREATE, variables), 'BAD_USER_INPUT');
      expect(error.extensions?.field, JSON.stringify(variables)).toBe(field);
      expect(error.message.startsWith(`${field}:`)).toBe(true);
    }
    expect(await countRows(app, 'service_product')).toBe(before);
  });
});
