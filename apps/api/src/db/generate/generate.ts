/**
 * `register generate`: fills a migrated database with a realistic register of N customers, fast
 * enough for a million, and restartable.
 *
 * - Rows are built in worker threads as PostgreSQL's binary COPY format (no text to format or
 *   parse) a few chunks ahead of the loaders, and streamed into the ordinary logged tables.
 * - Each chunk of customers has two parts (register-rows.ts, CHUNK_PARTS), loaded on two
 *   connections at once: every table is written by one connection in ascending key order.
 *   Each part is one transaction that also records itself in `register_generate.chunk_part`, so
 *   an interrupted run leaves no half part and a new run with the same settings loads the parts
 *   that are missing.
 * - Secondary indexes are dropped while loading (their definitions kept in
 *   `register_generate.dropped_index`, so a restart still rebuilds them) and built afterwards,
 *   the biggest first, on two connections.
 *
 * While loading, the loading sessions run with `session_replication_role = replica`: the
 * marketing triggers and the foreign-key triggers do not fire row by row. The generator writes
 * customer_marketing_state itself, computed exactly as the triggers would (a test compares the
 * two), and every reference it writes points at a row of the same chunk or of the catalogue.
 * This needs a superuser (or a role allowed to set session_replication_role), as bulk loaders do.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { MikroORM } from '@mikro-orm/postgresql';
import { STAFF_ROLES } from '@register/schema';
import type { Config } from '../../config.js';
import { FieldCrypto } from '../../common/field-crypto.js';
import { seedCatalogue } from '../../modules/catalogue/catalogue.seed.js';
import { ServiceProduct, EquipmentModel } from '../../modules/catalogue/catalogue.entity.js';
import { PIN_PURPOSE, pinContext } from '../../modules/customer/customer.service.js';
import { StaffUser } from '../../modules/staff/staff-user.entity.js';
import { AuthService } from '../../access/auth.service.js';
import { ormConfig } from '../orm.config.js';
import { ChunkSource, type ChunkRequest, type WorkerSetup } from './chunk-source.js';
import {
  CHUNK_PART_NAMES,
  CHUNK_PARTS,
  CHUNK_TABLE_NAMES,
  CHUNK_TABLES,
  ROWS_PER_CUSTOMER,
  type CatalogueRef,
  type ChunkPart,
  type ChunkRows,
  type ChunkTable,
  type ColumnType,
} from './register-rows.js';

export const STATE_SCHEMA = 'register_generate';
/**
 * The generator's row format: a run started by another format is not continued (its chunks
 * would not fit the new ones). 2 = binary COPY, counter-based ids, chunk parts.
 */
const FORMAT = 2;

export interface GenerateOptions {
  databaseUrl: string;
  customers: number;
  seed: number;
  /** The API's configuration: its keys encrypt the identity numbers exactly as the API does. */
  config: Config;
  /** Customers per chunk (per transaction); a restart redoes at most one chunk part per connection. */
  chunkSize?: number;
  /** Loading connections, 1 or 2 (default 2: the two parts of each chunk at once). */
  workers?: number;
  /** Threads that build the rows, 1 or 2 (default 1). */
  threads?: number;
  /** Password of the staff users (username = role) created when the database has none. */
  staffPassword?: string;
  /**
   * 'computed' (default): the generator writes customer_marketing_state, triggers off while
   * loading. 'triggers': rows are loaded on one connection with every trigger on and the database
   * derives the state (slow; the reference the computed path is tested against).
   */
  marketingState?: 'computed' | 'triggers';
  /** Stops between chunks (or aborts the chunk parts in flight, which then roll back). */
  signal?: AbortSignal;
  /** Called when every part of a chunk has committed. */
  onChunk?: (chunk: number) => void;
  /** Progress lines (phase, customers per second), e.g. to stderr. */
  progress?: (line: string) => void;
  /** The generation's "today"; defaults to the date the run was first started. */
  today?: string;
}

