/**
 * Prepared statements for the hot paths (session look-up, audit of reads, the customer read
 * models). MikroORM sends every statement with its parameters written into the text, so
 * PostgreSQL parses and plans each one anew; here the text is fixed, the values travel apart, and
 * each statement is parsed once per pooled connection (named prepared statements of `pg`).
 *
 * It runs on MikroORM's own `pg` pool: no second set of connections, the same configuration.
 * Statements that must be part of a transaction go through the EntityManager as before.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { BuiltPerKey } from './built-sql.js';

/** Statements with more values than this run unnamed (`rowsOf`): lists of ids do not fill every connection with plans. */
const MAX_NAMED_VALUES = 8;

export interface Statement {
  /** The name it is prepared under: derived from the text, so one text is one statement. */
  readonly name: string;
  readonly text: string;
}

/** A statement whose text never changes (`$1`, `$2`… for values). */
export function statement(text: string): Statement {
  const compact = text.replace(/\s+/g, ' ').trim();
  return { name: `s_${createHash('sha1').update(compact).digest('hex').slice(0, 20)}`, text: compact };
}

/**
 * Turns the `?` placeholders of SQL built by MikroORM's QueryBuilder into `$1`, `$2`… Question
 * marks inside quoted strings and identifiers are left alone; `??` (MikroORM's identifier
 * placeholder) is refused, since only values are expected here.
 */
export function numbered(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      out += c;
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '?') {
      if (sql[i + 1] === '?') throw new Error('numbered(): identifier placeholders (??) are not supported');
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}

/** The ORM's logger: these statements appear in its query log like every other (text only, never values). */
type QueryLogger = Pick<Logger, 'isEnabled' | 'logQuery'>;

export class Sql {
  constructor(
    private readonly pool: Pool,
    private readonly logger?: QueryLogger,
  ) {}

  /** Rows of a prepared statement. */
  async rows<T>(query: Statement, values: readonly unknown[]): Promise<T[]> {
    return this.run<T>({ name: query.name, text: query.text, values: values as unknown[] });
  }

  /**
   * Rows of a statement whose text varies with its input (a list filter): prepared under a name
   * only while it has few values, so that lists of ids do not fill every connection with plans.
   */
  async rowsOf<T>(text: string, values: readonly unknown[]): Promise<T[]> {
    if (values.length > MAX_NAMED_VALUES) return this.run<T>({ text, values: values as unknown[] });
    // Names are hashes of the text: kept for the texts seen most (a list's pages repeat theirs).
    return this.rows<T>(this.byText.get(text, () => statement(text)), values);
  }

  /**
   * Rows of a statement built for a varying input and kept by the caller (e.g. per filter): as
   * `rowsOf`, without finding it by its text first — for a text of a few kB, hashing it on every
   * request cost more than building it had.
   */
  async rowsOfBuilt<T>(query: Statement, values: readonly unknown[]): Promise<T[]> {
    if (values.length > MAX_NAMED_VALUES) return this.run<T>({ text: query.text, values: values as unknown[] });
    return this.rows<T>(query, values);
  }

  private readonly byText = new BuiltPerKey<string, Statement>(500);

  private async run<T>(config: { name?: string; text: string; values: unknown[] }): Promise<T[]> {
    const started = Date.now();
    const result = await this.pool.query(config);
    if (this.logger?.isEnabled('query')) this.logger.logQuery({ query: config.text, took: Date.now() - started, level: 'info' });
    return result.rows as T[];
  }
}

const byPool = new WeakMap<object, Sql>();

/**
 * The prepared-statement runner of the EntityManager's connection pool. Only for statements
 * outside a transaction: inside one, use the EntityManager (its transaction's connection).
 */
export async function sqlOf(em: EntityManager): Promise<Sql> {
  if (em.isInTransaction()) throw new Error('sqlOf(): not inside a transaction; use the EntityManager there');
  const pool = (await em.getConnection().getNativeClient()) as Pool;
  let sql = byPool.get(pool);
  if (!sql) {
    sql = new Sql(pool, em.config.getLogger());
    byPool.set(pool, sql);
  }
  return sql;
}
