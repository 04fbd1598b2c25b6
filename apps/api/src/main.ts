import 'reflect-metadata';
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { seedDemoData } from './db/seed-demo.js';
import { createLogger } from './logger.js';
import { createServices } from './services.js';
import { RetentionJob } from './privacy/retention/retention.job.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (config.generatedSecrets.length > 0) {
    logger.warn(
      { secrets: config.generatedSecrets, dataDir: config.dataDir },
      'development secrets generated into the data folder (set them in configuration for production)',
    );
  }
  const database = await openDatabase(config, logger);
  await migrate(database.orm, logger);
  const services = createServices(config);
  if (config.seedDemoData) {
    await seedDemoData(database.orm.em.fork(), services, logger, {
      customers: config.demoCustomers,
      password: config.demoPassword,
      print: (line) => process.stdout.write(`${line}\n`),
    });
  }
  const { app, apollo, setNotReady } = await createApp({ config, orm: database.orm, services, logger });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(config.port, config.host ?? '::', () => resolve(listening));
  });
  // The daily retention run (pg-boss in its own schema); RETENTION_JOB=false leaves it off.
  const retentionJob = config.retention.enabled
    ? new RetentionJob(database.orm, services.retention, logger, {
        databaseUrl: database.url,
        schedule: config.retention.schedule,
        batchSize: config.retention.batchSize,
      })
    : undefined;
  await retentionJob?.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, 'customer register is up');
  process.stdout.write(
    `\n  Admin app: http://localhost:${port}/\n  GraphQL:   http://localhost:${port}/graphql\n\n`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    setNotReady();
    // First, so that the job stops taking work before the database goes (the embedded PostgreSQL's
    // own signal handler stops it at the same moment).
    const jobStopped = retentionJob?.stop();
    const force = setTimeout(() => {
      logger.error('requests did not finish in 10 s; stopping anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    await apollo.stop();
    await jobStopped;
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The register could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