export interface GenerateResult {
  customers: number;
  /** Chunks this run loaded (all or some of their parts). */
  chunksLoaded: number;
  /** Chunks that an earlier, interrupted run had already committed completely. */
  chunksResumed: number;
  seconds: number;
  /** Customers this run loaded per second, end to end (indexes included); 0 when it loaded none. */
  customersPerSecond: number;
  rows: Record<string, number>;
  /**
   * Seconds of each phase of this run: setup (migrations, staff, catalogue, dropping indexes),
   * loading, indexes (builds and ANALYZE), and within loading the CPU time the worker threads
   * spent building rows (build) and the COPY time per table (copy:<table>, on either connection).
   */
  phases: Record<string, number>;
  /** The password of staff users the run created (undefined when they existed already). */
  createdStaffPassword?: string;
}

export class GenerateError extends Error {
  override name = 'GenerateError';
}

const CATALOGUE_CODES_QUERY = `select id, code, name, kind, monthly_price_cents as "monthlyPriceCents" from service_product where active order by code`;
/** Chunks built or waiting in memory at once (about 30 MB of COPY data per 5,000 customers). */
const LOOKAHEAD = 4;
/** COPY data is sent in slices this big, so PostgreSQL works while the rest is on its way. */
const SLICE_BYTES = 256 * 1024;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'register-generate' });
  await client.connect();
  return client;
}

