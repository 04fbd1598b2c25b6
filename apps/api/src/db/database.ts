import { MikroORM } from '@mikro-orm/postgresql';

export type Orm = MikroORM;
import pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.js';
import { ormConfig } from './orm.config.js';

export interface Database {
  orm: MikroORM;
  url: string;
  embedded: EmbeddedServer | undefined;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'register';

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL when none is configured. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    logger.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      onLog: (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres'),
    });
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
    url = embedded.urlFor(EMBEDDED_DATABASE);
  }
  const orm = (await MikroORM.init(ormConfig(url))) as unknown as MikroORM;
  return {
    orm,
    url,
    embedded,
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}

/** Committed migrations, run forward on every start (each in its own transaction). */
export async function migrate(orm: MikroORM, logger: Logger): Promise<void> {
  const migrator = orm.migrator;
  const pending = await migrator.getPending();
  if (pending.length === 0) return;
  logger.info({ migrations: pending.map((m) => m.name) }, 'running migrations');
  await migrator.up();
}
