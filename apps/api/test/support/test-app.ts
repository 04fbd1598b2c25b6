import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { ormConfig } from '../../src/db/orm.config.js';
import { seedDemoData } from '../../src/db/seed-demo.js';
import { createLogger } from '../../src/logger.js';
import { createServices, type Services } from '../../src/services.js';
import { adminQuery, PREFIX, withDatabase } from './postgres.js';

export const DEMO_PASSWORD = 'test-password-1234';

const key = () => randomBytes(32).toString('base64');

/** Configuration as the server would read it, with fixed test secrets (no data folder). */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://unused/unused',
    DATA_DIR: join(tmpdir(), 'register-test-data'),
    PIN_ENCRYPTION_KEY: key(),
    PIN_ENCRYPTION_KEY_ID: 'test-1',
    BLIND_INDEX_KEY: key(),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

let counter = 0;

/** A fresh database cloned from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const adminUrl = inject('adminUrl');
  const template = inject('templateDatabase');
  counter += 1;
  const name = `${PREFIX}${process.pid}_${Date.now().toString(36)}_${counter}`;
  await adminQuery(adminUrl, `create database "${name}" template "${template}"`);
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () => adminQuery(adminUrl, `drop database if exists "${name}" with (force)`).then(() => undefined),
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A signed-in (or anonymous) HTTP client of the running test server. */
export class Client {
  private cookie: string | undefined;
  constructor(
    private readonly baseUrl: string,
    private readonly bearer?: string,
  ) {}

  async gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const response = await this.post(query, variables);
    return (await response.json()) as GraphQLResponse<T>;
  }

  async post(query: string, variables?: Record<string, unknown>): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const response = await fetch(`${this.baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return response;
  }

  get sessionCookie() {
    return this.cookie;
  }
}

export interface TestApp {
  url: string;
  orm: MikroORM;
  services: Services;
  config: Config;
  databaseUrl: string;
  /** A new client signed in as the demo user of that role (username = role). */
  as(role: string): Promise<Client>;
  anonymous(): Client;
  partner(key: string): Client;
  close(): Promise<void>;
}

/** Statements the API runs off any request's path. */
const BACKGROUND = /\baudit_flush_subject_index\(/;

/**
 * Starts the real HTTP server (Express + Apollo + shield + audit) on a free port against its own
 * database, seeded with the demo register (one user per role, `customers` customers).
 */
export async function startTestApp(
  options: { customers?: number; contents?: boolean; config?: Record<string, string>; onQuery?: (sql: string) => void } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(options.config);
  const onQuery = options.onQuery;
  const orm = await MikroORM.init(
    ormConfig(database.url, {
      pool: { min: 0, max: 5 },
      // The statements of requests: the background merge of the audit's subject index (at most
      // 30 s after an append, audit/subject-index.ts) belongs to no request, and would otherwise
      // land in whichever request a test happens to be counting.
      ...(onQuery
        ? {
            onQuery: (text: string) => {
              if (!BACKGROUND.test(text)) onQuery(text);
            },
          }
        : {}),
    }),
  );
  const logger = createLogger('silent');
  const services = createServices(config);
  await seedDemoData(orm.em.fork(), services, logger, {
    customers: options.customers ?? 30,
    contents: options.contents ?? false,
    password: DEMO_PASSWORD,
    print: () => undefined,
  });
  const { app, apollo } = await createApp({ config, orm: orm as unknown as MikroORM, services, logger });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    orm,
    services,
    config,
    databaseUrl: database.url,
    async as(role: string) {
      const client = new Client(url);
      const result = await client.gql(`mutation { login(username: "${role}", password: "${DEMO_PASSWORD}") { id } }`);
      if (result.errors) throw new Error(`login as ${role} failed: ${result.errors[0]?.message}`);
      return client;
    },
    anonymous: () => new Client(url),
    partner: (key: string) => new Client(url, key),
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
      await orm.close(true);
      await database.drop();
    },
  };
}
