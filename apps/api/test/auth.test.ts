import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, onlyError, sql } from './support/helpers.js';
import { Client, DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

/** Staff sign-in (argon2id, lockout, TOTP), sessions, and partner API keys. */
let app: TestApp;
let admin: Client;

const LOGIN = 'mutation($u: String!, $p: String!, $c: String) { login(username: $u, password: $p, totpCode: $c) { id name roles } }';
const PASSWORD = 'correct horse battery';

async function login(username: string, password: string, totpCode?: string) {
  const client = app.anonymous();
  const result = await client.gql<{ login: { id: string; name: string; roles: string[] } }>(LOGIN, { u: username, p: password, c: totpCode ?? null });
  return { client, result };
}

async function createUser(username: string, options: { roles?: string[]; totp?: boolean } = {}) {
  const { user, totpUri } = await app.services.auth.createStaffUser(app.orm.em.fork(), {
    username,
    displayName: `Test ${username}`,
    password: PASSWORD,
    roles: options.roles ?? ['service'],
    totp: options.totp ?? false,
  });
  return { id: user.id, totpUri };
}

async function me(client: Client) {
  const result = await client.gql<{ me: { kind: string; name: string } | null }>('{ me { kind name } }');
  expect(result.errors).toBeUndefined();
  return result.data!.me;
}

/** Posts with a given raw Authorization header (the Client always sends Bearer). */
async function withAuthorization(value: string, query = '{ me { kind } }') {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: value },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

beforeAll(async () => {
  app = await startTestApp({ customers: 5 });
  admin = await app.as('admin');
});
afterAll(() => app?.close());

describe('signing in', () => {
  it('a wrong password and an unknown user get the same UNAUTHENTICATED answer', async () => {
    const wrong = await login('service', 'not the password at all');
    const unknown = await login('nobody-here', 'not the password at all');
    const a = onlyError(wrong.result, 'UNAUTHENTICATED');
    const b = onlyError(unknown.result, 'UNAUTHENTICATED');
    expect(a.message).toBe(b.message);
    expect(a.message).toMatch(/wrong username or password/i);
    expect(wrong.client.sessionCookie).toBeUndefined();
    expect(await me(wrong.client)).toBeNull();
  });

  it('the right password signs in and the session cookie is HttpOnly and SameSite=Strict', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { u: 'sales', p: DEMO_PASSWORD } }),
    });
    const body = (await response.json()) as { data: { login: { name: string; roles: string[] } } };
    expect(body.data.login).toMatchObject({ name: 'sales', roles: ['sales'] });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^register_session=[^;]{20,};/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
  });

  it(`locks the account after ${5} failures, even for the right password afterwards`, async () => {
    expect(app.config.login.maxFailures).toBe(5);
    await createUser('lockme');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const { result } = await login('lockme', `wrong password ${attempt}`);
      expect(onlyError(result, 'UNAUTHENTICATED').message, `attempt ${attempt}`).toMatch(/wrong username or password/i);
    }
    const { client, result } = await login('lockme', PASSWORD);
    expect(onlyError(result, 'UNAUTHENTICATED').message).toMatch(/locked/i);
    expect(client.sessionCookie).toBeUndefined();
    const [row] = await sql<{ locked: boolean }>(app, "select locked_until > now() as locked from staff_user where username = 'lockme'");
    expect(row?.locked).toBe(true);
  });

  it('fewer failures than the limit do not lock, and a success starts the count again', async () => {
    await createUser('almost');
    for (let attempt = 1; attempt <= 4; attempt += 1) await login('almost', 'wrong password here');
    expect((await login('almost', PASSWORD)).result.errors).toBeUndefined();
    for (let attempt = 1; attempt <= 4; attempt += 1) await login('almost', 'wrong password here');
    expect((await login('almost', PASSWORD)).result.errors).toBeUndefined();
  });

  it('stores passwords as argon2id hashes only', async () => {
    const rows = await sql<{ password_hash: string }>(app, 'select password_hash from staff_user');
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
      expect(row.password_hash).not.toContain(DEMO_PASSWORD);
    }
  });
});

