import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

const key = () => randomBytes(32).toString('base64');
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://register@db.internal/register',
  PIN_ENCRYPTION_KEY: key(),
  PIN_ENCRYPTION_KEY_ID: 'prod-1',
  BLIND_INDEX_KEY: key(),
  SESSION_SECRET: randomBytes(32).toString('hex'),
};

describe('BENCH_DISABLE_RULES, the benchmark-only switch', () => {
  it('is off unless set', () => {
    expect(loadConfig(production).benchDisableRules).toBe(false);
  });

  it('stops a production start with a message that names it', () => {
    let error: unknown;
    try {
      loadConfig({ ...production, BENCH_DISABLE_RULES: 'true' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'BENCH_DISABLE_RULES must not be set in production: it switches off field rules and auditing (benchmarks only)',
    ]);
  });

  it('is accepted outside production, for the benchmark', () => {
    expect(loadConfig({ ...production, NODE_ENV: 'development', BENCH_DISABLE_RULES: 'true' }).benchDisableRules).toBe(true);
  });
});
