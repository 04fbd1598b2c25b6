import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/test-app.js';
import { uniqueBusinessId, uniquePersonalIdentityNumber } from './support/helpers.js';

/**
 * `register import customers`, run as operators run it: a separate process on the database. The
 * same validation and reports as the API; the summary and the rows not written on stdout,
 * progress on stderr, exit code 1 when a row was invalid.
 */
const apiRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: pg.Client;
let dir: string;
const secrets = {
  PIN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  PIN_ENCRYPTION_KEY_ID: 'cli-import-test',
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
  SESSION_SECRET: randomBytes(32).toString('hex'),
};

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/cli/main.ts', ...args], {
      cwd: apiRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, DATA_DIR: dir, ...secrets },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'register-import-cli-'));
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('register import customers', () => {
  it('writes the valid rows with the partner as provenance, lists the others, and exits with 1', async () => {
    const pin = uniquePersonalIdentityNumber();
    const businessId = uniqueBusinessId();
    const path = file(
      'kumppani.csv',
      [
        'kind;name;personalIdentityNumber;businessId;email',
        `PRIVATE;Komento Rivinen;${pin.value};;komento@example.fi`,
        `BUSINESS;Komento Oy;;${businessId};`,
        'PRIVATE;Väärä Tunnus;131052-308S;;',
      ].join('\n'),
    );
    const run = await cli(['import', 'customers', '--partner', 'Kumppanirekisteri Oy', path]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/3\/3 rows \(100 %\)/);
    expect(run.stdout).toMatch(/: COMPLETED\n/);
    expect(run.stdout).toMatch(/rows 3, handled 3, valid 2, invalid 1, written 2, already in the register 0/);
    expect(run.stdout).toMatch(/row 4, personalIdentityNumber: check character does not match/);
    expect(run.stdout).not.toContain('131052-308S');
    const { rows } = await db.query<{ name: string; source_type: string; source_partner: string }>(
      "select name, source_type, source_partner from customer where name like 'Komento%' or name = 'Väärä Tunnus' order by name",
    );
    expect(rows).toEqual([
      { name: 'Komento Oy', source_type: 'PARTNER', source_partner: 'Kumppanirekisteri Oy' },
      { name: 'Komento Rivinen', source_type: 'PARTNER', source_partner: 'Kumppanirekisteri Oy' },
    ]);
    const audit = await db.query<{ n: number }>(
      "select count(*)::int as n from audit_event where operation = 'importPartnerCustomers' and action = 'create' and actor_type = 'system'",
    );
    expect(audit.rows[0]!.n).toBe(2);

    // Again, as a dry run: both are in the register now, nothing is written, and every row was valid.
    const again = await cli(['import', 'customers', '--partner', 'Kumppanirekisteri Oy', '--dry-run', file('uudelleen.csv', 'kind;name;businessId\nBUSINESS;Komento Oy;' + businessId)]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/dry run: nothing written/);
    expect(again.stdout).toMatch(/row 2, businessId: skipped, a customer with this business ID is already in the register/);
    const { rows: count } = await db.query<{ n: number }>("select count(*)::int as n from customer where name = 'Komento Oy'");
    expect(count[0]!.n).toBe(1);
  }, 90_000);

  it('refuses a file with a bad header, names the columns, and writes nothing', async () => {
    const run = await cli(['import', 'customers', '-p', 'Kumppani', file('huono.csv', 'kind,nimi\nPRIVATE,X\n')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/csv: the header row \(line 1\) has unknown column "nimi"; required column name missing/);
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from import_run');
    expect(rows[0]!.n).toBe(2);
  }, 60_000);
});
