import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const API = process.env.REGISTER_API_URL ?? 'http://localhost:4000';

const brotli = promisify(brotliCompress);

/**
 * React Router's package sends every bundler to its development build (no export condition picks
 * the production one), which checks and words warnings on every render of the routes. The
 * production build is the same code without them.
 */
const reactRouterProduction = join(dirname(createRequire(import.meta.url).resolve('react-router/package.json')), 'dist', 'production');
const gzipped = promisify(gzip);

/** Below this a compressed copy saves less than its headers cost. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside each built script and style sheet, at the
 * highest levels (once per build, not per request): the API serves them with Content-Encoding
 * (express-static-gzip in apps/api/src/app.ts). index.html is served on its own and stays plain.
 */
function precompress(): Plugin {
  return {
    name: 'register:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      const files = Object.keys(bundle).filter((fileName) => /\.(js|css|svg|json)$/.test(fileName) && !fileName.startsWith('.'));
      await Promise.all(
        files.map(async (fileName) => {
          // As written (with its source-map comment), byte for byte.
          const path = join(dir, fileName);
          const bytes = await readFile(path);
          if (bytes.length < COMPRESS_FROM_BYTES) return;
          const [br, gz] = await Promise.all([
            brotli(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            }),
            gzipped(bytes, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}

/**
 * The admin app is served by the API from the same origin (the session cookie is SameSite=Strict),
 * so every URL is relative and `vite dev` proxies /graphql to a locally running API.
 */
export default defineConfig(({ mode }) => ({
  base: '/',
  // Apollo Client strips its development checks (and its devtools hook) when this is false.
  define: { 'globalThis.__DEV__': JSON.stringify(mode !== 'production') },
  plugins: [react(), precompress()],
  resolve:
    mode === 'production'
      ? {
          alias: [
            { find: /^react-router$/, replacement: join(reactRouterProduction, 'index.mjs') },
            { find: /^react-router\/dom$/, replacement: join(reactRouterProduction, 'dom-export.mjs') },
          ],
        }
      : {},
  server: {
    port: 5173,
    proxy: { '/graphql': { target: API, changeOrigin: false } },
  },
  preview: {
    proxy: { '/graphql': { target: API, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // dist/.vite/manifest.json: which chunks the entry imports, which load on demand (the size
    // budget test reads it; the API does not serve dot-folders).
    manifest: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Libraries that change rarely get their own long-cached chunks; pages stay lazy.
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'graphql', test: /node_modules[\\/](graphql|@apollo|@wry|optimism|zen-observable|ts-invariant)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
}));
