/// <reference lib="dom" />
// The functions passed to the page (addInitScript, evaluate) run in the browser.
/**
 * Issue 5's admin-app target, measured in a real browser: headless Chromium (Debian's, driven by
 * playwright-core, as the admin app's browser tests do) against the running API, which serves the
 * built admin app from the same origin.
 *
 * - initial JavaScript: the scripts of the served index.html (the entry and every module it
 *   preloads), gzip-compressed size (what the 400 kB budget counts) and the bytes that actually
 *   crossed the wire (the API sends the Brotli or gzip copies the admin build writes);
 * - first customer list: from navigation to `/#/customers` until the first real row of the list is
 *   in the DOM (a MutationObserver installed before any script of the page runs, so the time is
 *   the page's own clock from navigation start), median of cold loads, each in a new browser
 *   context (empty cache, no cookies), signed in through the API's login mutation first.
 *
 * One load before the measured ones signs in through the sign-in page and opens the list (it checks
 * that the app works and warms the API and PostgreSQL up: the measured loads are cold for the
 * browser, not for the server).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type BrowserServer, type Page } from 'playwright-core';
import { processCpuMs } from './proc.ts';

export interface ScriptsSize {
  files: number;
  /** Sum of each file's gzip size (zlib's default level, as the admin app's size test counts it). */
  gzipBytes: number;
  /** Bytes of the response bodies as they were transferred. */
  wireBytes: number;
}

export interface ColdLoad {
  /** Navigation start to the first row of the customer list in the DOM. */
  firstRowsMs: number;
  /** Navigation start to DOMContentLoaded: the page's scripts (the initial JavaScript) loaded and run. */
  scriptsRunMs: number;
  /** The CustomerList GraphQL request (the page of rows and the total count): start and end, from navigation start. */
  listRequest: { startMs: number; endMs: number } | undefined;
  /** The `me` request the app makes first (who is signed in). */
  meRequest: { startMs: number; endMs: number } | undefined;
  /** Every script the page loaded until the first rows were shown. */
  scriptsUntilRows: ScriptsSize;
  /** When the last of those scripts had arrived (the list screen's chunks are the last): from navigation start. */
  lastScriptMs?: number;
  /**
   * CPU milliseconds spent from just before the navigation until the first rows were seen: the
   * browser's (all its processes), and the API's and PostgreSQL's when their pids are known. On a
   * shared machine the wall time stretches with the load; CPU time is less sensitive to it.
   */
  cpuMs: { browser: number; api?: number; postgres?: number };
}

export interface AdminMeasurement {
  problem?: string;
  initialJs?: ScriptsSize;
  loads: ColdLoad[];
  /** Rows the list shows on its first page (a check that it showed the register, not an empty list). */
  rowsShown?: number;
  chromium?: string;
}

