/**
 * The register generator (`register generate`) at a small size: what it writes is a valid,
 * consistent register that the API reads like any other; the marketing state it computes is
 * exactly what the database triggers derive; an interrupted run continues without duplicates.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  isValidBusinessId,
  isValidIccid,
  isValidInvoiceReference,
  isValidPersonalIdentityNumber,
  isValidPostalCode,
  maskPersonalIdentityNumber,
} from '@register/identifiers';
import { MikroORM } from '@mikro-orm/postgresql';
import { createApp } from '../src/app.js';
import { FieldCrypto } from '../src/common/field-crypto.js';
import { ormConfig } from '../src/db/orm.config.js';
import { GenerateError, generateRegister, generatedRegister, indexBuildCost } from '../src/db/generate/generate.js';
import { ChunkSource, type WorkerSetup } from '../src/db/generate/chunk-source.js';
import { CHUNK_PART_NAMES } from '../src/db/generate/register-rows.js';
import { createLogger } from '../src/logger.js';
import { PIN_PURPOSE, pinContext } from '../src/modules/customer/customer.service.js';
import { createServices } from '../src/services.js';
import { withDatabase } from './support/postgres.js';
import { Client, createTestDatabase, DEMO_PASSWORD, testConfig } from './support/test-app.js';

const config = testConfig();
const TODAY = '2026-11-20';

type Db = Awaited<ReturnType<typeof createTestDatabase>>;

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const TABLES: [string, string][] = [
  ['customer', 'id'],
  ['contact_person', 'id'],
  ['contract', 'id'],
  ['contract_line', 'id'],
  ['sim_card', 'id'],
  ['customer_order', 'id'],
  ['customer_order_line', 'id'],
  ['billing_account', 'id'],
  ['invoice', 'id'],
  ['customer_event', 'id'],
  ['marketing_permit_entry', 'id'],
  ['customer_marketing_state', 'customer_id, channel'],
  ['feedback', 'id'],
];

/**
 * A digest of each table's rows, without the identity-number ciphertext (sealed with a random IV)
 * and the ids of staff users and catalogue products (each database has its own).
 */
async function digests(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const [table, order] of TABLES) {
    const [row] = await query<{ rows: string; md5: string }>(
      url,
      `select count(*)::text as rows, md5(coalesce(string_agg((to_jsonb(t) - array['personal_identity_number_ciphertext', 'recorded_by_id', 'staff_user_id', 'service_product_id', 'equipment_model_id'])::text, '|' order by ${order}), '')) as md5 from ${table} t`,
    );
    result[table] = { rows: Number(row!.rows), md5: row!.md5 };
  }
  return result;
}

