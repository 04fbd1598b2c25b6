import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig } from '@mikro-orm/postgresql';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { domainModules } from '../modules/index.js';
import { toolingDatabaseUrl } from '../config.js';

const here = dirname(fileURLToPath(import.meta.url));

export const entities = domainModules.flatMap((module) => module.entities);

/** One ORM configuration for the server, the CLI, the tests and `mikro-orm migration:create`. */
export function ormConfig(clientUrl: string, overrides: { pool?: { min: number; max: number } } = {}) {
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
  });
}

// Used by the MikroORM CLI (migration:create) during development.
export default ormConfig(toolingDatabaseUrl());
