/**
 * The first download stays small and the app is split per resource (issue 5): the JavaScript a
 * browser loads before the first screen — the entry chunk of the built index.html and every chunk
 * it imports statically, as Vite's manifest lists them — is at most 400 kB gzip, and every module
 * the code loads with `import()` (each resource's screens and queries, the pages, the Finnish
 * messages, the customer page's tabs) is a chunk of its own outside that download, as are the
 * charts. Reads the built app (`pnpm run build`; the package's test task builds it first).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const MANIFEST = join(DIST, '.vite', 'manifest.json');
const BUDGET_BYTES = 400 * 1024;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The manifest keys of the entry chunk and of every chunk it imports statically, transitively. */
export function initialChunks(manifest: Manifest): string[] {
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    if (!manifest[key]) throw new Error(`the manifest names ${key} but has no such chunk`);
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  visit(entries[0]![0]);
  return [...seen];
}

/** Each `import('…')` of the app's source, as the path of the module it loads (relative to the app). */
export function lazyModules(files: readonly string[]): { from: string; module: string }[] {
  return files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((match) => {
      const base = resolve(dirname(file), match[1]!);
      const candidates = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((suffix) => base + suffix);
      const found = candidates.find((candidate) => existsSync(candidate));
      if (!found) throw new Error(`${relative(ROOT, file)}: import('${match[1]}') names no source file`);
      return { from: relative(ROOT, file), module: relative(ROOT, found) };
    }),
  );
}

const gzip = (file: string) => gzipSync(readFileSync(join(DIST, file))).length;

/** The original sources bundled into a chunk, from its source map (none for a chunk without one). */
function bundledSources(file: string): string[] {
  const map = join(DIST, `${file}.map`);
  return existsSync(map) ? (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources : [];
}

describe('initial JavaScript and the split per resource', () => {
  let manifest: Manifest;
  let initial: string[];

  beforeAll(() => {
    // The package's test task builds the app first; run `pnpm run build` when running this alone.
    expect(existsSync(MANIFEST), 'apps/admin/dist/.vite/manifest.json is missing: run `pnpm run build` in apps/admin first').toBe(true);
    const built = statSync(MANIFEST).mtimeMs;
    const newer = [...sourceFiles(SRC), join(ROOT, 'index.html'), join(ROOT, 'vite.config.ts')].filter((file) => statSync(file).mtimeMs > built);
    expect(newer.map((file) => relative(ROOT, file)), 'changed since the last build: run `pnpm run build` in apps/admin first').toEqual([]);
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    initial = initialChunks(manifest);
  });

  test(`the first download is at most ${BUDGET_BYTES / 1024} kB gzip`, () => {
    const sizes = initial.map((key) => ({ file: manifest[key]!.file, gzip: gzip(manifest[key]!.file) }));
    const total = sizes.reduce((sum, { gzip: size }) => sum + size, 0);
    // eslint-disable-next-line no-console -- the number is reported with the test run
    console.info(
      `initial JS: ${(total / 1024).toFixed(1)} kB gzip in ${sizes.length} files\n` +
        sizes
          .sort((a, b) => b.gzip - a.gzip)
          .map(({ file, gzip: size }) => `  ${(size / 1024).toFixed(1).padStart(6)} kB  ${file}`)
          .join('\n'),
    );
    expect(total, `initial JS ${(total / 1024).toFixed(1)} kB gzip; move what the first screen does not need behind import()`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  test('index.html loads the manifest entry and preloads only chunks it imports', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g)].map((match) => match[1]);
    const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g)].map((match) => match[1]);
    const entry = initial.map((key) => manifest[key]!).find((chunk) => chunk.isEntry)!;
    expect(scripts).toEqual([entry.file]);
    const initialFiles = new Set(initial.map((key) => manifest[key]!.file));
    expect(preloads.filter((file) => !initialFiles.has(file!))).toEqual([]);
  });

  test('every script of the first download has Brotli and gzip copies (the API sends those)', () => {
    const problems = initial.flatMap((key) => {
      const file = manifest[key]!.file;
      const original = readFileSync(join(DIST, file));
      if (original.length < 1024) return [];
      const copies = [
        { suffix: '.br', decompress: brotliDecompressSync },
        { suffix: '.gz', decompress: gunzipSync },
      ];
      return copies.flatMap(({ suffix, decompress }) => {
        const path = join(DIST, file + suffix);
        if (!existsSync(path)) return [`${file}${suffix} is missing`];
        const copy = readFileSync(path);
        if (!decompress(copy).equals(original)) return [`${file}${suffix} is not ${file}`];
        return copy.length < original.length ? [] : [`${file}${suffix} is no smaller`];
      });
    });
    expect(problems).toEqual([]);
  });

  test('every module loaded with import() is a chunk of its own, outside the first download', () => {
    const lazy = lazyModules(sourceFiles(SRC));
    // Each resource's screens and queries at least: the check is not vacuous.
    expect(lazy.length).toBeGreaterThan(40);
    const initialFiles = new Set(initial.map((key) => manifest[key]!.file));
    const problems = lazy.flatMap(({ from, module }) => {
      const chunk = manifest[module];
      if (!chunk?.isDynamicEntry) return [`${module} (import() in ${from}) is no chunk of its own: something imports it statically`];
      if (initialFiles.has(chunk.file)) return [`${module} (import() in ${from}) is part of the first download`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  test('the charts load only with the screens that draw them', () => {
    const isCharts = (source: string) => source.includes('/node_modules/@mui/x-charts/');
    const chartChunks = Object.values(manifest).filter((chunk) => bundledSources(chunk.file).some(isCharts));
    expect(chartChunks.length, 'no chunk holds @mui/x-charts: are the source maps built?').toBeGreaterThan(0);
    const initialWithCharts = initial.filter((key) => bundledSources(manifest[key]!.file).some(isCharts));
    expect(initialWithCharts).toEqual([]);
  });
});
