/**
 * The JavaScript a browser loads before the first screen — the entry script of the built
 * index.html and every module it preloads — stays within 400 kB gzip; resources and screens load
 * when they are opened. Needs the built app (`pnpm run build`; the package's test task builds it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const BUDGET_BYTES = 400 * 1024;

export function initialScripts(html: string): string[] {
  const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((match) => match[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((match) => match[1]!);
  return [...new Set([...entries, ...preloads])];
}

describe('initial JavaScript', () => {
  test(`the first download is at most ${BUDGET_BYTES / 1024} kB gzip`, () => {
    // The package's test task builds the app first; run `pnpm run build` when running this alone.
    expect(existsSync(join(DIST, 'index.html')), 'apps/admin/dist is missing: run `pnpm run build` first').toBe(true);
    const scripts = initialScripts(readFileSync(join(DIST, 'index.html'), 'utf8'));
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((src) => ({ src, gzip: gzipSync(readFileSync(join(DIST, src.replace(/^\//, '')))).length }));
    const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
    // eslint-disable-next-line no-console -- the number is reported with the test run
    console.info(
      `initial JS: ${(total / 1024).toFixed(1)} kB gzip in ${sizes.length} files\n` +
        sizes.map(({ src, gzip }) => `  ${(gzip / 1024).toFixed(1).padStart(6)} kB  ${src}`).join('\n'),
    );
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
