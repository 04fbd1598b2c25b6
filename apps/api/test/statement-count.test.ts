import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

/** N+1 queries are bugs: a page costs the same number of statements whatever its size. */
describe('statements per request', () => {
  let app: TestApp;
  const statements: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ customers: 60, onQuery: (sql) => statements.push(sql) });
  });
  afterAll(() => app?.close());

  async function count(perPage: number) {
    const service = await app.as('service');
    statements.length = 0;
    const result = await service.gql(
      `{ allCustomers(perPage: ${perPage}) { id name email phone personalIdentityNumberMasked } _allCustomersMeta { count } }`,
    );
    expect(result.errors).toBeUndefined();
    return statements.length;
  }

  it('a page of customers costs a fixed number of statements', async () => {
    const small = await count(5);
    const large = await count(50);
    expect(large).toBe(small);
    // session look-up, the page, the count, the audit append
    expect(large).toBeGreaterThanOrEqual(3);
    expect(large).toBeLessThanOrEqual(4);
  });
});
