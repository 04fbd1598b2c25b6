import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../src/db/orm.config.js';
import { adminQuery, dropStaleDatabases, PREFIX, testServer, withDatabase } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

/** Once per run: a migrated template database that every test file clones. */
export default async function setup(project: TestProject) {
  const { adminUrl, embedded } = await testServer(process.env);
  await dropStaleDatabases(adminUrl);
  const template = `${PREFIX}${process.pid}_template`;
  await adminQuery(adminUrl, `drop database if exists "${template}" with (force)`);
  await adminQuery(adminUrl, `create database "${template}"`);
  const orm = await MikroORM.init(ormConfig(withDatabase(adminUrl, template)));
  await orm.migrator.up();
  await orm.close(true);
  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    const { rows } = await adminQuery<{ datname: string }>(adminUrl, `select datname from pg_database where datname like $1`, [`${PREFIX}${process.pid}_%`]);
    for (const { datname } of rows) await adminQuery(adminUrl, `drop database if exists "${datname}" with (force)`);
    await embedded?.stop();
  };
}