describe('sessions', () => {
  it('logout ends the session on the server: the old cookie is anonymous afterwards', async () => {
    const client = await app.as('service');
    expect(await me(client)).toMatchObject({ kind: 'staff', name: 'service' });
    const cookie = client.sessionCookie!;
    const out = await client.gql<{ logout: boolean }>('mutation { logout }');
    expect(out.data?.logout).toBe(true);
    expect(await me(client)).toBeNull();

    // Replaying the cookie from before the logout does not work either.
    const replay = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ me { kind } allCustomers { id } }' }),
    });
    const body = (await replay.json()) as { data: { me: unknown } | null; errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an idle session expires; activity keeps it alive without rewriting the row on every request', async () => {
    const { id } = await createUser('idler');
    const { client } = await login('idler', PASSWORD);
    expect(await me(client)).toMatchObject({ name: 'idler' });
    const lastSeen = async () =>
      Number((await sql<{ ms: string }>(app, 'select (extract(epoch from last_seen_at) * 1000)::bigint as ms from staff_session where user_id = ?', [id]))[0]!.ms);

    // Recent activity: the next request reads the session and leaves the row as it is.
    const before = await lastSeen();
    expect(await me(client)).toMatchObject({ name: 'idler' });
    expect(await lastSeen()).toBe(before);

    // Activity a few minutes old is refreshed by the next request.
    await sql(app, "update staff_session set last_seen_at = now() - interval '5 minutes' where user_id = ?", [id]);
    const stale = await lastSeen();
    expect(await me(client)).toMatchObject({ name: 'idler' });
    expect(await lastSeen()).toBeGreaterThan(stale + 4 * 60_000);

    // Idle longer than SESSION_IDLE_MINUTES (60 by default): signed out.
    await sql(app, "update staff_session set last_seen_at = now() - interval '61 minutes' where user_id = ?", [id]);
    expect(await me(client)).toBeNull();
  });

  it("a deactivated user's sessions stop working at once, and signing in again is refused", async () => {
    const { id } = await createUser('leaver');
    const { client, result } = await login('leaver', PASSWORD);
    expect(result.errors).toBeUndefined();
    expect(await me(client)).toMatchObject({ name: 'leaver' });

    const update = await admin.gql<{ updateStaffUser: { active: boolean } }>(
      'mutation($id: ID!) { updateStaffUser(id: $id, active: false) { active } }',
      { id },
    );
    expect(update.errors).toBeUndefined();
    expect(update.data?.updateStaffUser.active).toBe(false);

    expect(await me(client)).toBeNull();
    expect(await countRows(app, 'staff_session', 'user_id = ?', [id])).toBe(0);
    const again = await login('leaver', PASSWORD);
    expect(onlyError(again.result, 'UNAUTHENTICATED').message).toMatch(/deactivated/);
  });
});

