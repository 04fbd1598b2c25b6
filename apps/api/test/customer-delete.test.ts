import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, onlyError, sql } from './support/helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** deleteCustomer is for records entered by mistake with nothing attached; the rest is erasure. */
describe('deleting a customer', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ customers: 2 });
  });
  afterAll(() => app?.close());

  const create = `mutation { createCustomer(kind: BUSINESS, name: "Virhe Oy", businessId: null) { id } }`;

  it('deletes a fresh record with nothing attached (dpo)', async () => {
    const dpo = await app.as('dpo');
    const created = await dpo.gql<{ createCustomer: { id: string } }>(create);
    const id = created.data!.createCustomer.id;
    const deleted = await dpo.gql<{ deleteCustomer: { id: string } }>('mutation($id: ID!) { deleteCustomer(id: $id) { id } }', { id });
    expect(deleted.errors).toBeUndefined();
    expect(await countRows(app, 'customer', 'id = ?', [id])).toBe(0);
  });

  it('refuses a customer with anything attached and points to erasure, changing nothing', async () => {
    const dpo = await app.as('dpo');
    const created = await dpo.gql<{ createCustomer: { id: string } }>(create);
    const id = created.data!.createCustomer.id;
    const contact = await dpo.gql(
      'mutation($id: ID!) { createContactPerson(customerId: $id, name: "Maija Meikäläinen") { id } }',
      { id },
    );
    expect(contact.errors).toBeUndefined();
    const events = await countRows(app, 'audit_event');
    const refused = onlyError(await dpo.gql('mutation($id: ID!) { deleteCustomer(id: $id) { id } }', { id }), 'BAD_USER_INPUT');
    expect(refused.extensions?.field).toBe('id');
    expect(refused.message).toMatch(/erasure/);
    expect(await countRows(app, 'customer', 'id = ?', [id])).toBe(1);
    expect(await countRows(app, 'contact_person', 'customer_id = ?', [id])).toBe(1);
    const [deleteEvents] = await sql<{ n: string }>(app, "select count(*)::text as n from audit_event where action = 'delete' and subject_id = ?", [id]);
    expect(deleteEvents?.n).toBe('0');
    expect(await countRows(app, 'audit_event')).toBeGreaterThanOrEqual(events);
  });
});
