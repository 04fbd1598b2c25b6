import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hash, verify } from '@node-rs/argon2';
import { isPartnerScope, isStaffRole, type PartnerScope, type StaffRole } from '@register/schema';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Config } from '../config.js';
import { badInput, unauthenticated } from '../common/errors.js';
import type { FieldCrypto } from '../common/field-crypto.js';
import { ApiKey } from '../modules/staff/api-key.entity.js';
import { StaffUser } from '../modules/staff/staff-user.entity.js';
import type { Caller, StaffCaller } from './caller.js';
import { SessionCache } from './session-cache.js';
import { sqlOf, statement } from '../db/sql.js';

/**
 * A session's last activity is written at most this often: the idle expiry is measured in minutes,
 * and rewriting the row on every request would make each read a write (WAL, a row lock, bloat).
 */
const SESSION_TOUCH_SECONDS = 30;

/** Served by the partial index of active restrictions (privacy/restriction). */
const ANY_ACTIVE_RESTRICTION = 'exists (select 1 from processing_restriction where lifted_at is null)';

/** The session's caller, refreshed at most every SESSION_TOUCH_SECONDS: one prepared statement per request. */
const SESSION_CALLER = statement(`
  with s as (
    select id, user_id, last_seen_at, expires_at from staff_session
     where id = $1 and expires_at > now() and last_seen_at > now() - make_interval(mins => $2::int)),
  touched as (
    update staff_session set last_seen_at = now()
     where id = (select id from s) and last_seen_at < now() - interval '${SESSION_TOUCH_SECONDS} seconds')
  select u.id, u.username, u.display_name, u.roles, ${ANY_ACTIVE_RESTRICTION} as any_restrictions,
         s.expires_at, s.last_seen_at
    from s join staff_user u on u.id = s.user_id and u.active`);

/**
 * The key's partner and scopes, with its last use written at most every SESSION_TOUCH_SECONDS:
 * a partner's requests are reads, not a write each, and concurrent requests with one key do not
 * queue for its row's lock.
 */
const API_KEY_CALLER = statement(`
  with k as (
    select id, partner, scopes, last_used_at from partner_api_key where secret_hash = $1 and revoked_at is null),
  touched as (
    update partner_api_key set last_used_at = now()
     where id = (select id from k)
       and (last_used_at is null or last_used_at < now() - interval '${SESSION_TOUCH_SECONDS} seconds'))
  select k.id, k.partner, k.scopes, ${ANY_ACTIVE_RESTRICTION} as any_restrictions from k`);

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane (argon2id is the library default). */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const MIN_PASSWORD_LENGTH = 12;
export const SESSION_COOKIE = 'register_session';
const API_KEY_PREFIX = 'rk_';

// A hash to verify against when the user does not exist, so that both paths take as long.
let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  user: StaffUser;
  token: string;
  expiresAt: Date;
}

export function checkPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badInput(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > 256) throw badInput(field, 'is too long: at most 256 characters');
}

export function parseRoles(roles: readonly string[]): StaffRole[] {
  const unknown = roles.filter((role) => !isStaffRole(role));
  if (unknown.length > 0) {
    throw badInput('roles', `unknown role ${unknown.join(', ')}`);
  }
  return [...new Set(roles as StaffRole[])];
}

export function parseScopes(scopes: readonly string[]): PartnerScope[] {
  const unknown = scopes.filter((scope) => !isPartnerScope(scope));
  if (unknown.length > 0) throw badInput('scopes', `unknown scope ${unknown.join(', ')}`);
  if (scopes.length === 0) throw badInput('scopes', 'give the key at least one scope');
  return [...new Set(scopes as PartnerScope[])];
}

/**
 * Staff sign-in (argon2id, lockout after repeated failures, optional TOTP), server-side sessions
 * in PostgreSQL, and partner API keys. Tokens and keys are random; the database keeps their HMAC.
 */
export class AuthService {
  /** Sessions looked up recently (access/session-cache.ts); started by the app, off in tests. */
  readonly sessions: SessionCache;

