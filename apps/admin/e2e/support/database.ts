/**
 * A fresh PostgreSQL database per test file, dropped afterwards. The only file of the browser
 * tests that knows where databases come from, so a shared helper can replace it.
 *
 * TEST_DATABASE_URL (CI sets it) names the server; without it the API's embedded PostgreSQL runs
 * in a temporary folder (the browser tests need the API built anyway, so its module is there).
 * Databases are named register_e2e_<pid>_<random>; ones whose process is gone (a crashed run) are
 * dropped at the start of the next run.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const PREFIX = 'register_e2e_';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

interface EmbeddedModule {
  startEmbeddedPostgres(options: { dataDir: string }): Promise<{ adminUrl: string }>;
}

// A computed file URL, so that typechecking the app does not need the API built.
const EMBEDDED_MODULE = pathToFileURL(
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'api', 'dist', 'db', 'embedded-postgres.js'),
).href;
let embedded: Promise<string> | undefined;

function serverUrl(): Promise<string> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) return Promise.resolve(configured);
  embedded ??= (import(EMBEDDED_MODULE) as Promise<EmbeddedModule>).then(async ({ startEmbeddedPostgres }) => {
    const server = await startEmbeddedPostgres({ dataDir: join(tmpdir(), 'register-e2e-postgres') });
    return server.adminUrl;
  });
  return embedded;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function dropLeftovers(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    'select datname from pg_database where datname like $1',
    [`${PREFIX}%`],
  );
  for (const { datname } of rows) {
    const pid = Number(/^register_e2e_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
    // Only databases this helper named, and only when the run that made them is gone.
    if (!Number.isInteger(pid) || pid <= 0 || isAlive(pid)) continue;
    await client.query(`drop database if exists ${quote(datname)} with (force)`);
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(async (client) => {
    await dropLeftovers(client);
    await client.query(`create database ${quote(name)}`);
  });
  return {
    name,
    url: withDatabase(await serverUrl(), name),
    drop: () =>
      withAdminClient(async (client) => {
        await client.query(`drop database if exists ${quote(name)} with (force)`);
      }),
  };
}
