/**
 * `register generate`: fills a migrated database with a realistic register of N customers, fast
 * enough for a million (COPY into the ordinary logged tables, secondary indexes dropped while
 * loading and rebuilt after, two loading connections for two cores) and restartable: the work is
 * done in chunks of customers, each chunk one transaction that also records itself in
 * `register_generate.chunk`, so an interrupted run leaves no half chunk and a new run with the
 * same settings continues with the chunks that are missing.
 *
 * While loading, the loading sessions run with `session_replication_role = replica`: the
 * marketing triggers and the foreign-key triggers do not fire row by row. The generator writes
 * customer_marketing_state itself, computed exactly as the triggers would (a test compares the
 * two), and every reference it writes points at a row of the same chunk or of the catalogue.
 * This needs a superuser (or a role allowed to set session_replication_role), as bulk loaders do.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createSecretKey, randomBytes } from 'node:crypto';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { MikroORM } from '@mikro-orm/postgresql';
import { STAFF_ROLES } from '@register/schema';
import type { Config, Secrets } from '../../config.js';
import { FieldCrypto } from '../../common/field-crypto.js';
import { seedCatalogue } from '../../modules/catalogue/catalogue.seed.js';
import { ServiceProduct, EquipmentModel } from '../../modules/catalogue/catalogue.entity.js';
import { StaffUser } from '../../modules/staff/staff-user.entity.js';
import { AuthService } from '../../access/auth.service.js';
import { ormConfig } from '../orm.config.js';
import { CHUNK_TABLES, CHUNK_TABLE_NAMES, chunkRows, type CatalogueRef, type ChunkContext, type ChunkRows } from './register-rows.js';
import { uniqueValues } from './unique-values.js';

export const STATE_SCHEMA = 'register_generate';

export interface GenerateOptions {
  databaseUrl: string;
  customers: number;
  seed: number;
  /** The API's configuration: its keys encrypt the identity numbers exactly as the API does. */
  config: Config;
  /** Customers per chunk (per transaction); a restart redoes at most this many per connection. */
  chunkSize?: number;
  /** Loading connections (default 2: one PostgreSQL backend per core while Node makes rows). */
  workers?: number;
  /** Password of the staff users (username = role) created when the database has none. */
  staffPassword?: string;
  /**
   * 'computed' (default): the generator writes customer_marketing_state, triggers off while
   * loading. 'triggers': rows are loaded with every trigger on and the database derives the state
   * (slow; the reference the computed path is tested against).
   */
  marketingState?: 'computed' | 'triggers';
  /** Stops between chunks (or aborts the chunk in flight, which then rolls back). */
  signal?: AbortSignal;
  /** Called after each chunk has committed. */
  onChunk?: (chunk: number) => void;
  /** Progress lines (phase, customers per second), e.g. to stderr. */
  progress?: (line: string) => void;
  /** The generation's "today"; defaults to the date the run was first started. */
  today?: string;
}

export interface GenerateResult {
  customers: number;
  chunksLoaded: number;
  /** Chunks that an earlier, interrupted run had already committed. */
  chunksResumed: number;
  seconds: number;
  customersPerSecond: number;
  rows: Record<string, number>;
  /** The password of staff users the run created (undefined when they existed already). */
  createdStaffPassword?: string;
}

export class GenerateError extends Error {
  override name = 'GenerateError';
}

const CATALOGUE_CODES_QUERY = `select id, code, name, kind, monthly_price_cents as "monthlyPriceCents" from service_product where active order by code`;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'register-generate' });
  await client.connect();
  return client;
}