  constructor(
    private readonly config: Config,
    private readonly crypto: FieldCrypto,
  ) {
    this.sessions = new SessionCache(config.session.cacheSeconds * 1000);
  }

  hashPassword(password: string): Promise<string> {
    return hash(password, ARGON2);
  }

  async login(
    em: EntityManager,
    input: { username: string; password: string; totpCode?: string | null; ip: string | null; userAgent: string | null },
  ): Promise<LoginResult> {
    const refused = unauthenticated('Wrong username or password.');
    const user = await em.findOne(
      StaffUser,
      { username: { $ilike: input.username.replace(/[\\%_]/g, '\\$&') } },
      { populate: ['passwordHash', 'totpSecretCiphertext'] },
    );
    if (!user) {
      dummyHash ??= this.hashPassword(randomBytes(16).toString('hex'));
      await verify(await dummyHash, input.password).catch(() => false);
      throw refused;
    }
    const now = new Date();
    if (user.lockedUntil && user.lockedUntil > now) {
      throw unauthenticated(
        `This account is locked after too many failed sign-ins until ${user.lockedUntil.toISOString()}. Try again later or ask an administrator.`,
      );
    }
    const passwordOk = await verify(user.passwordHash, input.password).catch(() => false);
    const totpOk = passwordOk && (await this.checkTotp(user, input.totpCode));
    if (!passwordOk || !totpOk || !user.active) {
      if (!passwordOk || !totpOk) {
        user.failedLogins += 1;
        if (user.failedLogins >= this.config.login.maxFailures) {
          user.lockedUntil = new Date(now.getTime() + this.config.login.lockoutMinutes * 60_000);
          user.failedLogins = 0;
        }
        await em.flush();
      }
      if (passwordOk && !totpOk) {
        throw unauthenticated(
          input.totpCode ? 'The one-time code is wrong or expired.' : 'Enter the one-time code from your authenticator app.',
        );
      }
      if (passwordOk && !user.active) throw unauthenticated('This account has been deactivated.');
      throw refused;
    }
    user.failedLogins = 0;
    user.lockedUntil = null;
    user.lastLoginAt = now;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.session.ttlHours * 3_600_000);
    await em.flush();
    await em.getConnection().execute(
      `insert into staff_session (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
       values (?, ?, now(), now(), ?, ?, ?)`,
      [this.crypto.tokenDigest(token), user.id, expiresAt, input.ip?.slice(0, 64) ?? null, input.userAgent?.slice(0, 200) ?? null],
      'run',
    );
    // Sessions that ended stay useless but take space: sign-ins sweep them (by the expiry index).
    await em.getConnection().execute(
      'delete from staff_session where expires_at < now() or last_seen_at < now() - make_interval(mins => ?)',
      [this.config.session.idleMinutes],
      'run',
    );
    return { user, token, expiresAt };
  }

  private async checkTotp(user: StaffUser, code: string | null | undefined): Promise<boolean> {
    if (!user.totpSecretCiphertext || !user.totpSecretKeyId) return true;
    if (!code || !/^[0-9]{6}$/.test(code)) return false;
    const secret = this.crypto.open(
      { ciphertext: user.totpSecretCiphertext, keyId: user.totpSecretKeyId },
      `staff:${user.id}:totp`,
    );
    const result = await verifyTotp({ secret, token: code, epochTolerance: 30 });
    return result.valid;
  }

  async logout(em: EntityManager, caller: Caller): Promise<void> {
    if (caller.kind !== 'staff') return;
    await em.getConnection().execute('delete from staff_session where id = ?', [caller.sessionId], 'run');
    this.sessions.delete(caller.sessionId.toString('base64'));
  }

  /**
   * One statement per request: finds the session, refreshes it (at most every SESSION_TOUCH_SECONDS), reads the user's roles and whether
   * any processing restriction is active (when none is, the request's restriction checks need no
   * query of their own).
   */
  async sessionCaller(em: EntityManager, token: string): Promise<Caller | undefined> {
    const digest = this.crypto.tokenDigest(token);
    const key = digest.toString('base64');
    const cached = this.sessions.get(key);
    if (cached) return cached;
    const generation = this.sessions.generation;
    const sql = await sqlOf(em);
    const rows = await sql.rows<{
      id: string;
      username: string;
      display_name: string;
      roles: string[];
      any_restrictions: boolean;
      expires_at: Date;
      last_seen_at: Date;
    }>(SESSION_CALLER, [digest, this.config.session.idleMinutes]);
    const row = rows[0];
    if (!row) return undefined;
    const caller: StaffCaller = {
      kind: 'staff',
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles.filter(isStaffRole),
      sessionId: digest,
      anyRestrictions: row.any_restrictions,
    };
    // Never past the session's own end: absolute, or idle counted from the last activity read.
    const idleEnd = new Date(row.last_seen_at).getTime() + this.config.session.idleMinutes * 60_000;
    this.sessions.set(key, caller, generation, Math.min(new Date(row.expires_at).getTime(), idleEnd));
    return caller;
  }

  async apiKeyCaller(em: EntityManager, key: string): Promise<Caller | undefined> {
    if (!key.startsWith(API_KEY_PREFIX)) return undefined;
    const sql = await sqlOf(em);
    const rows = await sql.rows<{ id: string; partner: string; scopes: string[]; any_restrictions: boolean }>(API_KEY_CALLER, [
      this.crypto.tokenDigest(key),
    ]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      kind: 'partner',
      keyId: row.id,
      partner: row.partner,
      scopes: row.scopes.filter(isPartnerScope),
      anyRestrictions: row.any_restrictions,
    };
  }

  async createApiKey(
    em: EntityManager,
    input: { partner: string; label: string; scopes: string[]; createdBy: string | null },
  ): Promise<{ apiKey: ApiKey; key: string }> {
    if (!input.partner.trim()) throw badInput('partner', 'name the partner organisation');
    if (!input.label.trim()) throw badInput('label', 'say what the key is for');
    const scopes = parseScopes(input.scopes);
    const secret = randomBytes(32).toString('base64url');
    const prefix = `${API_KEY_PREFIX}${secret.slice(0, 8)}`;
    const key = `${prefix}_${secret.slice(8)}`;
    const apiKey = em.create(ApiKey, {
      id: randomUUID(),
      partner: input.partner.trim(),
      label: input.label.trim(),
      prefix,
      secretHash: this.crypto.tokenDigest(key),
      scopes,
      createdBy: input.createdBy,
    });
    await em.flush();
    return { apiKey, key };
  }

  async createStaffUser(
    em: EntityManager,
    input: { username: string; displayName: string; password: string; roles: string[]; totp?: boolean },
  ): Promise<{ user: StaffUser; totpUri?: string }> {
    if (!/^[a-z0-9][a-z0-9._-]{1,63}$/i.test(input.username)) {
      throw badInput('username', 'must be 2–64 letters, digits, dots, hyphens or underscores');
    }
    if (!input.displayName.trim()) throw badInput('displayName', 'is required');
    checkPassword(input.password);
    const roles = parseRoles(input.roles);
    const existing = await em.count(StaffUser, { username: { $ilike: input.username } });
    if (existing > 0) throw badInput('username', `"${input.username}" is taken`);
    const user = em.create(StaffUser, {
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName.trim(),
      passwordHash: await this.hashPassword(input.password),
      roles,
    });
    let totpUri: string | undefined;
    if (input.totp) {
      const secret = generateSecret();
      const sealed = this.crypto.seal(secret, `staff:${user.id}:totp`);
      user.totpSecretCiphertext = sealed.ciphertext;
      user.totpSecretKeyId = sealed.keyId;
      totpUri = generateURI({ issuer: 'Lesec customer register', label: input.username, secret });
    }
    await em.flush();
    return totpUri ? { user, totpUri } : { user };
  }
}
