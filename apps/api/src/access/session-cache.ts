/**
 * Staff sessions recently looked up, so that a signed-in user's requests do not each pay a
 * statement for the session (a third of a customer read's statements).
 *
 * Correctness comes first; the cache only ever answers what the database would answer:
 *   - Every change that can end or narrow a session's access — a session removed or its expiry
 *     changed, a staff user changed or removed (roles, deactivation), any processing restriction
 *     placed, lifted or removed (the caller carries whether any is active) — makes PostgreSQL
 *     `NOTIFY register_access` when it commits (triggers, migration 20261206064500), from this
 *     process, another API process or the CLI. This process LISTENs on a connection of its own and
 *     forgets every session at once.
 *   - While that connection is not listening (starting, lost, reconnecting) nothing is cached or
 *     answered from the cache: every request asks the database, as without a cache.
 *   - A look-up that started before a notification is not stored after it (a generation count),
 *     so a stale answer cannot outlive the change that made it stale.
 *   - An entry lives at most SESSION_CACHE_SECONDS, and never past the session's own absolute or
 *     idle expiry; the look-up that refreshes it also refreshes the session's last activity.
 *   - Signing out forgets the session in this process before the answer is sent, and a mutation
 *     forgets every session when it ends (app.ts), so the next request of any client sees it.
 * SESSION_CACHE_SECONDS=0 turns it off (the default in tests, which change the database directly).
 */
import pg from 'pg';
import type { StaffCaller } from './caller.js';
import type { Logger } from '../logger.js';

export const ACCESS_CHANNEL = 'register_access';

/** At most this many sessions are kept (a bound on memory, far above the staff's sessions). */
const MAX_ENTRIES = 10_000;

export class SessionCache {
  private readonly entries = new Map<string, { caller: StaffCaller; until: number }>();
  private listener: pg.Client | undefined;
  private listening = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  /** Connection attempts lost in a row: the wait before the next grows to 30 s, and only the first is logged. */
  private failures = 0;
  /** Counts invalidations: a look-up stores its answer only if none happened since it began. */
  generation = 0;

  constructor(private readonly ttlMs: number) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** Whether the cache answers now (it is on and listening for changes). */
  get active(): boolean {
    return this.listening;
  }

  get(key: string, now = Date.now()): StaffCaller | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.caller;
  }

  /** Stores a look-up that began at `generation`, valid until `validUntil` (ms) at the latest. */
  set(key: string, caller: StaffCaller, generation: number, validUntil: number, now = Date.now()): void {
    if (!this.listening || generation !== this.generation) return;
    const until = Math.min(validUntil, now + this.ttlMs);
    if (until <= now) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { caller, until });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every session (a change of access somewhere). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Starts listening for changes on a connection of its own (nothing when the cache is off). */
  async start(connection: pg.ClientConfig, logger: Logger): Promise<void> {
    if (!this.enabled || this.stopped) return;
    const client = new pg.Client({ ...connection, application_name: 'register-session-cache' });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = undefined;
      this.clear();
      client.removeAllListeners();
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.failures += 1;
      if (this.failures === 1) {
        logger.warn({ err: error }, 'session cache: the change listener was lost; sessions are looked up every time until it is back');
      }
      this.retry = setTimeout(() => void this.start(connection, logger), Math.min(1000 * 2 ** (this.failures - 1), 30_000));
      this.retry.unref();
    };
    this.listener = client;
    client.on('notification', () => this.clear());
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${ACCESS_CHANNEL}`);
      if (this.listener !== client) return;
      this.clear();
      this.listening = true;
      if (this.failures > 0) logger.info('session cache: listening for access changes again');
      this.failures = 0;
    } catch (error) {
      lost(error as Error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listener = undefined;
    this.listening = false;
    this.clear();
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
