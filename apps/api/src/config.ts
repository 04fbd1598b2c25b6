/**
 * The only file of the API that reads process.env. Everything is validated at start and a bad
 * value stops the start with a message that names the variable and says how to fix it.
 *
 * Secrets (identity-number encryption key and its id, blind-index key, session secret): in
 * development and with the embedded database, missing ones are generated once into the
 * git-ignored data folder and reused, with a warning; in production a missing or weak secret
 * stops the start.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const apiRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(apiRoot, '..', '..');

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    error: 'must be true or false',
  })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const positiveInt = (fallback: number) =>
  z.coerce.number({ error: 'must be a whole number' }).int().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().optional(),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL')
    .optional(),
  DATA_DIR: z.string().default(join(repoRoot, '.data')),
  ADMIN_DIST: z.string().default(join(apiRoot, '..', 'admin', 'dist')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: boolean.default(false),
  PIN_ENCRYPTION_KEY: z.string().optional(),
  PIN_ENCRYPTION_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 letters, digits, _ or -')
    .optional(),
  PIN_ENCRYPTION_PREVIOUS_KEYS: z.string().optional(),
  BLIND_INDEX_KEY: z.string().optional(),
  SESSION_SECRET: z.string().optional(),
  SESSION_TTL_HOURS: positiveInt(12),
  SESSION_IDLE_MINUTES: positiveInt(60),
  // Sessions looked up in the last N seconds are answered from memory while the process listens
  // for access changes (access/session-cache.ts); 0 turns it off. Default 5, and 0 in tests.
  SESSION_CACHE_SECONDS: z.coerce.number({ error: 'must be a whole number of seconds' }).int().min(0).max(60, 'must be at most 60').optional(),
  LOGIN_MAX_FAILURES: positiveInt(5),
  LOGIN_LOCKOUT_MINUTES: positiveInt(15),
  VERIFY_PIN_MAX_ATTEMPTS: positiveInt(5),
  VERIFY_PIN_WINDOW_MINUTES: positiveInt(60),
  SEED_DEMO_DATA: boolean.optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  DEMO_CUSTOMERS: positiveInt(300),
  GRAPHQL_MAX_DEPTH: positiveInt(8),
  GRAPHQL_MAX_ALIASES: positiveInt(15),
  GRAPHQL_MAX_COST: positiveInt(20000),
  /** Execute operations compiled by graphql-jit (graphql/executor.ts); false: graphql-js's interpreter. */
  GRAPHQL_JIT: boolean.default(true),
  /** Benchmarks only: serve without field rules and read auditing, to measure what they cost. */
  BENCH_DISABLE_RULES: boolean.default(false),
  // The retention job (privacy/retention): on by default, off in tests unless a test starts it.
  RETENTION_JOB: boolean.optional(),
  RETENTION_SCHEDULE: z
    .string()
    .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression, e.g. "30 2 * * *" (02:30 every night, Helsinki time)')
    .default('30 2 * * *'),
  RETENTION_BATCH_SIZE: positiveInt(100),
  // The controller's profile for the generated registry description (Lesec Oy's published details).
  CONTROLLER_NAME: z.string().trim().min(1, 'must not be empty').max(200).default('Lesec Oy'),
  CONTROLLER_STREET_ADDRESS: z.string().trim().min(1, 'must not be empty').max(200).default('Ristipellontie 17'),
  CONTROLLER_POSTAL_CODE: z.string().trim().min(1, 'must not be empty').max(20).default('00390'),
  CONTROLLER_CITY: z.string().trim().min(1, 'must not be empty').max(100).default('Helsinki'),
  CONTROLLER_BUSINESS_ID: z.string().regex(/^\d{7}-\d$/, 'must be a business ID (Y-tunnus) as NNNNNNN-C').optional(),
  CONTROLLER_PHONE: z.string().trim().max(40).optional(),
  CONTROLLER_EMAIL: z.email({ error: 'must be an e-mail address' }).optional(),
  PRIVACY_CONTACT_NAME: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  PRIVACY_CONTACT_EMAIL: z.email({ error: 'must be an e-mail address' }).optional(),
  PRIVACY_TRANSFERS_OUTSIDE_EU: z.string().trim().min(1, 'must not be empty (leave it unset when there are none)').max(2000).optional(),
});

export interface Secrets {
  pinKeyId: string;
  pinKeys: Map<string, Buffer>;
  blindIndexKey: Buffer;
  sessionSecret: Buffer;
}

