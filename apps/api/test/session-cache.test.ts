import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from './support/helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Staff sessions answered from memory (access/session-cache.ts): a signed-in user's requests do
 * not each look the session up, and yet every change of access — made by this process, or in the
 * database by anyone else — counts from the next request. The entries here live 30 s, so an
 * answer that changes within a second or two came from the change's notification, not from expiry.
 */
let app: TestApp;
const statements: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ customers: 5, config: { SESSION_CACHE_SECONDS: '30' }, onQuery: (text) => statements.push(text) });
});
afterAll(() => app?.close());

const LIST = '{ allCustomers(perPage: 1) { id } }';
const lookups = () => statements.filter((text) => text.includes('from staff_session') && text.includes('with s as')).length;

async function withCookie(cookie: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** Polls until `check` holds (at most `ms`); whether it did. */
async function until(check: () => Promise<boolean> | boolean, ms = 2000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const refused = (result: Awaited<ReturnType<typeof withCookie>>) => result.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED';

describe('the session cache', () => {
  it('looks a session up once, then answers the next requests from memory', async () => {
    const service = await app.as('service');
    expect(app.services.auth.sessions.active).toBe(true);
    statements.length = 0;
    for (let n = 0; n < 5; n += 1) expect((await service.gql(LIST)).errors).toBeUndefined();
    expect(lookups()).toBe(1);
  });

  it('signing out ends the session at once, also for a copy of the cookie', async () => {
    const sales = await app.as('sales');
    expect((await sales.gql(LIST)).errors).toBeUndefined();
    const cookie = sales.sessionCookie!;
    expect((await withCookie(cookie, LIST)).errors).toBeUndefined();
    expect((await sales.gql<{ logout: boolean }>('mutation { logout }')).data?.logout).toBe(true);
    expect(refused(await withCookie(cookie, LIST))).toBe(true);
  });

  it('a user deactivated in the database (the CLI, another process) is refused within moments, not after 30 s', async () => {
    const billing = await app.as('billing');
    const cookie = billing.sessionCookie!;
    expect((await withCookie(cookie, LIST)).errors).toBeUndefined();
    await sql(app, "update staff_user set active = false where username = 'billing'");
    try {
      expect(await until(async () => refused(await withCookie(cookie, LIST)))).toBe(true);
    } finally {
      await sql(app, "update staff_user set active = true where username = 'billing'");
    }
  });

  it('a session expired in the database is refused within moments', async () => {
    const marketing = await app.as('marketing');
    const cookie = marketing.sessionCookie!;
    expect((await withCookie(cookie, LIST)).errors).toBeUndefined();
    await sql(app, "update staff_session set expires_at = now() - interval '1 minute' where user_id = (select id from staff_user where username = 'marketing')");
    expect(await until(async () => refused(await withCookie(cookie, LIST)))).toBe(true);
  });

  it('a restriction placed outside any request of this server applies within moments', async () => {
    const service = await app.as('service');
    const [customer] = await sql<{ id: string }>(app, 'select id from customer order by id limit 1');
    const read = () => service.gql<{ Customer: { name: string | null } | null }>('query($id: ID!) { Customer(id: $id) { name } }', { id: customer!.id });
    expect((await read()).data?.Customer?.name).toBeTruthy();
    const em = app.orm.em.fork();
    await app.services.restrictions.restrict(em, { subjectType: 'CUSTOMER', subjectId: customer!.id, reason: 'LEGAL_HOLD' });
    try {
      expect(await until(async () => (await read()).errors?.[0]?.extensions?.code === 'FORBIDDEN')).toBe(true);
    } finally {
      await app.services.restrictions.lift(app.orm.em.fork(), { subjectId: customer!.id, reason: 'LEGAL_HOLD' });
    }
    expect(await until(async () => Boolean((await read()).data?.Customer?.name))).toBe(true);
  });

  it('asks the database every time while it cannot hear about changes, and caches again once it can', async () => {
    const service = await app.as('service');
    await sql(app, "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'register-session-cache' and datname = current_database()");
    expect(await until(() => !app.services.auth.sessions.active)).toBe(true);
    statements.length = 0;
    for (let n = 0; n < 3; n += 1) expect((await service.gql(LIST)).errors).toBeUndefined();
    expect(lookups()).toBe(3);
    // It listens again after a second, and only then answers from memory.
    expect(await until(() => app.services.auth.sessions.active, 5000)).toBe(true);
    await service.gql(LIST);
    statements.length = 0;
    for (let n = 0; n < 3; n += 1) expect((await service.gql(LIST)).errors).toBeUndefined();
    expect(lookups()).toBe(0);
  });
});
