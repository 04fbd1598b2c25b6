import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

const SECRET_NAMES = ['PIN_ENCRYPTION_KEY', 'PIN_ENCRYPTION_KEY_ID', 'BLIND_INDEX_KEY', 'SESSION_SECRET'] as const;

const key = () => randomBytes(32).toString('base64');

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'register-config-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A complete production configuration, from which each test takes something away. */
function production(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://register@db.internal:5432/register',
    DATA_DIR: dataDir(),
    PIN_ENCRYPTION_KEY: key(),
    PIN_ENCRYPTION_KEY_ID: 'k2026',
    BLIND_INDEX_KEY: key(),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ...overrides,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return env;
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

describe('production', () => {
  it('a complete configuration loads, with nothing generated and no demo data', () => {
    const config = loadConfig(production());
    expect(config.production).toBe(true);
    expect(config.generatedSecrets).toEqual([]);
    expect(config.seedDemoData).toBe(false);
    expect(config.secrets.pinKeys.get('k2026')).toHaveLength(32);
  });

  it('without secrets the start fails, naming every missing variable, and writes no secrets file', () => {
    const env = production(Object.fromEntries(SECRET_NAMES.map((name) => [name, undefined])));
    const problems = problemsOf(env);
    for (const name of SECRET_NAMES) {
      expect(problems.some((problem) => problem.startsWith(`${name} `)), `${name} in ${problems.join(' | ')}`).toBe(true);
    }
    expect(existsSync(join(env.DATA_DIR!, 'secrets.json'))).toBe(false);
  });

  for (const name of SECRET_NAMES) {
    it(`without ${name} alone the start fails naming ${name} only`, () => {
      const problems = problemsOf(production({ [name]: undefined }));
      expect(problems).toEqual([`${name} is required in production`]);
    });
  }

  it.each([
    ['PIN_ENCRYPTION_KEY', 'c2hvcnQ='],
    ['PIN_ENCRYPTION_KEY', randomBytes(16).toString('base64')],
    ['PIN_ENCRYPTION_KEY', 'not base64 at all, but long enough to be 32 characters!'],
    ['BLIND_INDEX_KEY', randomBytes(31).toString('base64')],
  ])('a weak key (%s = %s) fails naming the variable', (name, value) => {
    const problems = problemsOf(production({ [name]: value }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} must be 32 random bytes in base64`));
  });

  it('a short session secret fails naming SESSION_SECRET', () => {
    expect(problemsOf(production({ SESSION_SECRET: 'too-short' }))).toEqual(['SESSION_SECRET must be at least 32 characters of random text']);
  });

  it('a malformed key id fails naming PIN_ENCRYPTION_KEY_ID', () => {
    const problems = problemsOf(production({ PIN_ENCRYPTION_KEY_ID: 'has spaces and is far too long for a key id' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PIN_ENCRYPTION_KEY_ID: /);
  });

  it('a weak previous key is named too', () => {
    const problems = problemsOf(production({ PIN_ENCRYPTION_PREVIOUS_KEYS: `k2025:${randomBytes(8).toString('base64')}` }));
    expect(problems).toEqual(['PIN_ENCRYPTION_PREVIOUS_KEYS (k2025) must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)']);
  });

  it('previous keys stay readable next to the current one', () => {
    const config = loadConfig(production({ PIN_ENCRYPTION_PREVIOUS_KEYS: `k2025:${key()},k2024:${key()}` }));
    expect([...config.secrets.pinKeys.keys()].sort()).toEqual(['k2024', 'k2025', 'k2026']);
    expect(config.secrets.pinKeyId).toBe('k2026');
  });

  it('DEMO_PASSWORD is refused', () => {
    expect(problemsOf(production({ DEMO_PASSWORD: 'demo-password-1' }))).toEqual([
      'DEMO_PASSWORD must not be set in production (demo data is never seeded there)',
    ]);
  });

  it('SEED_DEMO_DATA=true is refused', () => {
    expect(problemsOf(production({ SEED_DEMO_DATA: 'true' }))).toEqual(['SEED_DEMO_DATA must not be set in production']);
  });

  it('the embedded database is not for production: DATABASE_URL is required', () => {
    expect(problemsOf(production({ DATABASE_URL: undefined }))).toEqual([
      'DATABASE_URL is required in production (the embedded PostgreSQL is for development)',
    ]);
  });

  it('every problem is reported at once', () => {
    const problems = problemsOf(production({ BLIND_INDEX_KEY: 'c2hvcnQ=', SESSION_SECRET: 'short', DEMO_PASSWORD: 'demo-password-1' }));
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['BLIND_INDEX_KEY', 'SESSION_SECRET', 'DEMO_PASSWORD']);
  });
});

describe('development', () => {
  it('generates the missing secrets once into DATA_DIR/secrets.json (mode 0600) and reuses them', () => {
    const dir = dataDir();
    const first = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir });
    expect([...first.generatedSecrets].sort()).toEqual([...SECRET_NAMES].sort());
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual([...SECRET_NAMES].sort());
    expect(Buffer.from(stored.PIN_ENCRYPTION_KEY!, 'base64')).toHaveLength(32);

    const second = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir });
    expect(second.secrets.pinKeyId).toBe(first.secrets.pinKeyId);
    expect(second.secrets.pinKeys.get(second.secrets.pinKeyId)!.equals(first.secrets.pinKeys.get(first.secrets.pinKeyId)!)).toBe(true);
    expect(second.secrets.blindIndexKey.equals(first.secrets.blindIndexKey)).toBe(true);
    expect(second.secrets.sessionSecret.equals(first.secrets.sessionSecret)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(stored, null, 2) + '\n');
  });

  it('given secrets win over the generated ones, and only the missing ones are reported as generated', () => {
    const dir = dataDir();
    const sessionSecret = randomBytes(32).toString('hex');
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir, SESSION_SECRET: sessionSecret });
    expect(config.secrets.sessionSecret.toString('utf8')).toBe(sessionSecret);
    expect([...config.generatedSecrets].sort()).toEqual(['BLIND_INDEX_KEY', 'PIN_ENCRYPTION_KEY', 'PIN_ENCRYPTION_KEY_ID']);
  });

  it('two data folders get different secrets', () => {
    const a = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir() });
    const b = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir() });
    expect(a.secrets.blindIndexKey.equals(b.secrets.blindIndexKey)).toBe(false);
  });

  it('a bad value names its variable', () => {
    expect(problemsOf({ NODE_ENV: 'development', DATA_DIR: dataDir(), PORT: 'eighty' })[0]).toMatch(/^PORT: /);
    expect(problemsOf({ NODE_ENV: 'development', DATA_DIR: dataDir(), DATABASE_URL: 'mysql://x' })[0]).toMatch(/^DATABASE_URL: /);
    expect(problemsOf({ NODE_ENV: 'development', DATA_DIR: dataDir(), SEED_DEMO_DATA: 'maybe' })[0]).toMatch(/^SEED_DEMO_DATA: must be true or false/);
  });
});

describe('seedDemoData', () => {
  const dev = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir(), ...env }).seedDemoData;

  it('is on by default with the embedded database (no DATABASE_URL)', () => {
    expect(dev()).toBe(true);
  });

  it('is off with DATABASE_URL, unless SEED_DEMO_DATA=true', () => {
    expect(dev({ DATABASE_URL: 'postgres://localhost/register' })).toBe(false);
    expect(dev({ DATABASE_URL: 'postgres://localhost/register', SEED_DEMO_DATA: 'true' })).toBe(true);
  });

  it('SEED_DEMO_DATA=false turns it off even with the embedded database', () => {
    expect(dev({ SEED_DEMO_DATA: 'false' })).toBe(false);
  });

  it('is never on in production', () => {
    expect(loadConfig(production()).seedDemoData).toBe(false);
    expect(loadConfig(production({ SEED_DEMO_DATA: 'false' })).seedDemoData).toBe(false);
    expect(problemsOf(production({ SEED_DEMO_DATA: 'true' }))).toHaveLength(1);
  });
});

describe('GRAPHQL_JIT', () => {
  it('compiles operations by default, in production too; false executes them with graphql-js', () => {
    expect(loadConfig(production()).graphql.jit).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir() }).graphql.jit).toBe(true);
    expect(loadConfig(production({ GRAPHQL_JIT: 'false' })).graphql.jit).toBe(false);
    expect(problemsOf(production({ GRAPHQL_JIT: 'sometimes' }))[0]).toMatch(/^GRAPHQL_JIT: must be true or false/);
  });
});
