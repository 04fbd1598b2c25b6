import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig } from '@mikro-orm/postgresql';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Customer } from '../modules/customer/customer.entity.js';
import { ApiKey } from '../modules/staff/api-key.entity.js';
import { StaffSession } from '../modules/staff/staff-session.entity.js';
import { StaffUser } from '../modules/staff/staff-user.entity.js';
import { toolingDatabaseUrl } from '../config.js';

const here = dirname(fileURLToPath(import.meta.url));

export const entities: (typeof Customer | typeof StaffUser | typeof StaffSession | typeof ApiKey | typeof AuditEvent)[] = [
  Customer,
  StaffUser,
  StaffSession,
  ApiKey,
  AuditEvent,
];

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
