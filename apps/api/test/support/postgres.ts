/**
 * Test databases: TEST_DATABASE_URL when it is set (CI points it at the machine's server),
 * otherwise the embedded PostgreSQL in a temporary folder. Each run creates uniquely named
 * databases (a migrated template, then one clone per test file) and drops them, and drops what a
 * crashed earlier run left behind.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embedded-postgres.js';

export const PREFIX = 'register_test_';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(adminUrl: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query<T>(sql, params);
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Databases are named register_test_<pid>_<what>: a database whose process is gone is stale. */
export async function dropStaleDatabases(adminUrl: string): Promise<void> {
  const { rows } = await adminQuery<{ datname: string }>(adminUrl, `select datname from pg_database where datname like $1`, [`${PREFIX}%`]);
  for (const { datname } of rows) {
    const pid = Number(/^register_test_(\d+)_/.exec(datname)?.[1]);
    if (Number.isInteger(pid) && !alive(pid)) {
      await adminQuery(adminUrl, `drop database if exists "${datname}" with (force)`);
    }
  }
}

export async function testServer(
  env: NodeJS.ProcessEnv,
): Promise<{ adminUrl: string; embedded?: EmbeddedServer }> {
  const configured = env.TEST_DATABASE_URL;
  if (configured) return { adminUrl: configured };
  const dataDir = join(tmpdir(), 'register-test-postgres');
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const embedded = await startEmbeddedPostgres({ dataDir });
  return { adminUrl: embedded.adminUrl, embedded };
}
