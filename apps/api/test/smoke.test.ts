import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('harness', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ customers: 10 });
  });
  afterAll(() => app?.close());

  it('billing reads the full identity number', async () => {
    const billing = await app.as('billing');
    const result = await billing.gql<{ allCustomers: { personalIdentityNumber: string | null }[] }>(
      '{ allCustomers(filter: { kind: PRIVATE }, perPage: 3) { personalIdentityNumber } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.allCustomers[0]?.personalIdentityNumber).toMatch(/^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/);
  });
});