async function prepareState(client: pg.Client, options: Required<Pick<GenerateOptions, 'customers' | 'seed' | 'chunkSize'>> & { today: string }) {
  await client.query(`create schema if not exists ${STATE_SCHEMA}`);
  await client.query(`create table if not exists ${STATE_SCHEMA}.run (
    id int primary key check (id = 1), seed bigint not null, customers int not null, chunk_size int not null,
    today date not null, started_at timestamptz not null default now(), completed_at timestamptz)`);
  await client.query(`create table if not exists ${STATE_SCHEMA}.chunk (
    chunk int primary key, customers int not null, finished_at timestamptz not null default now())`);
  await client.query(`create table if not exists ${STATE_SCHEMA}.dropped_index (
    name text primary key, table_name text not null, definition text not null)`);
  const { rows } = await client.query<{ seed: string; customers: number; chunk_size: number; today: string; completed_at: Date | null }>(
    `select seed::text, customers, chunk_size, to_char(today, 'YYYY-MM-DD') as today, completed_at from ${STATE_SCHEMA}.run`,
  );
  const existing = rows[0];
  if (existing) {
    if (Number(existing.seed) !== options.seed || existing.customers !== options.customers || existing.chunk_size !== options.chunkSize) {
      throw new GenerateError(
        `this database holds a generated register of ${existing.customers} customers with seed ${existing.seed} (chunks of ${existing.chunk_size}); ` +
          `run again with --customers ${existing.customers} --seed ${existing.seed} to finish it, or generate into a new database`,
      );
    }
    return { today: existing.today, completed: existing.completed_at !== null, resumed: true };
  }
  const { rows: count } = await client.query<{ any: boolean }>(`select exists (select 1 from customer) as any`);
  if (count[0]!.any) {
    throw new GenerateError('the database already has customers that the generator did not write: generate into a new, migrated database');
  }
  await client.query(`insert into ${STATE_SCHEMA}.run (id, seed, customers, chunk_size, today) values (1, $1, $2, $3, $4)`, [
    options.seed,
    options.customers,
    options.chunkSize,
    options.today,
  ]);
  return { today: options.today, completed: false, resumed: false };
}

/** Staff users (for recorded_by and staff_user_id) and the catalogue, when the database has none. */
async function ensureStaffAndCatalogue(url: string, config: Config, password: string | undefined) {
  const orm = await MikroORM.init(ormConfig(url, { pool: { min: 0, max: 2 } }));
  try {
    await orm.migrator.up();
    const em = orm.em.fork();
    let createdStaffPassword: string | undefined;
    if ((await em.count(StaffUser, {})) === 0) {
      const chosen = password ?? randomBytes(12).toString('base64url');
      if (password === undefined) createdStaffPassword = chosen;
      const auth = new AuthService(config, new FieldCrypto(config.secrets));
      for (const role of STAFF_ROLES) {
        await auth.createStaffUser(em, { username: role, displayName: `Generated ${role}`, password: chosen, roles: [role] });
      }
    }
    if ((await em.count(ServiceProduct, {})) === 0) await seedCatalogue(em);
    const staff = await em.find(StaffUser, { username: { $in: ['service', 'dpo', 'sales'] } }, { fields: ['id', 'username'] });
    const idOf = (username: string) => {
      const found = staff.find((user) => user.username === username) ?? staff[0];
      if (!found) throw new GenerateError('the database has staff users but none named service, dpo or sales');
      return found.id;
    };
    const equipment = await em.find(EquipmentModel, { active: true }, { orderBy: { sku: 'asc' } });
    return {
      createdStaffPassword,
      staff: { service: idOf('service'), dpo: idOf('dpo'), sales: idOf('sales') },
      equipment: equipment.map((model) => ({ id: model.id, sku: model.sku, name: model.model, priceCents: model.priceCents })),
    };
  } finally {
    await orm.close(true);
  }
}

