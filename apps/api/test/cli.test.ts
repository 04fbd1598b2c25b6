import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../src/db/orm.config.js';
import { createServices } from '../src/services.js';
import { createTestDatabase, testConfig } from './support/test-app.js';

/**
 * The operator's command line, run as operators run it: a separate process on the database,
 * configured by the environment.
 */
const apiRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: pg.Client;
let orm: MikroORM;
let dataDir: string;
const secrets = {
  PIN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  PIN_ENCRYPTION_KEY_ID: 'cli-test',
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
  SESSION_SECRET: randomBytes(32).toString('hex'),
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/cli/main.ts', ...args], {
      cwd: apiRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        ...secrets,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'register-cli-test-'));
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  orm = await MikroORM.init(ormConfig(database.url, { pool: { min: 0, max: 2 } }));
});
afterAll(async () => {
  await orm?.close(true);
  await db?.end();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('register user create', () => {
  it('creates a staff user with the roles, the password read from standard input', async () => {
    const run = await cli(['user', 'create', '-u', 'operaattori', '-n', 'Olli Operaattori', '-r', 'service', 'billing'], 'a long and secret password\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created operaattori \(service, billing\), id [0-9a-f-]{36}\n$/);
    const { rows } = await db.query<{ id: string; display_name: string; roles: string[]; active: boolean; password_hash: string }>(
      "select id, display_name, roles, active, password_hash from staff_user where username = 'operaattori'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ display_name: 'Olli Operaattori', roles: ['service', 'billing'], active: true });
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(run.stdout).toContain(rows[0]!.id);

    // The password that was piped in is the one that signs in.
    const services = createServices(testConfig(secrets));
    const login = await services.auth.login(orm.em.fork(), {
      username: 'operaattori',
      password: 'a long and secret password',
      ip: null,
      userAgent: null,
    });
    expect(login.user.id).toBe(rows[0]!.id);
  }, 60_000);

  it('refuses a short password with the field named, and creates nothing', async () => {
    const run = await cli(['user', 'create', '-u', 'lyhyt', '-n', 'Lyhyt Salasana', '-r', 'service'], 'short\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/password: must be at least 12 characters/);
    const { rowCount } = await db.query("select 1 from staff_user where username = 'lyhyt'");
    expect(rowCount).toBe(0);
  }, 60_000);
});

describe('register api-key create', () => {
  it('prints a key once; only its HMAC under SESSION_SECRET is stored, and it authenticates', async () => {
    const run = await cli(['api-key', 'create', '-p', 'Posti Oy', '-l', 'toimitukset', '-s', 'delivery']);
    expect(run.code).toBe(0);
    const key = /^\s+(rk_\S+)$/m.exec(run.stdout)?.[1];
    expect(key, run.stdout).toBeDefined();
    expect(run.stdout.split(key!).length - 1).toBe(1);

    const { rows } = await db.query<{ id: string; secret_hash: Buffer; scopes: string[]; created_by: string; json: string }>(
      "select id, secret_hash, scopes, created_by, row_to_json(k)::text as json from partner_api_key k where partner = 'Posti Oy'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ scopes: ['delivery'], created_by: 'cli' });
    expect(rows[0]!.json).not.toContain(key);

    const services = createServices(testConfig(secrets));
    expect(rows[0]!.secret_hash.equals(services.crypto.tokenDigest(key!))).toBe(true);
    // Under another session secret the same key means nothing.
    expect(rows[0]!.secret_hash.equals(createServices(testConfig()).crypto.tokenDigest(key!))).toBe(false);
    // The server's own key check accepts it as the partner, with its scope.
    expect(await services.auth.apiKeyCaller(orm.em.fork(), key!)).toEqual({
      kind: 'partner',
      keyId: rows[0]!.id,
      partner: 'Posti Oy',
      scopes: ['delivery'],
      // Read in the same statement: no processing restriction is active in this database.
      anyRestrictions: false,
    });
    expect(await services.auth.apiKeyCaller(orm.em.fork(), `${key!}x`)).toBeUndefined();
  }, 60_000);
});

describe('register audit verify', () => {
  it('exits 0 and says the chain is intact', async () => {
    const { rows } = await db.query<{ n: string }>('select count(*)::text as n from audit_event');
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(2); // the user and the key created above
    const run = await cli(['audit', 'verify']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('intact');
    expect(run.stdout).toContain(`${rows[0]!.n} events`);
  }, 60_000);

  it('exits 1 naming the first broken event after tampering', async () => {
    const { rows } = await db.query<{ seq: string }>('select min(seq)::text as seq from audit_event');
    const seq = rows[0]!.seq;
    await db.query('alter table audit_event disable trigger audit_event_no_update');
    await db.query("update audit_event set fields = array['password'] where seq = $1", [seq]);
    await db.query('alter table audit_event enable trigger audit_event_no_update');
    const run = await cli(['audit', 'verify']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`BROKEN at event ${seq}`);
    expect(run.stdout).not.toContain('Audit chain intact');
  }, 60_000);
});