export interface AdminOptions {
  url: string;
  username: string;
  password: string;
  /** The admin app the API serves (its dist folder): gzip sizes are computed from these files. */
  adminDist: string;
  /** The API server's and the PostgreSQL postmaster's pids, for their CPU time per load. */
  pids?: { api?: number; postgres?: number };
  loads?: number;
  log(line: string): void;
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A real row of the list (react-admin's loading skeleton has no such row in the table body). */
const FIRST_ROW = 'tbody tr.RaDataTable-row';

declare global {
  interface Window {
    __registerFirstRowsAt?: number;
  }
}

/** Installed before the app's scripts: notes the page clock when the first row with text appears. */
function watchFirstRows(selector: string) {
  const check = () => {
    const row = document.querySelector(selector);
    if (row && (row.textContent ?? '').trim() !== '') {
      window.__registerFirstRowsAt = performance.now();
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

export function initialScripts(html: string): string[] {
  const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((match) => match[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((match) => match[1]!);
  return [...new Set([...entries, ...preloads])];
}

function gzipOf(adminDist: string, path: string, cache: Map<string, number>): number {
  const known = cache.get(path);
  if (known !== undefined) return known;
  const file = join(adminDist, path.replace(/^\//, ''));
  const size = existsSync(file) ? gzipSync(readFileSync(file)).length : 0;
  cache.set(path, size);
  return size;
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  context.setDefaultTimeout(60_000);
  await context.addInitScript(watchFirstRows, FIRST_ROW);
  return context;
}

/** Through the sign-in page, as a person would (once, not timed). */
async function signInThroughPage(page: Page, options: AdminOptions): Promise<void> {
  await page.goto(`${options.url}/#/login`);
  await page.getByRole('textbox', { name: 'Username' }).fill(options.username);
  await page.getByRole('textbox', { name: 'Password' }).fill(options.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('dashboard-greeting').waitFor({ state: 'visible' });
}

/** The login mutation the app sends, from the context (its cookie jar gets the session cookie). */
async function signInThroughApi(context: BrowserContext, options: AdminOptions): Promise<void> {
  const response = await context.request.post(`${options.url}/graphql`, {
    headers: { 'content-type': 'application/json' },
    data: {
      query: 'mutation ($username: String!, $password: String!) { login(username: $username, password: $password) { id } }',
      variables: { username: options.username, password: options.password },
    },
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  if (!response.ok() || body.errors?.length) {
    throw new Error(`signing in as ${options.username} failed: ${body.errors?.[0]?.message ?? `HTTP ${response.status()}`}`);
  }
}

interface TimedRequest {
  operation: string;
  startEpochMs: number;
  endEpochMs?: number;
}

/** A process and its descendants alive now. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // gone meanwhile
    }
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** CPU milliseconds of each process of a tree, by pid. */
const treeCpu = (root: number) => new Map(processTree(root).map((pid) => [pid, processCpuMs(pid)]));

/**
 * CPU spent between two snapshots by the processes alive at the second (new ones counted whole):
 * a process that ended meanwhile (a closed context's renderer, a PostgreSQL backend) would
 * otherwise subtract all its earlier CPU time.
 */
function spent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - Math.min(cpu, before.get(pid) ?? 0);
  return total;
}

function cpuNow(browserPid: number, pids: AdminOptions['pids']) {
  return {
    browser: treeCpu(browserPid),
    api: pids?.api === undefined ? undefined : processCpuMs(pids.api),
    postgres: pids?.postgres === undefined ? undefined : treeCpu(pids.postgres),
  };
}

async function coldLoad(browser: Browser, browserPid: number, options: AdminOptions, gzipCache: Map<string, number>): Promise<ColdLoad & { rows: number }> {
  const context = await newContext(browser);
  try {
    await signInThroughApi(context, options);
    const page = await context.newPage();
    const graphql: TimedRequest[] = [];
    page.on('request', (request) => {
      if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
      const operation = (request.postDataJSON() as { operationName?: string } | null)?.operationName ?? '(anonymous)';
      graphql.push({ operation, startEpochMs: Number.NaN });
    });
    page.on('requestfinished', (request) => {
      if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
      const operation = (request.postDataJSON() as { operationName?: string } | null)?.operationName ?? '(anonymous)';
      const timing = request.timing();
      const entry = graphql.find((item) => item.operation === operation && item.endEpochMs === undefined);
      if (entry) {
        entry.startEpochMs = timing.startTime;
        entry.endEpochMs = timing.startTime + timing.responseEnd;
      }
    });

    const cpuBefore = cpuNow(browserPid, options.pids);
    await page.goto(`${options.url}/#/customers`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__registerFirstRowsAt !== undefined, undefined, { timeout: 60_000, polling: 50 });
    const cpuAfter = cpuNow(browserPid, options.pids);
    const state = await page.evaluate(() => ({
      firstRowsMs: window.__registerFirstRowsAt!,
      scriptsRunMs: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? Number.NaN,
      timeOrigin: performance.timeOrigin,
      rows: document.querySelectorAll('tbody tr.RaDataTable-row').length,
      scripts: performance
        .getEntriesByType('resource')
        .map((entry) => entry as PerformanceResourceTiming)
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => ({ path: new URL(entry.name).pathname, encoded: entry.encodedBodySize, at: entry.responseEnd })),
    }));
    const relative = (operation: string) => {
      const request = graphql.find((item) => item.operation === operation && item.endEpochMs !== undefined);
      return request ? { startMs: request.startEpochMs - state.timeOrigin, endMs: request.endEpochMs! - state.timeOrigin } : undefined;
    };
    const untilRows = state.scripts.filter((script) => script.at <= state.firstRowsMs);
    return {
      firstRowsMs: state.firstRowsMs,
      scriptsRunMs: state.scriptsRunMs,
      listRequest: relative('CustomerList'),
      meRequest: relative('Me'),
      ...(untilRows.length > 0 ? { lastScriptMs: Math.max(...untilRows.map((script) => script.at)) } : {}),
      scriptsUntilRows: {
        files: untilRows.length,
        gzipBytes: untilRows.reduce((sum, script) => sum + gzipOf(options.adminDist, script.path, gzipCache), 0),
        wireBytes: untilRows.reduce((sum, script) => sum + script.encoded, 0),
      },
      cpuMs: {
        browser: spent(cpuBefore.browser, cpuAfter.browser),
        ...(cpuAfter.api !== undefined && cpuBefore.api !== undefined ? { api: cpuAfter.api - cpuBefore.api } : {}),
        ...(cpuAfter.postgres !== undefined && cpuBefore.postgres !== undefined ? { postgres: spent(cpuBefore.postgres, cpuAfter.postgres) } : {}),
      },
      rows: state.rows,
    };
  } finally {
    await context.close();
  }
}

/** The initial JavaScript of the index.html the API serves: gzip sizes from the files, wire bytes as fetched. */
async function initialJs(options: AdminOptions, gzipCache: Map<string, number>): Promise<ScriptsSize> {
  const page = await fetch(`${options.url}/`);
  const scripts = page.ok ? initialScripts(await page.text()) : [];
  if (scripts.length === 0) {
    throw new Error(`the API serves no admin app at / (HTTP ${page.status}${page.ok ? ', no module script in the page' : ''}): is ADMIN_DIST a built app?`);
  }
  let wireBytes = 0;
  for (const path of scripts) {
    const response = await fetch(`${options.url}${path}`, { headers: { 'accept-encoding': 'gzip, br' } });
    if (!response.ok) throw new Error(`${path} of the admin app: HTTP ${response.status}`);
    // fetch decompresses: the wire size is Content-Length when the server compressed, else the body.
    const body = Buffer.from(await response.arrayBuffer());
    wireBytes += response.headers.get('content-encoding') ? Number(response.headers.get('content-length') ?? body.length) : body.length;
  }
  return { files: scripts.length, gzipBytes: scripts.reduce((sum, path) => sum + gzipOf(options.adminDist, path, gzipCache), 0), wireBytes };
}

export async function measureAdmin(options: AdminOptions): Promise<AdminMeasurement> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    return { loads: [], problem: `no Chromium at ${executablePath} (install Debian's chromium, or set CHROMIUM_PATH)` };
  }
  const gzipCache = new Map<string, number>();
  let server: BrowserServer | undefined;
  let browser: Browser | undefined;
  let initial: ScriptsSize | undefined;
  const loads: ColdLoad[] = [];
  try {
    initial = await initialJs(options, gzipCache);
    options.log(`admin: initial JS ${(initial.gzipBytes / 1024).toFixed(1)} kB gzip in ${initial.files} files (${(initial.wireBytes / 1024).toFixed(0)} kB on the wire)`);
    // A browser server, so that its process (and the CPU time of its process tree) is known.
    server = await chromium.launchServer({ executablePath, headless: true, args: CHROMIUM_ARGS });
    const browserPid = server.process().pid;
    if (browserPid === undefined) throw new Error('Chromium started without a process id');
    browser = await chromium.connect(server.wsEndpoint());
    const version = browser.version();

    const warm = await newContext(browser);
    try {
      const page = await warm.newPage();
      await signInThroughPage(page, options);
      await page.goto(`${options.url}/#/customers`);
      await page.locator(FIRST_ROW).first().waitFor({ state: 'visible' });
    } finally {
      await warm.close();
    }

    let rowsShown: number | undefined;
    for (let n = 0; n < (options.loads ?? 5); n += 1) {
      const { rows, ...load } = await coldLoad(browser, browserPid, options, gzipCache);
      rowsShown = rows;
      loads.push(load);
      const list = load.listRequest ? `; list request ${load.listRequest.startMs.toFixed(0)}–${load.listRequest.endMs.toFixed(0)} ms` : '';
      const cpu = `CPU ms: browser ${load.cpuMs.browser.toFixed(0)}${load.cpuMs.api === undefined ? '' : `, API ${load.cpuMs.api.toFixed(0)}`}${load.cpuMs.postgres === undefined ? '' : `, PostgreSQL ${load.cpuMs.postgres.toFixed(0)}`}`;
      options.log(`admin: cold load ${n + 1}: first rows at ${load.firstRowsMs.toFixed(0)} ms; scripts run by ${load.scriptsRunMs.toFixed(0)} ms${list}; ${cpu}; ${load.scriptsUntilRows.files} scripts, ${(load.scriptsUntilRows.gzipBytes / 1024).toFixed(0)} kB gzip${load.lastScriptMs === undefined ? '' : `, the last in by ${load.lastScriptMs.toFixed(0)} ms`}`);
    }
    return { initialJs: initial, loads, rowsShown, chromium: version };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    options.log(`admin: ${message}`);
    return { ...(initial ? { initialJs: initial } : {}), loads, problem: message };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  }
}