/** Drops the secondary indexes of the loaded tables, remembering their definitions (once). */
async function dropSecondaryIndexes(client: pg.Client) {
  await client.query('begin');
  try {
    const { rows } = await client.query<{ name: string; table_name: string; definition: string }>(
      `select i.relname as name, t.relname as table_name, pg_get_indexdef(x.indexrelid) as definition
         from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
         join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = 'public' and t.relname = any($1)
          and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
      [CHUNK_TABLE_NAMES],
    );
    for (const index of rows) {
      await client.query(`insert into ${STATE_SCHEMA}.dropped_index (name, table_name, definition) values ($1, $2, $3) on conflict do nothing`, [
        index.name,
        index.table_name,
        index.definition,
      ]);
      await client.query(`drop index "${index.name}"`);
    }
    await client.query('commit');
    return rows.length;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

function* batches(lines: string[], size = 2000): Generator<string> {
  for (let start = 0; start < lines.length; start += size) yield lines.slice(start, start + size).join('');
}

async function copyInto(client: pg.Client, table: string, columns: readonly string[], lines: string[], signal?: AbortSignal) {
  if (lines.length === 0) return;
  const target = client.query(copyStreams.from(`copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`));
  await pipeline(Readable.from(batches(lines)), target, signal ? { signal } : {});
}

async function loadChunk(client: pg.Client, chunk: number, count: number, rows: ChunkRows, computedState: boolean, signal?: AbortSignal) {
  await client.query('begin');
  try {
    for (const table of CHUNK_TABLE_NAMES) {
      if (table === 'customer_marketing_state' && !computedState) continue;
      await copyInto(client, table, CHUNK_TABLES[table], rows[table], signal);
    }
    await client.query(`insert into ${STATE_SCHEMA}.chunk (chunk, customers) values ($1, $2)`, [chunk, count]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * The same keys as KeyObjects, for the API's own FieldCrypto: node:crypto accepts either, and a
 * KeyObject is imported once instead of on every seal and HMAC (half the cost per customer).
 */
function importedKeys(secrets: Secrets): Secrets {
  const imported = (key: Buffer) => createSecretKey(key) as unknown as Buffer;
  return {
    ...secrets,
    pinKeys: new Map([...secrets.pinKeys].map(([id, key]) => [id, imported(key)])),
    blindIndexKey: imported(secrets.blindIndexKey),
  };
}

function format(n: number) {
  return Math.round(n).toLocaleString('en-US');
}

export async function generateRegister(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const chunkSize = options.chunkSize ?? 5000;
  const workers = Math.max(1, options.workers ?? 2);
  const computedState = (options.marketingState ?? 'computed') === 'computed';
  const progress = options.progress ?? (() => undefined);
  if (!Number.isInteger(options.customers) || options.customers < 1 || options.customers > 3_000_000) {
    throw new GenerateError('customers must be a whole number from 1 to 3,000,000');
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new GenerateError('seed must be a non-negative whole number');

  progress('generate: migrating the database and preparing staff users and the catalogue');
  const base = await ensureStaffAndCatalogue(options.databaseUrl, options.config, options.staffPassword);
  const control = await connect(options.databaseUrl);
  const clients: pg.Client[] = [];
  try {
    const state = await prepareState(control, {
      customers: options.customers,
      seed: options.seed,
      chunkSize,
      today: options.today ?? new Date().toISOString().slice(0, 10),
    });
    const { rows: services } = await control.query<CatalogueRef['services'][number]>(CATALOGUE_CODES_QUERY);
    const context: ChunkContext = {
      seed: options.seed,
      today: state.today,
      crypto: new FieldCrypto(importedKeys(options.config.secrets)),
      values: uniqueValues(options.seed),
      catalogue: { services, equipment: base.equipment },
      staff: base.staff,
      marketingState: computedState,
    };
    const totalChunks = Math.ceil(options.customers / chunkSize);
    const { rows: done } = await control.query<{ chunk: number }>(`select chunk from ${STATE_SCHEMA}.chunk`);
    const finished = new Set(done.map((row) => row.chunk));
    const pending: number[] = [];
    for (let chunk = 0; chunk < totalChunks; chunk += 1) if (!finished.has(chunk)) pending.push(chunk);
    const rowCounts: Record<string, number> = {};

    if (!state.completed && pending.length > 0) {
      const dropped = await dropSecondaryIndexes(control);
      if (dropped > 0) progress(`generate: dropped ${dropped} secondary indexes for the load (their definitions are kept in ${STATE_SCHEMA}.dropped_index)`);
      if (finished.size > 0) progress(`generate: resuming, ${finished.size} of ${totalChunks} chunks were loaded by an earlier run`);
      for (let n = 0; n < Math.min(workers, pending.length); n += 1) {
        const client = await connect(options.databaseUrl);
        clients.push(client);
        await client.query(`set synchronous_commit = off`);
        if (computedState) {
          try {
            await client.query(`set session_replication_role = replica`);
          } catch {
            throw new GenerateError('the generator needs a superuser connection (it loads with session_replication_role = replica)');
          }
        }
      }
      let loadedCustomers = 0;
      let next = 0;
      const loadStarted = performance.now();
      let lastReport = 0;
      const report = (force = false) => {
        const now = performance.now();
        if (!force && now - lastReport < 2000) return;
        lastReport = now;
        const rate = loadedCustomers / Math.max(0.001, (now - loadStarted) / 1000);
        progress(`generate: load ${finished.size}/${totalChunks} chunks, ${format(loadedCustomers)} customers this run, ${format(rate)} customers/s`);
      };
      const work = async (client: pg.Client) => {
        while (next < pending.length) {
          if (options.signal?.aborted) return;
          const chunk = pending[next]!;
          next += 1;
          const first = chunk * chunkSize;
          const count = Math.min(chunkSize, options.customers - first);
          const rows = chunkRows(context, chunk, first, count);
          // Yield so the other connection's COPY gets its data while this chunk waits its turn.
          await new Promise((resolve) => setImmediate(resolve));
          try {
            await loadChunk(client, chunk, count, rows, computedState, options.signal);
          } catch (error) {
            // Interrupted in the middle of a COPY: that chunk has rolled back and is done by the next run.
            if (options.signal?.aborted) return;
            throw error;
          }
          for (const table of CHUNK_TABLE_NAMES) rowCounts[table] = (rowCounts[table] ?? 0) + rows[table].length;
          finished.add(chunk);
          loadedCustomers += count;
          options.onChunk?.(chunk);
          report();
        }
      };
      await Promise.all(clients.map((client) => work(client)));
      report(true);
      if (options.signal?.aborted) throw new GenerateError(`interrupted: ${finished.size} of ${totalChunks} chunks are loaded; run the same command again to continue`);
    }

    if (!state.completed) {
      await finish(options.databaseUrl, control, clients, workers, progress, options.signal);
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      customers: options.customers,
      chunksLoaded: pending.length,
      chunksResumed: totalChunks - pending.length,
      seconds,
      customersPerSecond: pending.length === 0 ? 0 : Math.min(options.customers, pending.length * chunkSize) / seconds,
      rows: rowCounts,
      createdStaffPassword: base.createdStaffPassword,
    };
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await control.end().catch(() => undefined);
  }
}

/** Rebuilds the dropped indexes (in parallel), moves the sequences past the generated numbers, analyses. */
async function finish(url: string, control: pg.Client, clients: pg.Client[], workers: number, progress: (line: string) => void, signal?: AbortSignal) {
  const { rows: indexes } = await control.query<{ name: string; definition: string }>(
    `select d.name, d.definition from ${STATE_SCHEMA}.dropped_index d
      where not exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relname = d.name)
      order by d.table_name = 'customer_event' desc, d.name`,
  );
  while (clients.length < workers) clients.push(await connect(url));
  for (const client of clients) {
    await client.query(`set maintenance_work_mem = '256MB'`);
    await client.query(`set max_parallel_maintenance_workers = 0`);
  }
  const buildStarted = performance.now();
  let next = 0;
  let built = 0;
  const work = async (client: pg.Client) => {
    while (next < indexes.length) {
      if (signal?.aborted) return;
      const index = indexes[next]!;
      next += 1;
      await client.query(index.definition);
      built += 1;
      progress(`generate: index ${built}/${indexes.length} ${index.name} (${((performance.now() - buildStarted) / 1000).toFixed(1)} s)`);
    }
  };
  await Promise.all(clients.map((client) => work(client)));
  if (signal?.aborted) throw new GenerateError('interrupted while building indexes; run the same command again to finish');
  await control.query(`delete from ${STATE_SCHEMA}.dropped_index`);
  progress('generate: moving sequences past the generated numbers and analysing');
  await control.query(`select setval('contract_number_seq', greatest((select max(substring(contract_number from 5)::bigint) from contract where contract_number ~ '^SOP-[0-9]+$'), 100000) + 1, false)`);
  await control.query(`select setval('invoice_number_seq', greatest((select max(invoice_number) from invoice), 100000) + 1, false)`);
  await control.query(`select setval('customer_order_number_seq', greatest((select max(order_number) from customer_order), 100000) + 1, false)`);
  await Promise.all([
    clients[0]!.query(`analyze customer, contact_person, contract, contract_line, sim_card, billing_account, invoice, feedback`),
    (clients[1] ?? clients[0]!).query(`analyze customer_event, customer_order, customer_order_line, marketing_permit_entry, customer_marketing_state`),
  ]);
  await control.query(`update ${STATE_SCHEMA}.run set completed_at = now()`);
}

/** Whether the database holds a completed generated register, and of what size and seed. */
export async function generatedRegister(url: string): Promise<{ customers: number; seed: number; completed: boolean } | undefined> {
  const client = await connect(url);
  try {
    const { rows: exists } = await client.query<{ found: boolean }>(`select to_regclass('${STATE_SCHEMA}.run') is not null as found`);
    if (!exists[0]!.found) return undefined;
    const { rows } = await client.query<{ customers: number; seed: string; completed: boolean }>(
      `select customers, seed::text, completed_at is not null as completed from ${STATE_SCHEMA}.run`,
    );
    const run = rows[0];
    return run ? { customers: run.customers, seed: Number(run.seed), completed: run.completed } : undefined;
  } finally {
    await client.end();
  }
}