export interface Config {
  env: 'development' | 'test' | 'production';
  production: boolean;
  host: string | undefined;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  adminDist: string;
  logLevel: string;
  trustProxy: boolean;
  secrets: Secrets;
  /** Where generated secrets came from, to warn about it once at start. */
  generatedSecrets: string[];
  session: { ttlHours: number; idleMinutes: number; cacheSeconds: number };
  login: { maxFailures: number; lockoutMinutes: number };
  verifyPin: { maxAttempts: number; windowMinutes: number };
  seedDemoData: boolean;
  demoPassword: string | undefined;
  demoCustomers: number;
  graphql: { maxDepth: number; maxAliases: number; maxCost: number; jit: boolean };
  /** Benchmarks only (refused in production): no field rules, no audit of reads. */
  benchDisableRules: boolean;
  /** The daily retention job on the job queue (pg-boss); `enabled` is false in tests. */
  retention: { enabled: boolean; schedule: string; batchSize: number };
  /** The controller, as the registry description and the Art. 30 record name it. */
  controller: ControllerProfile;
}

export interface ControllerProfile {
  name: string;
  streetAddress: string;
  postalCode: string;
  city: string;
  businessId: string | undefined;
  phone: string | undefined;
  email: string | undefined;
  /** Who handles data subjects' requests (the registry liaison officer). */
  privacyContactName: string | undefined;
  privacyContactEmail: string | undefined;
  /** Transfers of personal data outside the EU/EEA; none unless described here. */
  transfersOutsideEu: string | undefined;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const KEY_BYTES = 32;

function decodeKey(name: string, value: string, problems: string[]): Buffer | undefined {
  const key = Buffer.from(value, 'base64');
  if (key.length < KEY_BYTES || key.toString('base64').replace(/=+$/, '') !== value.replace(/=+$/, '')) {
    problems.push(
      `${name} must be ${KEY_BYTES} random bytes in base64 (e.g. \`openssl rand -base64 32\`)`,
    );
    return undefined;
  }
  return key.subarray(0, KEY_BYTES);
}

interface StoredSecrets {
  PIN_ENCRYPTION_KEY: string;
  PIN_ENCRYPTION_KEY_ID: string;
  BLIND_INDEX_KEY: string;
  SESSION_SECRET: string;
}

/** Generated once into the data folder (mode 0600) and reused by later starts. */
function developmentSecrets(dataDir: string): StoredSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  const secrets: StoredSecrets = {
    PIN_ENCRYPTION_KEY: randomBytes(KEY_BYTES).toString('base64'),
    PIN_ENCRYPTION_KEY_ID: `dev-${randomBytes(3).toString('hex')}`,
    BLIND_INDEX_KEY: randomBytes(KEY_BYTES).toString('base64'),
    SESSION_SECRET: randomBytes(KEY_BYTES).toString('base64'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  const problems: string[] = [];
  const generatedSecrets: string[] = [];

  const secretNames = [
    'PIN_ENCRYPTION_KEY',
    'PIN_ENCRYPTION_KEY_ID',
    'BLIND_INDEX_KEY',
    'SESSION_SECRET',
  ] as const;
  const given: Partial<StoredSecrets> = {};
  for (const name of secretNames) if (values[name]) given[name] = values[name];
  const missing = secretNames.filter((name) => !given[name]);
  if (missing.length > 0 && production) {
    for (const name of missing) problems.push(`${name} is required in production`);
  }
  let resolved: Partial<StoredSecrets> = given;
  if (missing.length > 0 && !production) {
    const stored = developmentSecrets(values.DATA_DIR);
    resolved = { ...stored, ...given };
    generatedSecrets.push(...missing);
  }

  const pinKeys = new Map<string, Buffer>();
  const pinKey = resolved.PIN_ENCRYPTION_KEY
    ? decodeKey('PIN_ENCRYPTION_KEY', resolved.PIN_ENCRYPTION_KEY, problems)
    : undefined;
  const pinKeyId = resolved.PIN_ENCRYPTION_KEY_ID ?? '';
  if (pinKey) pinKeys.set(pinKeyId, pinKey);
  for (const entry of (values.PIN_ENCRYPTION_PREVIOUS_KEYS ?? '').split(',').filter(Boolean)) {
    const [id, key] = entry.split(':');
    if (!id || !key) {
      problems.push('PIN_ENCRYPTION_PREVIOUS_KEYS must be a comma-separated list of keyId:base64Key');
      continue;
    }
    const decoded = decodeKey(`PIN_ENCRYPTION_PREVIOUS_KEYS (${id})`, key, problems);
    if (decoded) pinKeys.set(id, decoded);
  }
  const blindIndexKey = resolved.BLIND_INDEX_KEY
    ? decodeKey('BLIND_INDEX_KEY', resolved.BLIND_INDEX_KEY, problems)
    : undefined;
  const sessionSecret = resolved.SESSION_SECRET
    ? Buffer.from(resolved.SESSION_SECRET, 'utf8')
    : undefined;
  if (resolved.SESSION_SECRET && resolved.SESSION_SECRET.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters of random text');
  }
  if (production && values.DEMO_PASSWORD) {
    problems.push('DEMO_PASSWORD must not be set in production (demo data is never seeded there)');
  }
  if (production && values.BENCH_DISABLE_RULES) {
    problems.push('BENCH_DISABLE_RULES must not be set in production: it switches off field rules and auditing (benchmarks only)');
  }
  if (production && values.SEED_DEMO_DATA) {
    problems.push('SEED_DEMO_DATA must not be set in production');
  }
  if (production && !values.DATABASE_URL) {
    problems.push('DATABASE_URL is required in production (the embedded PostgreSQL is for development)');
  }
  if (problems.length > 0 || !blindIndexKey || !sessionSecret || pinKeys.size === 0) {
    throw new ConfigError(problems.length > 0 ? problems : ['secrets could not be loaded']);
  }

  return {
    env: values.NODE_ENV,
    production,
    host: values.HOST,
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.DATA_DIR,
    adminDist: values.ADMIN_DIST,
    logLevel: values.LOG_LEVEL,
    trustProxy: values.TRUST_PROXY,
    secrets: { pinKeyId, pinKeys, blindIndexKey, sessionSecret },
    generatedSecrets,
    session: {
      ttlHours: values.SESSION_TTL_HOURS,
      idleMinutes: values.SESSION_IDLE_MINUTES,
      cacheSeconds: values.SESSION_CACHE_SECONDS ?? (values.NODE_ENV === 'test' ? 0 : 5),
    },
    login: { maxFailures: values.LOGIN_MAX_FAILURES, lockoutMinutes: values.LOGIN_LOCKOUT_MINUTES },
    verifyPin: {
      maxAttempts: values.VERIFY_PIN_MAX_ATTEMPTS,
      windowMinutes: values.VERIFY_PIN_WINDOW_MINUTES,
    },
    // With the embedded database the demo register is seeded on first start; with DATABASE_URL
    // only when asked for (SEED_DEMO_DATA=true or `register seed-demo`); never in production.
    seedDemoData: !production && (values.SEED_DEMO_DATA ?? values.DATABASE_URL === undefined),
    demoPassword: values.DEMO_PASSWORD,
    demoCustomers: values.DEMO_CUSTOMERS,
    benchDisableRules: values.BENCH_DISABLE_RULES,
    retention: {
      enabled: values.RETENTION_JOB ?? values.NODE_ENV !== 'test',
      schedule: values.RETENTION_SCHEDULE,
      batchSize: values.RETENTION_BATCH_SIZE,
    },
    graphql: {
      maxDepth: values.GRAPHQL_MAX_DEPTH,
      maxAliases: values.GRAPHQL_MAX_ALIASES,
      maxCost: values.GRAPHQL_MAX_COST,
      jit: values.GRAPHQL_JIT,
    },
    controller: {
      name: values.CONTROLLER_NAME,
      streetAddress: values.CONTROLLER_STREET_ADDRESS,
      postalCode: values.CONTROLLER_POSTAL_CODE,
      city: values.CONTROLLER_CITY,
      businessId: values.CONTROLLER_BUSINESS_ID,
      phone: values.CONTROLLER_PHONE,
      email: values.CONTROLLER_EMAIL,
      privacyContactName: values.PRIVACY_CONTACT_NAME,
      privacyContactEmail: values.PRIVACY_CONTACT_EMAIL,
      transfersOutsideEu: values.PRIVACY_TRANSFERS_OUTSIDE_EU,
    },
  };
}

/** For developer tooling (the MikroORM CLI): the database to diff migrations against. */
export function toolingDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/register_dev';
}