async function prepareState(client: pg.Client, options: Required<Pick<GenerateOptions, 'customers' | 'seed' | 'chunkSize'>> & { today: string }) {
  await client.query(`create schema if not exists ${STATE_SCHEMA}`);
  await client.query(`create table if not exists ${STATE_SCHEMA}.run (
    id int primary key check (id = 1), seed bigint not null, customers int not null, chunk_size int not null,
    today date not null, started_at timestamptz not null default now(), completed_at timestamptz, format int)`);
  await client.query(`alter table ${STATE_SCHEMA}.run add column if not exists format int`);
  await client.query(`create table if not exists ${STATE_SCHEMA}.chunk_part (
    chunk int not null, part text not null, customers int not null, finished_at timestamptz not null default now(),
    primary key (chunk, part))`);
  await client.query(`create table if not exists ${STATE_SCHEMA}.dropped_index (
    name text primary key, table_name text not null, definition text not null)`);
  const { rows } = await client.query<{ seed: string; customers: number; chunk_size: number; today: string; completed_at: Date | null; format: number | null }>(
    `select seed::text, customers, chunk_size, to_char(today, 'YYYY-MM-DD') as today, completed_at, format from ${STATE_SCHEMA}.run`,
  );
  const existing = rows[0];
  if (existing) {
    if (Number(existing.seed) !== options.seed || existing.customers !== options.customers || existing.chunk_size !== options.chunkSize) {
      throw new GenerateError(
        `this database holds a generated register of ${existing.customers} customers with seed ${existing.seed} (chunks of ${existing.chunk_size}); ` +
          `run again with --customers ${existing.customers} --seed ${existing.seed} --chunk-size ${existing.chunk_size} to finish it, or generate into a new database`,
      );
    }
    if (existing.completed_at === null && existing.format !== FORMAT) {
      throw new GenerateError(
        'this database holds an unfinished register started by an earlier version of the generator, whose rows the current one cannot continue: generate into a new, migrated database',
      );
    }
    return { today: existing.today, completed: existing.completed_at !== null, resumed: true };
  }
  const { rows: count } = await client.query<{ any: boolean }>(`select exists (select 1 from customer) as any`);
  if (count[0]!.any) {
    throw new GenerateError('the database already has customers that the generator did not write: generate into a new, migrated database');
  }
  await client.query(`insert into ${STATE_SCHEMA}.run (id, seed, customers, chunk_size, today, format) values (1, $1, $2, $3, $4, $5)`, [
    options.seed,
    options.customers,
    options.chunkSize,
    options.today,
    FORMAT,
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

const TYPE_NAMES: Record<string, ColumnType> = {
  uuid: 'uuid', varchar: 'text', text: 'text', int2: 'int2', int4: 'int4', bool: 'bool', date: 'date', timestamptz: 'timestamptz',
  bytea: 'bytea', jsonb: 'jsonb', _text: 'text[]',
};

/** The binary format must match each column's type exactly: check them all before loading anything. */
async function checkColumns(client: pg.Client) {
  const { rows } = await client.query<{ table_name: string; column_name: string; type_name: string; type_type: string; type: string }>(
    `select c.relname as table_name, a.attname as column_name, t.typname as type_name, t.typtype as type_type, format_type(a.atttypid, a.atttypmod) as type
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace join pg_type t on t.oid = a.atttypid
      where n.nspname = 'public' and c.relname = any($1) and a.attnum > 0 and not a.attisdropped`,
    [CHUNK_TABLE_NAMES],
  );
  const actual = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row]));
  for (const table of CHUNK_TABLE_NAMES) {
    for (const [column, expected] of CHUNK_TABLES[table]) {
      const found = actual.get(`${table}.${column}`);
      if (!found) {
        throw new GenerateError(`column ${table}.${column} does not exist in the database: migrate it, or update CHUNK_TABLES in src/db/generate/register-rows.ts`);
      }
      const kind = found.type_type === 'e' ? 'enum' : TYPE_NAMES[found.type_name];
      if (kind !== expected) {
        throw new GenerateError(
          `column ${table}.${column} is ${found.type} in the database, but the generator writes it as ${expected}: update CHUNK_TABLES and the row code in src/db/generate/register-rows.ts`,
        );
      }
    }
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

function* slices(data: Buffer): Generator<Buffer> {
  for (let start = 0; start < data.length; start += SLICE_BYTES) yield data.subarray(start, start + SLICE_BYTES);
}

async function copyInto(client: pg.Client, table: ChunkTable, data: Buffer, signal: AbortSignal, phases: Record<string, number>) {
  const started = performance.now();
  const columns = CHUNK_TABLES[table].map(([column]) => `"${column}"`).join(', ');
  const target = client.query(copyStreams.from(`copy "${table}" (${columns}) from stdin with (format binary)`));
  await pipeline(Readable.from(slices(data)), target, { signal });
  phases[`copy:${table}`] = (phases[`copy:${table}`] ?? 0) + (performance.now() - started) / 1000;
}

/** One transaction: the tables of the given parts of a chunk, and the record that they are loaded. */
async function loadParts(
  client: pg.Client,
  chunk: number,
  count: number,
  parts: readonly ChunkPart[],
  rows: ChunkRows,
  computedState: boolean,
  signal: AbortSignal,
  phases: Record<string, number>,
) {
  const tables = new Set<ChunkTable>(parts.flatMap((part) => CHUNK_PARTS[part]));
  await client.query('begin');
  try {
    // Parents first (the order of CHUNK_TABLES): with the triggers on, children find their rows.
    for (const table of CHUNK_TABLE_NAMES) {
      if (!tables.has(table) || rows[table].rows === 0) continue;
      if (table === 'customer_marketing_state' && !computedState) continue;
      await copyInto(client, table, rows[table].data, signal, phases);
    }
    await client.query(`insert into ${STATE_SCHEMA}.chunk_part (chunk, part, customers) select $1, unnest($2::text[]), $3`, [chunk, parts, count]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

function format(n: number) {
  return Math.round(n).toLocaleString('en-US');
}

function whole(name: string, value: number, min: number, max: number) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new GenerateError(`${name} must be a whole number from ${format(min)} to ${format(max)} (got ${value})`);
  }
  return value;
}

interface Lane {
  parts: readonly ChunkPart[];
  chunks: number[];
  client?: pg.Client;
}

export async function generateRegister(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const customers = whole('customers', options.customers, 1, 3_000_000);
  const chunkSize = whole('chunk size', options.chunkSize ?? 5000, 1, 100_000);
  const workers = whole('workers (loading connections)', options.workers ?? 2, 1, CHUNK_PART_NAMES.length);
  const threads = whole('threads (generator threads)', options.threads ?? 1, 1, 2);
  const computedState = (options.marketingState ?? 'computed') === 'computed';
  const progress = options.progress ?? (() => undefined);
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new GenerateError('seed must be a non-negative whole number');

  const phases: Record<string, number> = {};
  progress('generate: migrating the database and preparing staff users and the catalogue');
  const base = await ensureStaffAndCatalogue(options.databaseUrl, options.config, options.staffPassword);
  const control = await connect(options.databaseUrl);
  const clients: pg.Client[] = [];
  let source: ChunkSource | undefined;
  // Own controller: a failing connection stops the others too, and nobody waits for rows any more.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort);
  if (options.signal?.aborted) stop.abort();
  stop.signal.addEventListener('abort', () => source?.stop(), { once: true });
  try {
    const state = await prepareState(control, {
      customers,
      seed: options.seed,
      chunkSize,
      today: options.today ?? new Date().toISOString().slice(0, 10),
    });
    await checkColumns(control);
    const { rows: settings } = await control.query<{ name: string; setting: string }>(
      `select name, current_setting(name) as setting from pg_settings where name = any($1) order by name`,
      [['wal_level', 'max_wal_size', 'shared_buffers', 'synchronous_commit', 'full_page_writes']],
    );
    // What the loading speed depends on besides the cores: reported, so measurements say what they measured.
    progress(`generate: server settings: ${settings.map((row) => `${row.name}=${row.setting}`).join(', ')}`);
    const { rows: services } = await control.query<CatalogueRef['services'][number]>(CATALOGUE_CODES_QUERY);
    if (services.length < 3 || !services.some((service) => service.kind === 'MOBILE') || base.equipment.length === 0) {
      throw new GenerateError(
        `the catalogue has ${services.length} active service products (${services.filter((service) => service.kind === 'MOBILE').length} mobile) and ${base.equipment.length} active equipment models: ` +
          'the generator needs at least three service products, one of them mobile, and one equipment model (generate into a new database, which gets the standard catalogue)',
      );
    }
    const totalChunks = Math.ceil(customers / chunkSize);
    const countOf = (chunk: number) => Math.min(chunkSize, customers - chunk * chunkSize);
    const { rows: done } = await control.query<{ chunk: number; part: ChunkPart }>(`select chunk, part from ${STATE_SCHEMA}.chunk_part`);
    const loadedParts = new Set(done.map((row) => `${row.chunk}:${row.part}`));
    const missing = (chunk: number, parts: readonly ChunkPart[]) => parts.filter((part) => !loadedParts.has(`${chunk}:${part}`));
    const touched: number[] = [];
    for (let chunk = 0; chunk < totalChunks; chunk += 1) if (missing(chunk, CHUNK_PART_NAMES).length > 0) touched.push(chunk);
    const rowCounts: Record<string, number> = {};
    let loadedCustomers = 0;

    if (!state.completed && touched.length > 0) {
      const dropped = await dropSecondaryIndexes(control);
      if (dropped > 0) progress(`generate: dropped ${dropped} secondary indexes for the load (their definitions are kept in ${STATE_SCHEMA}.dropped_index)`);
      const complete = totalChunks - touched.length;
      if (loadedParts.size > 0) {
        const partly = touched.filter((chunk) => missing(chunk, CHUNK_PART_NAMES).length < CHUNK_PART_NAMES.length).length;
        progress(`generate: resuming: an earlier run loaded ${complete} of ${totalChunks} chunks${partly > 0 ? ` and parts of ${partly} more` : ''}`);
      }

      // With the triggers on, a chunk's rows must arrive together in one transaction (they check each other).
      const lanes: Lane[] = (computedState && workers > 1 ? CHUNK_PART_NAMES.map((part) => [part]) : [CHUNK_PART_NAMES]).map((parts) => ({
        parts,
        chunks: touched.filter((chunk) => missing(chunk, parts).length > 0),
      }));
      for (const lane of lanes.filter((lane) => lane.chunks.length > 0)) {
        const client = await connect(options.databaseUrl);
        clients.push(client);
        lane.client = client;
        await client.query(`set synchronous_commit = off`);
        if (computedState) {
          try {
            await client.query(`set session_replication_role = replica`);
          } catch {
            throw new GenerateError('the generator needs a superuser connection (it loads with session_replication_role = replica)');
          }
        }
      }
      const setup: WorkerSetup = {
        seed: options.seed,
        today: state.today,
        marketingState: computedState,
        catalogue: { services, equipment: base.equipment },
        staff: base.staff,
        pin: {
          keyId: options.config.secrets.pinKeyId,
          key: requiredKey(options.config.secrets.pinKeys.get(options.config.secrets.pinKeyId)),
          blindIndexKey: options.config.secrets.blindIndexKey,
          purpose: PIN_PURPOSE,
          context: pinContextParts(),
        },
      };
      const requests: ChunkRequest[] = touched.map((chunk) => ({ chunk, first: chunk * chunkSize, count: countOf(chunk) }));
      const laneChunks = lanes.map((lane) => new Set(lane.chunks));
      const users = (chunk: number) => laneChunks.filter((chunks) => chunks.has(chunk)).length;
      source = new ChunkSource(setup, threads, requests, users, LOOKAHEAD);

      const chunkPartsLeft = new Map(touched.map((chunk) => [chunk, missing(chunk, CHUNK_PART_NAMES).length]));
      let completeChunks = complete;
      let waitedForRows = 0;
      const loadStarted = performance.now();
      phases.setup = (loadStarted - started) / 1000;
      let lastReport = 0;
      const report = (force = false) => {
        const now = performance.now();
        if (!force && now - lastReport < 2000) return;
        lastReport = now;
        const rate = loadedCustomers / Math.max(0.001, (now - loadStarted) / 1000);
        const left = rate > 0 ? ` about ${format((touched.length - (completeChunks - complete)) * chunkSize / rate)} s of loading left` : '';
        progress(`generate: loaded ${completeChunks}/${totalChunks} chunks, ${format(loadedCustomers)} customers this run, ${format(rate)} customers/s;${left}`);
      };
      const work = async (lane: Lane) => {
        for (const chunk of lane.chunks) {
          if (stop.signal.aborted) return;
          const asked = performance.now();
          let rows: ChunkRows;
          try {
            rows = await source!.get(chunk);
          } catch (error) {
            if (stop.signal.aborted) return;
            throw error;
          }
          waitedForRows += performance.now() - asked;
          if (stop.signal.aborted) return;
          const parts = missing(chunk, lane.parts);
          try {
            await loadParts(lane.client!, chunk, countOf(chunk), parts, rows, computedState, stop.signal, phases);
          } catch (error) {
            // Interrupted in the middle of a COPY: that part has rolled back and is done by the next run.
            if (stop.signal.aborted) return;
            throw error;
          }
          source!.release(chunk);
          for (const part of parts) {
            loadedParts.add(`${chunk}:${part}`);
            for (const table of CHUNK_PARTS[part]) rowCounts[table] = (rowCounts[table] ?? 0) + rows[table].rows;
          }
          const left = chunkPartsLeft.get(chunk)! - parts.length;
          chunkPartsLeft.set(chunk, left);
          if (left === 0) {
            completeChunks += 1;
            loadedCustomers += countOf(chunk);
            options.onChunk?.(chunk);
            report();
          }
        }
      };
      const outcomes = await Promise.allSettled(
        lanes.filter((lane) => lane.client).map((lane) =>
          work(lane).catch((error: unknown) => {
            stop.abort();
            throw error;
          }),
        ),
      );
      const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed && !options.signal?.aborted) throw failed.reason;
      report(true);
      phases.loading = (performance.now() - loadStarted) / 1000;
      phases.build = source.buildSeconds;
      const copies = Object.entries(phases)
        .filter(([name]) => name.startsWith('copy:'))
        .sort((a, b) => b[1] - a[1])
        .map(([name, seconds]) => `${name.slice(5)} ${seconds.toFixed(1)}`)
        .join(', ');
      progress(
        `generate: loading took ${phases.loading.toFixed(1)} s; the ${lanes.length > 1 ? 'connections' : 'connection'} waited ` +
          `${(waitedForRows / 1000).toFixed(1)} s in all for rows to be built; building the rows took ${phases.build.toFixed(1)} s of CPU time; COPY s per table: ${copies}`,
      );
      if (stop.signal.aborted) {
        throw new GenerateError(`interrupted: ${completeChunks} of ${totalChunks} chunks are loaded; run the same command again to continue`);
      }
      await source.close();
      source = undefined;
    }

    if (!state.completed) {
      await finish(options.databaseUrl, control, clients, progress, stop.signal, customers, phases);
    }
    const seconds = (performance.now() - started) / 1000;
    progress(
      `generate: ${seconds.toFixed(1)} s in all: ` +
        ['setup', 'loading', 'indexes'].filter((phase) => phases[phase] !== undefined).map((phase) => `${phase} ${phases[phase]!.toFixed(1)} s`).join(', '),
    );
    const customersThisRun = touched.reduce((sum, chunk) => sum + countOf(chunk), 0);
    return {
      customers,
      chunksLoaded: touched.length,
      chunksResumed: totalChunks - touched.length,
      seconds,
      customersPerSecond: touched.length === 0 ? 0 : customersThisRun / seconds,
      rows: rowCounts,
      phases,
      createdStaffPassword: base.createdStaffPassword,
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await source?.close();
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await control.end().catch(() => undefined);
  }
}

function requiredKey(key: Buffer | undefined): Buffer {
  if (!key) throw new GenerateError('the current identity-number encryption key (PIN_ENCRYPTION_KEY) is not configured');
  return key;
}

/** The customer service's pinContext(id) as the text before and after the id. */
function pinContextParts(): [string, string] {
  const marker = '\u0000id\u0000';
  const [before, after, ...rest] = pinContext(marker).split(marker);
  if (after === undefined || rest.length > 0) throw new Error('pinContext must contain the customer id exactly once');
  return [before!, after];
}

/**
 * Roughly how expensive an index build is, in "plain B-tree entries": rows × the work per row.
 * Expressions (lower, regexp_replace, substring) are evaluated for every row, and trigram GIN
 * indexes sort many keys per row. Measured on a 100,000-customer register: a plain B-tree costs
 * about 1 µs per row, customer_search_word2 (eight expression calls) about 9, the trigram index
 * about 20. Only the order of the builds depends on it (the longest first, so the two connections
 * finish together).
 */
export function indexBuildCost(definition: string, rows: number): number {
  if (/gin_trgm_ops/.test(definition)) return rows * 20;
  if (/ USING gin /.test(definition)) return rows;
  const expressions = definition.match(/regexp_replace\(|substring"?\(|lower\(/g)?.length ?? 0;
  return rows * (1 + expressions);
}

interface FinishJob {
  table: string;
  /** The index's name; undefined: ANALYZE of the table. */
  index?: string;
  sql: string;
  cost: number;
}

/**
 * Rebuilds the dropped indexes on two connections, the most expensive first (longest processing
 * time first: both connections end at about the same time), with a lot of memory each so every
 * sort stays in memory; then analyses the tables on both connections; moves the sequences past the
 * generated numbers meanwhile on the control connection.
 */
async function finish(
  url: string,
  control: pg.Client,
  clients: pg.Client[],
  progress: (line: string) => void,
  signal: AbortSignal,
  customers: number,
  phases: Record<string, number>,
) {
  const { rows: indexes } = await control.query<{ name: string; table_name: string; definition: string }>(
    `select d.name, d.table_name, d.definition from ${STATE_SCHEMA}.dropped_index d
      where not exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relname = d.name)`,
  );
  while (clients.length < 2) clients.push(await connect(url));
  for (const client of clients) {
    // Two builds at once, one per core: each may keep its whole sort in memory (a million customers' history is ~1 GB of index tuples).
    await client.query(`set maintenance_work_mem = '2GB'`);
    await client.query(`set max_parallel_maintenance_workers = 0`);
    await client.query(`set synchronous_commit = off`);
  }
  const rowsOf = (table: string) => Math.max(1, customers * (ROWS_PER_CUSTOMER[table as ChunkTable] ?? 1));
  const jobs: FinishJob[] = indexes
    .map((index) => ({ table: index.table_name, index: index.name, sql: index.definition, cost: indexBuildCost(index.definition, rowsOf(index.table_name)) }))
    .sort((a, b) => b.cost - a.cost || a.index.localeCompare(b.index));
  // Then every table, the biggest first, once all the indexes exist (ANALYZE also samples the expression indexes).
  const analyses: FinishJob[] = [...CHUNK_TABLE_NAMES]
    .sort((a, b) => rowsOf(b) - rowsOf(a))
    .map((table) => ({ table, sql: `analyze "${table}"`, cost: rowsOf(table) }));
  const total = jobs.length;
  const buildStarted = performance.now();
  let built = 0;
  let indexSeconds = 0;
  let analyzeSeconds = 0;
  const work = async (client: pg.Client, queue: FinishJob[]) => {
    for (;;) {
      if (signal.aborted) return;
      const job = queue.shift();
      if (!job) return;
      const jobStarted = performance.now();
      await client.query(job.sql);
      const took = (performance.now() - jobStarted) / 1000;
      if (job.index === undefined) {
        analyzeSeconds += took;
        continue;
      }
      indexSeconds += took;
      built += 1;
      progress(`generate: index ${built}/${total} ${job.index} in ${took.toFixed(1)} s (${((performance.now() - buildStarted) / 1000).toFixed(1)} s)`);
    }
  };
  const sequences = (async () => {
    await control.query(`select setval('contract_number_seq', greatest((select max(substring(contract_number from 5)::bigint) from contract where contract_number ~ '^SOP-[0-9]+$'), 100000) + 1, false)`);
    await control.query(`select setval('invoice_number_seq', greatest((select max(invoice_number) from invoice), 100000) + 1, false)`);
    await control.query(`select setval('customer_order_number_seq', greatest((select max(order_number) from customer_order), 100000) + 1, false)`);
  })();
  await Promise.all([sequences, ...clients.slice(0, 2).map((client) => work(client, jobs))]);
  if (!signal.aborted) await Promise.all(clients.slice(0, 2).map((client) => work(client, analyses)));
  if (signal.aborted) throw new GenerateError('interrupted while building indexes; run the same command again to finish');
  await control.query(`delete from ${STATE_SCHEMA}.dropped_index`);
  await control.query(`update ${STATE_SCHEMA}.run set completed_at = now()`);
  phases.indexes = (performance.now() - buildStarted) / 1000;
  progress(
    `generate: ${total} indexes built and ${CHUNK_TABLE_NAMES.length} tables analysed in ${phases.indexes.toFixed(1)} s on two connections ` +
      `(the builds took ${indexSeconds.toFixed(1)} s and the analyses ${analyzeSeconds.toFixed(1)} s of connection time)`,
  );
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
