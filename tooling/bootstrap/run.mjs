#!/usr/bin/env node
// The one entry point behind `npm start`, `npm test` and the other root scripts.
//
// Plain JavaScript on purpose: it must run on the machine's own Node (20 or newer), which may be
// too old for the project itself. It installs what is missing into git-ignored folders and then
// hands over to the pinned toolchain:
//   - Node.js (NODE_VERSION) from the npm registry into .tools/ when the machine's is older;
//   - pnpm (PNPM_VERSION, the same as `packageManager`) into .tools/;
//   - dependencies (`pnpm install --frozen-lockfile`) when the lockfile changed since the last run;
//   - Debian's chromium for the browser tests (`test` only), when it is absent and we may install it.
// Nothing global is touched: the machine's Node and npm stay as they are.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, accessSync, constants } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.21.0';
const MIN_NODE = [22, 17];
const PNPM_VERSION = '12.4.2';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const toolsDir = join(root, '.tools');
const toolsBin = join(toolsDir, 'node_modules', '.bin');

const say = (message) => process.stderr.write(`[register] ${message}\n`);
const fail = (message) => {
  say(message);
  process.exit(1);
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: process.env, ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function mustRun(command, args, what, options) {
  const status = run(command, args, options);
  if (status !== 0) fail(`${what} failed (exit ${status}).`);
}

function versionAtLeast(version, [major, minor]) {
  const [ma, mi] = version.replace(/^v/, '').split('.').map(Number);
  return ma > major || (ma === major && mi >= minor);
}

function installedVersion(pkg) {
  const manifest = join(toolsDir, 'node_modules', pkg, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

function ensureToolchain() {
  const wanted = [];
  const systemNodeOk = versionAtLeast(process.version, MIN_NODE);
  const nodePackage = `node-${process.platform}-${process.arch}`;
  if (!systemNodeOk && installedVersion(nodePackage) !== NODE_VERSION) {
    wanted.push(`${nodePackage}@${NODE_VERSION}`);
  }
  if (installedVersion('pnpm') !== PNPM_VERSION) wanted.push(`pnpm@${PNPM_VERSION}`);
  if (wanted.length > 0) {
    say(`installing ${wanted.join(', ')} into .tools/ (Node ${process.version} found)`);
    mkdirSync(toolsDir, { recursive: true });
    if (!existsSync(join(toolsDir, 'package.json'))) {
      writeFileSync(join(toolsDir, 'package.json'), '{ "private": true }\n');
    }
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    mustRun(npm, ['install', '--prefix', toolsDir, '--save-exact', '--no-audit', '--no-fund', ...wanted],
      'installing the toolchain from the npm registry');
  }
  process.env.PATH = `${toolsBin}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH ?? ''}`;
  const nodeVersion = spawnSync('node', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  if (!versionAtLeast(nodeVersion, MIN_NODE)) {
    fail(`Node ${MIN_NODE.join('.')} or newer is needed, found "${nodeVersion}" after installing.`);
  }
  process.env.TURBO_TELEMETRY_DISABLED = '1';
  process.env.DO_NOT_TRACK = '1';
}

function ensureDependencies() {
  const lockfile = join(root, 'pnpm-lock.yaml');
  const stampFile = join(root, 'node_modules', '.register-install-stamp');
  const stamp = existsSync(lockfile)
    ? createHash('sha256').update(readFileSync(lockfile)).update(PNPM_VERSION).digest('hex')
    : 'no-lockfile';
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  say('installing dependencies (pnpm install --frozen-lockfile)');
  mustRun('pnpm', ['install', '--frozen-lockfile'], 'pnpm install');
  writeFileSync(stampFile, stamp);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => path && isExecutable(path));
}

function ensureChromium() {
  let chromium = findChromium();
  if (!chromium) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const hasApt = existsSync('/usr/bin/apt-get');
    if (!isRoot || !hasApt) {
      fail(
        'The browser tests need Chromium and it is not installed. Install it, e.g. on Debian:\n' +
          '    sudo apt-get update && sudo apt-get install -y chromium\n' +
          'or point CHROMIUM_PATH at a Chromium/Chrome binary. The browser suite is never skipped.',
      );
    }
    say("installing Debian's chromium for the browser tests (apt-get)");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    mustRun('apt-get', ['update', '-qq'], 'apt-get update', { env });
    mustRun('apt-get', ['install', '-y', '-qq', 'chromium'], 'apt-get install chromium', { env });
    chromium = findChromium();
    if (!chromium) fail('chromium was installed but /usr/bin/chromium is missing.');
  }
  process.env.CHROMIUM_PATH = chromium;
}

function turbo(tasks, extra = []) {
  return run('pnpm', ['exec', 'turbo', 'run', ...tasks, '--output-logs=new-only', ...extra]);
}

function startServer() {
  const build = turbo(['build'], ['--filter=@register/api', '--filter=@register/admin']);
  if (build !== 0) process.exit(build);
  const child = spawn('node', ['--enable-source-maps', 'dist/main.js'], {
    cwd: join(root, 'apps', 'api'),
    stdio: 'inherit',
    env: process.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const task = process.argv[2];
const passthrough = process.argv.slice(3);
const tasks = {
  start: () => startServer(),
  test: () => {
    ensureChromium();
    process.exit(turbo(['test'], ['--concurrency=1', ...passthrough]));
  },
  build: () => process.exit(turbo(['build'], passthrough)),
  dev: () => process.exit(turbo(['dev'], ['--concurrency=10', ...passthrough])),
  lint: () => process.exit(turbo(['lint'], passthrough)),
  typecheck: () => process.exit(turbo(['typecheck'], passthrough)),
  format: () => process.exit(run('pnpm', ['exec', 'prettier', '--write', '.'])),
  // Issue 5's benchmark (apps/bench): the API's workspace packages first; the harness compiles the API itself.
  bench: () => {
    mustRun('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@register/api^...', '--output-logs=errors-only'], 'build');
    process.exit(run('node', [join(root, 'apps', 'bench', 'src', 'main.ts'), ...passthrough]));
  },
  generate: () => {
    mustRun('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@register/api^...', '--output-logs=errors-only'], 'build');
    mustRun('pnpm', ['--filter', '@register/api', 'run', 'generate:schema'], 'emitting schema.graphql');
    mustRun('pnpm', ['--filter', '@register/schema', 'run', 'codegen'], 'graphql-codegen');
  },
  'check-generated': () => {
    tasks.generate();
    const changed = spawnSync('git', ['status', '--porcelain', '--', 'packages/schema'], {
      cwd: root,
      encoding: 'utf8',
    }).stdout.trim();
    if (changed) {
      fail(
        `Generated files differ from what is committed:\n${changed}\n` +
          'Run `npm run generate` and commit the result.',
      );
    }
    say('generated files are up to date');
  },
};

if (!tasks[task]) fail(`unknown task "${task}"; one of: ${Object.keys(tasks).join(', ')}`);
ensureToolchain();
ensureDependencies();
tasks[task]();
