import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { LogContext, Logger, LoggerNamespace } from '@mikro-orm/core';
import { defineConfig } from '@mikro-orm/postgresql';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { domainModules } from '../modules/index.js';
import { toolingDatabaseUrl } from '../config.js';

const here = dirname(fileURLToPath(import.meta.url));

export const entities = domainModules.flatMap((module) => module.entities);

/** One ORM configuration for the server, the CLI, the tests and `mikro-orm migration:create`. */
/**
 * Counts statements without logging them (they carry personal data): tests and benchmarks use it
 * to prove a request costs a fixed number of SQL statements whatever its size.
 */
class StatementCounter implements Logger {
  constructor(private readonly onQuery: (sql: string) => void) {}
  log(): void {}
  error(): void {}
  warn(): void {}
  logQuery(context: LogContext): void {
    if (context.query) this.onQuery(context.query);
  }
  setDebugMode(): void {}
  isEnabled(namespace: LoggerNamespace): boolean {
    return namespace === 'query';
  }
}

export interface OrmOverrides {
  pool?: { min: number; max: number };
  /** Called with each SQL statement the ORM sends (never with its parameters). */
  onQuery?: (sql: string) => void;
}

export function ormConfig(clientUrl: string, overrides: OrmOverrides = {}) {
  return defineConfig({
    clientUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    forceUtcTimezone: true,
    // Never log SQL parameters: they are personal data.
    debug: false,
    migrations: {
      path: join(here, 'migrations'),
      // Migrations are TypeScript in src/ and compiled JavaScript in dist/.
      glob: '!(*.d).{js,ts}',
      snapshotName: '.snapshot',
      snapshotOnMigrate: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      // We log the migrations we run ourselves, as structured JSON.
      silent: true,
    },
    pool: overrides.pool ?? { min: 0, max: 10 },
    ...(overrides.onQuery
      ? { debug: ['query' as const], loggerFactory: () => new StatementCounter(overrides.onQuery!) }
      : {}),
  });
}

// Used by the MikroORM CLI (migration:create) during development.
export default ormConfig(toolingDatabaseUrl());