describe('staff administration', () => {
  it('admin creates a staff user who can then sign in with the given roles', async () => {
    const result = await admin.gql<{ createStaffUser: { id: string; username: string; roles: string[]; active: boolean } }>(
      'mutation { createStaffUser(username: "newbie", displayName: "New Bie", password: "a long enough password", roles: [service, billing]) { id username roles active } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.createStaffUser).toMatchObject({ username: 'newbie', roles: ['service', 'billing'], active: true });
    const signedIn = await login('newbie', 'a long enough password');
    expect(signedIn.result.data?.login.roles).toEqual(['service', 'billing']);
  });

  it('a short password is refused with the field named', async () => {
    const result = await admin.gql('mutation { createStaffUser(username: "shorty", displayName: "S", password: "short", roles: [service]) { id } }');
    const error = onlyError(result, 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('password');
    expect(await countRows(app, 'staff_user', "username = 'shorty'")).toBe(0);
  });

  for (const role of ['service', 'dpo', 'analyst']) {
    it(`${role} may not create staff users or API keys`, async () => {
      const client = await app.as(role);
      const user = await client.gql(`mutation { createStaffUser(username: "by-${role}", displayName: "X", password: "a long enough password", roles: [admin]) { id } }`);
      expect(onlyError(user, 'FORBIDDEN').path).toEqual(['createStaffUser']);
      const key = await client.gql('mutation { createApiKey(partner: "Posti Oy", label: "x", scopes: [delivery]) { key } }');
      expect(onlyError(key, 'FORBIDDEN').path).toEqual(['createApiKey']);
      const list = await client.gql('{ allStaffUsers { username } }');
      expect(onlyError(list, 'FORBIDDEN').path).toEqual(['allStaffUsers']);
      expect(await countRows(app, 'staff_user', 'username = ?', [`by-${role}`])).toBe(0);
    });
  }
});

describe('partner API keys', () => {
  let key: string;
  let keyId: string;

  it('admin creates a key; it is shown once and stored only as a hash', async () => {
    const result = await admin.gql<{ createApiKey: { key: string; apiKey: { id: string; prefix: string; scopes: string[] } } }>(
      'mutation { createApiKey(partner: "Posti Oy", label: "Toimitukset", scopes: [delivery]) { key apiKey { id prefix scopes } } }',
    );
    expect(result.errors).toBeUndefined();
    ({ key } = result.data!.createApiKey);
    keyId = result.data!.createApiKey.apiKey.id;
    expect(key.startsWith(result.data!.createApiKey.apiKey.prefix)).toBe(true);
    expect(key.length).toBeGreaterThan(40);

    const [stored] = await sql<{ json: string; secret_hash: Buffer }>(
      app,
      'select row_to_json(k)::text as json, secret_hash from partner_api_key k where id = ?',
      [keyId],
    );
    const secretPart = key.slice(result.data!.createApiKey.apiKey.prefix.length);
    expect(stored!.json).not.toContain(key);
    expect(stored!.json).not.toContain(secretPart);
    expect(stored!.secret_hash.equals(app.services.crypto.tokenDigest(key))).toBe(true);

    // Listing keys never shows the key again.
    const list = await admin.gql('{ allApiKeys { id partner label prefix scopes } }');
    expect(list.errors).toBeUndefined();
    expect(JSON.stringify(list)).not.toContain(secretPart);
  });

  it('the key authenticates as the partner with its scopes', async () => {
    const result = await app.partner(key).gql<{ me: { kind: string; name: string; scopes: string[] } }>('{ me { kind name scopes } }');
    expect(result.data?.me).toEqual({ kind: 'partner', name: 'Posti Oy', scopes: ['delivery'] });
  });

  it('a key in use records its last use without rewriting the row on every request', async () => {
    const lastUsed = async () =>
      (await sql<{ ms: string | null }>(app, 'select (extract(epoch from last_used_at) * 1000)::bigint as ms from partner_api_key where id = ?', [keyId]))[0]!.ms;
    const partner = app.partner(key);
    expect((await partner.gql('{ me { kind } }')).errors).toBeUndefined();
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // Used again at once: the row stays as it is.
    expect((await partner.gql('{ me { kind } }')).errors).toBeUndefined();
    expect(await lastUsed()).toBe(first);
    // A last use older than the refresh interval is written again.
    await sql(app, "update partner_api_key set last_used_at = now() - interval '5 minutes' where id = ?", [keyId]);
    const stale = Number(await lastUsed());
    expect((await partner.gql('{ me { kind } }')).errors).toBeUndefined();
    expect(Number(await lastUsed())).toBeGreaterThan(stale + 4 * 60_000);
  });

  it('a revoked key is refused with 401 UNAUTHENTICATED', async () => {
    const revoke = await admin.gql<{ revokeApiKey: { revokedAt: string } }>('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: keyId });
    expect(revoke.errors).toBeUndefined();
    expect(revoke.data?.revokeApiKey.revokedAt).toBeTruthy();
    const { status, body } = await withAuthorization(`Bearer ${key}`);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(/unknown or revoked/);
    expect(body.data ?? null).toBeNull();
  });

  it('an unknown key is refused the same way', async () => {
    const { status, body } = await withAuthorization('Bearer rk_abcdefgh_not-a-real-key');
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a wrong Authorization scheme gets a clear message', async () => {
    for (const header of [`Basic ${Buffer.from('service:pw').toString('base64')}`, 'Token abc', 'Bearer']) {
      const { status, body } = await withAuthorization(header);
      expect(status, header).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.errors?.[0]?.message).toContain('Authorization: Bearer <key>');
    }
  });
});

describe('one-time codes (TOTP)', () => {
  let secret: string;

  beforeAll(async () => {
    const { totpUri } = await createUser('twofactor', { totp: true });
    expect(totpUri).toMatch(/^otpauth:\/\/totp\//);
    secret = new URL(totpUri!).searchParams.get('secret')!;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  });

  it('the secret is stored encrypted, not in clear', async () => {
    const [row] = await sql<{ json: string }>(app, "select row_to_json(u)::text as json from staff_user u where username = 'twofactor'");
    expect(row!.json).not.toContain(secret);
    expect(row!.json).toMatch(/"totp_secret_key_id":"test-1"/);
  });

  it('the password alone is not enough', async () => {
    const { client, result } = await login('twofactor', PASSWORD);
    expect(onlyError(result, 'UNAUTHENTICATED').message).toMatch(/one-time code/);
    expect(client.sessionCookie).toBeUndefined();
  });

  it('a wrong code is refused', async () => {
    const code = await generate({ secret });
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const { result } = await login('twofactor', PASSWORD, wrong);
    expect(onlyError(result, 'UNAUTHENTICATED').message).toMatch(/wrong or expired/);
  });

  it('the password and the current code sign in', async () => {
    const { client, result } = await login('twofactor', PASSWORD, await generate({ secret }));
    expect(result.errors).toBeUndefined();
    expect(await me(client)).toMatchObject({ kind: 'staff', name: 'twofactor' });
  });

  it('a right code with a wrong password is still refused', async () => {
    const { result } = await login('twofactor', 'wrong password again', await generate({ secret }));
    expect(onlyError(result, 'UNAUTHENTICATED').message).toMatch(/wrong username or password/i);
  });
});