describe('register generate', () => {
  const databases: Db[] = [];
  let main: Db;
  let generated: Awaited<ReturnType<typeof generateRegister>>;

  beforeAll(async () => {
    main = await createTestDatabase();
    databases.push(main);
    generated = await generateRegister({
      databaseUrl: main.url,
      config,
      customers: 2000,
      seed: 11,
      chunkSize: 500,
      // Two generator threads, taking turns with the chunks.
      threads: 2,
      staffPassword: DEMO_PASSWORD,
      today: TODAY,
    });
  }, 240_000);

  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('writes the requested customers with the register around them in realistic shares', async () => {
    expect(generated.customers).toBe(2000);
    expect(generated.chunksLoaded).toBe(4);
    const [counts] = await query<Record<string, string>>(
      main.url,
      `select
        (select count(*) from customer) as customers,
        (select count(*) from customer where kind = 'BUSINESS') as businesses,
        (select count(*) from customer where status = 'TERMINATED') as terminated,
        (select count(*) from customer where status = 'TERMINATED' and relationship_ended_at < now() - interval '5 years') as long_gone,
        (select count(*) from customer where (status = 'TERMINATED') <> (relationship_ended_at is not null)) as ended_mismatch,
        (select count(*) from customer c where kind = 'BUSINESS' and (select count(*) from contact_person p where p.customer_id = c.id) not between 1 and 3) as businesses_without_1_to_3_contacts,
        (select count(*) from contact_person p join customer c on c.id = p.customer_id where c.kind = 'PRIVATE') as private_contacts,
        (select count(*) from customer_event)::float / 2000 as events_per_customer,
        (select count(distinct status) from invoice) as invoice_states,
        (select count(*) from customer c where status <> 'PROSPECT' and not exists (select 1 from billing_account b where b.customer_id = c.id)) as billed_without_account,
        (select count(*) from contract) as contracts,
        (select count(*) from contract_line) as contract_lines,
        (select count(*) from sim_card) as sims,
        (select count(*) from customer_order) as orders,
        (select count(*) from customer_order_line) as order_lines,
        (select count(*) from feedback) as feedback,
        (select count(*) from marketing_permit_entry) as ledger,
        (select count(*) from customer_marketing_state) as states`,
    );
    const n = (key: string) => Number(counts![key]);
    expect(n('customers')).toBe(2000);
    expect(n('businesses') / 2000).toBeGreaterThan(0.12);
    expect(n('businesses') / 2000).toBeLessThan(0.18);
    expect(n('businesses_without_1_to_3_contacts')).toBe(0);
    expect(n('private_contacts')).toBe(0);
    expect(n('terminated')).toBeGreaterThan(20);
    expect(n('long_gone')).toBeGreaterThan(10);
    expect(n('ended_mismatch')).toBe(0);
    expect(n('events_per_customer')).toBeGreaterThan(8);
    expect(n('events_per_customer')).toBeLessThan(12);
    expect(n('invoice_states')).toBe(5);
    expect(n('billed_without_account')).toBe(0);
    for (const key of ['contracts', 'contract_lines', 'sims', 'orders', 'order_lines', 'feedback', 'ledger']) expect(n(key), key).toBeGreaterThan(100);
    expect(n('states')).toBe(2000 * 4);
    // Every reference the loader wrote without foreign-key triggers points at a row.
    const [orphans] = await query<{ n: string }>(
      main.url,
      `select (select count(*) from contract x where not exists (select 1 from customer c where c.id = x.customer_id))
            + (select count(*) from contract_line x where not exists (select 1 from contract c where c.id = x.contract_id))
            + (select count(*) from contract_line x where not exists (select 1 from service_product p where p.id = x.service_product_id))
            + (select count(*) from sim_card x where not exists (select 1 from contract c where c.id = x.contract_id and c.customer_id = x.customer_id))
            + (select count(*) from customer_order_line x where not exists (select 1 from customer_order o where o.id = x.order_id))
            + (select count(*) from invoice x where not exists (select 1 from billing_account b where b.id = x.billing_account_id and b.customer_id = x.customer_id))
            + (select count(*) from customer_event x where not exists (select 1 from customer c where c.id = x.customer_id))
            + (select count(*) from marketing_permit_entry x where not exists (select 1 from staff_user s where s.id = x.recorded_by_id))
            + (select count(*) from marketing_permit_entry x where x.contact_person_id is not null and not exists (select 1 from contact_person p where p.id = x.contact_person_id and p.customer_id = x.customer_id))
            + (select count(*) from customer_marketing_state x where x.entry_id is not null and not exists (select 1 from marketing_permit_entry e where e.id = x.entry_id))
            as n`,
    );
    expect(Number(orphans!.n)).toBe(0);
  });

  it('uses valid, unique Finnish identifiers', async () => {
    const customers = await query<{ business_id: string | null; postal_code: string; masked: string | null; kind: string }>(
      main.url,
      `select business_id, postal_code, personal_identity_number_masked as masked, kind from customer`,
    );
    const businessIds = customers.flatMap((c) => (c.business_id ? [c.business_id] : []));
    expect(businessIds.length).toBe(customers.filter((c) => c.kind === 'BUSINESS').length);
    expect(businessIds.every(isValidBusinessId)).toBe(true);
    expect(new Set(businessIds).size).toBe(businessIds.length);
    expect(customers.every((c) => isValidPostalCode(c.postal_code))).toBe(true);
    expect(customers.filter((c) => c.kind === 'PRIVATE').every((c) => /^[0-9]{6}[-A]\*{4}$/.test(c.masked ?? ''))).toBe(true);

    const sims = await query<{ iccid: string; phone_number: string; status: string }>(main.url, `select iccid, phone_number, status from sim_card`);
    expect(sims.every((sim) => sim.iccid.startsWith('89358') && isValidIccid(sim.iccid))).toBe(true);
    expect(new Set(sims.map((sim) => sim.iccid)).size).toBe(sims.length);
    const open = sims.filter((sim) => sim.status !== 'CLOSED').map((sim) => sim.phone_number);
    expect(new Set(open).size).toBe(open.length);

    const invoices = await query<{ reference_number: string }>(main.url, `select reference_number from invoice`);
    expect(invoices.every((invoice) => isValidInvoiceReference(invoice.reference_number))).toBe(true);
    expect(new Set(invoices.map((invoice) => invoice.reference_number)).size).toBe(invoices.length);

    const [blind] = await query<{ total: string; distinct: string }>(
      main.url,
      `select count(personal_identity_number_blind_index)::text as total, count(distinct personal_identity_number_blind_index)::text as distinct from customer`,
    );
    expect(blind!.total).toBe(blind!.distinct);
  });

  it('encrypts identity numbers as the API does: they decrypt, and mask, date and blind index agree', async () => {
    const crypto = new FieldCrypto(config.secrets);
    const rows = await query<{ id: string; ciphertext: Buffer; key_id: string; blind: Buffer; masked: string; dob: string }>(
      main.url,
      `select id, personal_identity_number_ciphertext as ciphertext, personal_identity_number_key_id as key_id,
              personal_identity_number_blind_index as blind, personal_identity_number_masked as masked, to_char(date_of_birth, 'YYYY-MM-DD') as dob
         from customer where kind = 'PRIVATE' order by id limit 200`,
    );
    expect(rows.length).toBe(200);
    for (const row of rows) {
      const pin = crypto.open({ ciphertext: row.ciphertext, keyId: row.key_id }, pinContext(row.id));
      expect(isValidPersonalIdentityNumber(pin)).toBe(true);
      expect(maskPersonalIdentityNumber(pin)).toBe(row.masked);
      expect(crypto.blindIndex(pin, PIN_PURPOSE).equals(row.blind)).toBe(true);
      expect(`${pin[6] === 'A' ? '20' : '19'}${pin.slice(4, 6)}-${pin.slice(2, 4)}-${pin.slice(0, 2)}`).toBe(row.dob);
    }
  });

  it('rebuilds every index it dropped and records the run as complete', async () => {
    const templateUrl = withDatabase(inject('adminUrl'), inject('templateDatabase'));
    const template = await query<{ indexname: string }>(templateUrl, `select indexname from pg_indexes where schemaname = 'public' order by indexname`);
    const now = await query<{ indexname: string }>(main.url, `select indexname from pg_indexes where schemaname = 'public' order by indexname`);
    expect(now.map((row) => row.indexname)).toEqual(template.map((row) => row.indexname));
    expect(await generatedRegister(main.url)).toEqual({ customers: 2000, seed: 11, completed: true });
    const [sequences] = await query<{ invoice: string; max_invoice: string }>(
      main.url,
      `select (select last_value from invoice_number_seq)::text as invoice, (select max(invoice_number) from invoice)::text as max_invoice`,
    );
    expect(Number(sequences!.invoice)).toBeGreaterThan(Number(sequences!.max_invoice));
  });

  it('serves the generated register through the API: masked number for service, verification works', async () => {
    const orm = await MikroORM.init(ormConfig(main.url, { pool: { min: 0, max: 3 } }));
    const { app, apollo } = await createApp({ config, orm: orm as unknown as MikroORM, services: createServices(config), logger: createLogger('silent') });
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const client = new Client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const login = await client.gql(`mutation { login(username: "service", password: "${DEMO_PASSWORD}") { id } }`);
      expect(login.errors).toBeUndefined();
      const [row] = await query<{ id: string; ciphertext: Buffer; key_id: string; masked: string; name: string }>(
        main.url,
        `select id, personal_identity_number_ciphertext as ciphertext, personal_identity_number_key_id as key_id,
                personal_identity_number_masked as masked, name from customer where kind = 'PRIVATE' order by id desc limit 1`,
      );
      const pin = new FieldCrypto(config.secrets).open({ ciphertext: row!.ciphertext, keyId: row!.key_id }, pinContext(row!.id));
      const read = await client.gql<{ Customer: { name: string; personalIdentityNumberMasked: string; personalIdentityNumber: string | null } }>(
        `query ($id: ID!) { Customer(id: $id) { name personalIdentityNumberMasked personalIdentityNumber } }`,
        { id: row!.id },
      );
      expect(read.data?.Customer.name).toBe(row!.name);
      expect(read.data?.Customer.personalIdentityNumberMasked).toBe(maskPersonalIdentityNumber(pin));
      // Service sees only the masked number; the full one is for billing and the DPO.
      expect(read.data?.Customer.personalIdentityNumber ?? null).toBeNull();
      const right = await client.gql<{ verifyPersonalIdentityNumber: boolean }>(
        `mutation ($id: ID!, $value: String!) { verifyPersonalIdentityNumber(customerId: $id, value: $value) }`,
        { id: row!.id, value: pin },
      );
      expect(right.errors).toBeUndefined();
      expect(right.data?.verifyPersonalIdentityNumber).toBe(true);
      const other = `${pin.slice(0, 7)}${pin.slice(7, 10) === '002' ? '004' : '002'}`;
      const wrong = await client.gql<{ verifyPersonalIdentityNumber: boolean }>(
        `mutation ($id: ID!, $value: String!) { verifyPersonalIdentityNumber(customerId: $id, value: $value) }`,
        { id: row!.id, value: `${other}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(`${other.slice(0, 6)}${other.slice(7, 10)}`) % 31]}` },
      );
      expect(wrong.data?.verifyPersonalIdentityNumber).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
      await orm.close(true);
    }
  });

  it('reports the time of each phase, and orders the index builds by their cost', () => {
    for (const phase of ['setup', 'loading', 'build', 'indexes', 'copy:customer', 'copy:customer_event']) expect(generated.phases[phase], phase).toBeGreaterThan(0);
    const plain = indexBuildCost('CREATE INDEX a ON public.customer USING btree (created_at, id)', 1000);
    const expression = indexBuildCost(`CREATE INDEX b ON public.customer USING btree (lower((email)::text), regexp_replace((phone)::text, '[^0-9]'::text, ''::text, 'g'::text))`, 1000);
    const trigram = indexBuildCost('CREATE INDEX c ON public.contact_person USING gin (search_text gin_trgm_ops)', 1000);
    expect(plain).toBe(1000);
    expect(expression).toBeGreaterThan(plain);
    expect(trigram).toBeGreaterThan(expression);
  });

  it('refuses a database that has customers it did not write, and a finished one with other settings', async () => {
    await expect(generateRegister({ databaseUrl: main.url, config, customers: 3000, seed: 11, chunkSize: 500, today: TODAY })).rejects.toThrow(
      /holds a generated register of 2000 customers with seed 11/,
    );
    await expect(generateRegister({ databaseUrl: main.url, config, customers: 0, seed: 11 })).rejects.toBeInstanceOf(GenerateError);
    await expect(generateRegister({ databaseUrl: main.url, config, customers: 2000, seed: 11, chunkSize: 500, workers: 3 })).rejects.toThrow(
      /workers \(loading connections\) must be a whole number from 1 to 2/,
    );

    const other = await createTestDatabase();
    databases.push(other);
    await query(other.url, `insert into customer (id, kind, name, collected_at, created_at, updated_at) values (gen_random_uuid(), 'PRIVATE', 'Testi Asiakas', now(), now(), now())`);
    await expect(generateRegister({ databaseUrl: other.url, config, customers: 100, seed: 1, today: TODAY, staffPassword: DEMO_PASSWORD })).rejects.toThrow(
      /already has customers that the generator did not write/,
    );
  });

  it('checks the binary format against the column types first, and does not continue a run of an earlier generator', async () => {
    const changed = await createTestDatabase();
    const old = await createTestDatabase();
    databases.push(changed, old);
    await query(changed.url, `alter table feedback alter column score type integer`);
    await expect(generateRegister({ databaseUrl: changed.url, config, customers: 100, seed: 1, today: TODAY, staffPassword: DEMO_PASSWORD })).rejects.toThrow(
      /column feedback\.score is integer in the database, but the generator writes it as int2/,
    );
    const [loaded] = await query<{ customers: string }>(changed.url, `select count(*)::text as customers from customer`);
    expect(loaded!.customers).toBe('0');

    // An unfinished run of the text-format generator (no format recorded): its rows and ids differ.
    await query(old.url, `create schema register_generate`);
    await query(
      old.url,
      `create table register_generate.run (id int primary key check (id = 1), seed bigint not null, customers int not null, chunk_size int not null,
         today date not null, started_at timestamptz not null default now(), completed_at timestamptz)`,
    );
    await query(old.url, `insert into register_generate.run (id, seed, customers, chunk_size, today) values (1, 1, 100, 5000, '${TODAY}')`);
    await expect(generateRegister({ databaseUrl: old.url, config, customers: 100, seed: 1, today: TODAY, staffPassword: DEMO_PASSWORD })).rejects.toThrow(
      /unfinished register started by an earlier version of the generator/,
    );
  });

  it('stops both connections with the database error when one part fails, and continues once the cause is gone', async () => {
    const failing = await createTestDatabase();
    databases.push(failing);
    // Survey answers have a score: the first chunk's history part is refused.
    await query(failing.url, `alter table feedback add constraint generate_test_no_scores check (score is null) not valid`);
    const settings = { databaseUrl: failing.url, config, customers: 600, seed: 3, chunkSize: 100, staffPassword: DEMO_PASSWORD, today: TODAY };
    await expect(generateRegister(settings)).rejects.toThrow(/generate_test_no_scores/);
    const [history] = await query<{ parts: string }>(failing.url, `select count(*)::text as parts from register_generate.chunk_part where part = 'history'`);
    expect(history!.parts).toBe('0');

    await query(failing.url, `alter table feedback drop constraint generate_test_no_scores`);
    const finished = await generateRegister(settings);
    expect(finished.chunksLoaded).toBe(6);
    const [counts] = await query<{ customers: string; with_history: string; parts: string }>(
      failing.url,
      `select (select count(*) from customer)::text as customers, (select count(distinct customer_id) from customer_event)::text as with_history,
              (select count(*) from register_generate.chunk_part)::text as parts`,
    );
    expect(counts).toEqual({ customers: '600', with_history: '600', parts: String(6 * CHUNK_PART_NAMES.length) });
  });

  it('builds rows in a worker a few chunks ahead, and a stop fails whoever still waits for a chunk', async () => {
    const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
    const setup: WorkerSetup = {
      seed: 1,
      today: TODAY,
      marketingState: true,
      catalogue: {
        // A contract has up to three products of the catalogue.
        services: [
          { id: uuid(1), code: 'M1', name: 'Mobiili', kind: 'MOBILE', monthlyPriceCents: 1990 },
          { id: uuid(2), code: 'B1', name: 'Kuitu', kind: 'BROADBAND', monthlyPriceCents: 3990 },
          { id: uuid(3), code: 'T1', name: 'TV', kind: 'TV', monthlyPriceCents: 1490 },
        ],
        equipment: [{ id: uuid(4), sku: 'P1', name: 'Puhelin', priceCents: 19_900 }],
      },
      staff: { service: uuid(5), dpo: uuid(6), sales: uuid(7) },
      pin: { keyId: 'test-1', key: randomBytes(32), blindIndexKey: randomBytes(32), purpose: PIN_PURPOSE, context: ['customer:', ':personalIdentityNumber'] },
    };
    const requests = [0, 1, 2].map((chunk) => ({ chunk, first: chunk * 10, count: 10 }));
    // Two connections load each chunk; one chunk in memory at a time.
    const source = new ChunkSource(setup, 1, requests, () => 2, 1);
    try {
      const first = await source.get(0);
      expect(first.customer.rows).toBe(10);
      expect(first.customer_marketing_state.rows).toBe(40);
      source.release(0);
      // One connection is done with chunk 0, the other not yet: chunk 1 is not built, its reader waits...
      const waiting = source.get(1);
      const state = await Promise.race([waiting.then(() => 'built'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 500))]);
      expect(state).toBe('waiting');
      // ...until the run stops (the other connection failed): then it is told, instead of waiting forever.
      source.stop();
      await expect(waiting).rejects.toThrow(/stopped/);
    } finally {
      await source.close();
    }
  });

  it('computes the marketing state exactly as the triggers do, and a restart continues without duplicates', async () => {
    const reference = await createTestDatabase();
    const interrupted = await createTestDatabase();
    databases.push(reference, interrupted);
    const settings = { config, customers: 600, seed: 5, chunkSize: 100, staffPassword: DEMO_PASSWORD, today: TODAY };
    // The reference path: every trigger on, the database derives customer_marketing_state row by row.
    await generateRegister({ ...settings, databaseUrl: reference.url, marketingState: 'triggers', workers: 1 });

    // The fast path, interrupted while the second connection is in the middle of a chunk.
    const abort = new AbortController();
    let committed = 0;
    await expect(
      generateRegister({
        ...settings,
        databaseUrl: interrupted.url,
        signal: abort.signal,
        onChunk: () => {
          committed += 1;
          if (committed === 3) abort.abort();
        },
      }),
    ).rejects.toThrow(/interrupted: \d+ of 6 chunks are loaded; run the same command again to continue/);
    // Each chunk has two parts, each committed with its record by its own connection.
    const [partial] = await query<{ complete: string; customers: string; recorded_customers: string; history: string; recorded_history: string }>(
      interrupted.url,
      `select (select count(*) from (select chunk from register_generate.chunk_part group by chunk having count(*) = ${CHUNK_PART_NAMES.length}) c)::text as complete,
              (select count(*) from customer)::text as customers,
              (select coalesce(sum(customers), 0) from register_generate.chunk_part where part = 'register')::text as recorded_customers,
              (select count(distinct customer_id) from customer_event)::text as history,
              (select coalesce(sum(customers), 0) from register_generate.chunk_part where part = 'history')::text as recorded_history`,
    );
    expect(Number(partial!.complete)).toBeGreaterThanOrEqual(3);
    expect(Number(partial!.complete)).toBeLessThan(6);
    // No half part: exactly the customers of the committed parts are there (every customer has history).
    expect(partial!.customers).toBe(partial!.recorded_customers);
    expect(partial!.history).toBe(partial!.recorded_history);
    expect(await generatedRegister(interrupted.url)).toEqual({ customers: 600, seed: 5, completed: false });

    const resumed = await generateRegister({ ...settings, databaseUrl: interrupted.url });
    expect(resumed.chunksResumed).toBe(Number(partial!.complete));
    expect(resumed.chunksLoaded).toBe(6 - Number(partial!.complete));

    const expected = await digests(reference.url);
    const actual = await digests(interrupted.url);
    expect(actual.customer!.rows).toBe(600);
    expect(actual.customer_marketing_state!.rows).toBe(2400);
    expect(actual).toEqual(expected);
  });
});
