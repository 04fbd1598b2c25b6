/**
 * The API executes operations compiled by graphql-jit (GRAPHQL_JIT, on by default): the same
 * requests against the same database answer exactly as with graphql-js's interpreter, rules,
 * denials, restrictions of processing and errors included, and the reads are audited the same way.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { sql } from './support/helpers.js';
import { Client, DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let interpreted: { url: string; close(): Promise<void> };

beforeAll(async () => {
  app = await startTestApp({ customers: 12, contents: true });
  expect(app.config.graphql.jit).toBe(true);
  // A second API on the same database and services, executing with graphql-js.
  const second = await createApp({
    config: { ...app.config, graphql: { ...app.config.graphql, jit: false } },
    orm: app.orm as unknown as MikroORM,
    services: app.services,
    logger: createLogger('silent'),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = second.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  interpreted = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await second.apollo.stop();
    },
  };
});
afterAll(async () => {
  await interpreted?.close();
  await app?.close();
});

async function signIn(url: string, role: string): Promise<Client> {
  const client = new Client(url);
  const result = await client.gql(
    `mutation { login(username: "${role}", password: "${DEMO_PASSWORD}") { id } }`,
  );
  if (result.errors) throw new Error(`login as ${role} failed: ${result.errors[0]?.message}`);
  return client;
}

/** The response of both APIs, as `role`, without the error ids that differ on every request. */
async function both(role: string | undefined, query: string, variables?: Record<string, unknown>) {
  const answer = async (url: string) => {
    const client = role ? await signIn(url, role) : new Client(url);
    const response = await client.post(query, variables);
    const text = (await response.text()).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.$/gm,
      '<id>.',
    );
    return {
      status: response.status,
      body: JSON.parse(text) as {
        data?: unknown;
        errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[];
      },
    };
  };
  const [compiled, plain] = [await answer(app.url), await answer(interpreted.url)];
  return { compiled, plain };
}

const PAGE = `query Page($page: Int!) { allCustomers(page: $page, perPage: 10, sortField: "name", sortOrder: "ASC") {
  id name kind status email phone city personalIdentityNumberMasked contracts { id contractNumber status startDate simCards { id iccid phoneNumber status } } } }`;

describe('operations compiled by graphql-jit', () => {
  it('answer a page of customers with contracts and SIM cards exactly as graphql-js does', async () => {
    const { compiled, plain } = await both('service', PAGE, { page: 0 });
    expect(compiled).toEqual(plain);
    expect(compiled.body.errors).toBeUndefined();
    expect((compiled.body.data as { allCustomers: unknown[] }).allCustomers).toHaveLength(10);
  });

  it('deny, per field, what the role may not read, with the same errors and nulls', async () => {
    for (const role of ['sales', 'billing', 'analyst']) {
      const { compiled, plain } = await both(role, PAGE, { page: 0 });
      expect(compiled, role).toEqual(plain);
    }
    const { compiled } = await both('analyst', PAGE, { page: 0 });
    expect(compiled.body.errors?.some((error) => error.extensions?.code === 'FORBIDDEN')).toBe(
      true,
    );
  });

  it('ask an anonymous caller to sign in, and reject bad input naming the field, as before', async () => {
    const anonymous = await both(undefined, PAGE, { page: 0 });
    expect(anonymous.compiled).toEqual(anonymous.plain);
    expect(anonymous.compiled.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await both(
      'service',
      'query ($kind: CustomerKind) { allCustomers(filter: { kind: $kind }) { id } }',
      { kind: 'COMPANY' },
    );
    expect(bad.compiled).toEqual(bad.plain);
    expect(bad.compiled.status).toBe(400);
    expect(bad.compiled.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('record the same reads in the audit trail', async () => {
    const id = (await sql<{ id: string }>(app, `select id from customer order by name limit 1`))[0]!
      .id;
    const query =
      'query ($id: ID!) { Customer(id: $id) { id name email contracts { id status } } }';
    const { compiled, plain } = await both('service', query, { id });
    expect(compiled).toEqual(plain);
    const events = await sql<{ subject_id: string; fields: string[] }>(
      app,
      `select subject_id, fields from audit_event where action = 'read' and subject_id = ? order by seq desc limit 2`,
      [id],
    );
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual(events[1]);
    expect(events[0]!.fields).toContain('name');
  });
});
