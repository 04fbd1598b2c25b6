import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API = process.env.REGISTER_API_URL ?? 'http://localhost:4000';

/**
 * The admin app is served by the API from the same origin (the session cookie is SameSite=Strict),
 * so every URL is relative and `vite dev` proxies /graphql to a locally running API.
 */
export default defineConfig(({ mode }) => ({
  base: '/',
  // Apollo Client strips its development checks (and its devtools hook) when this is false.
  define: { 'globalThis.__DEV__': JSON.stringify(mode !== 'production') },
  plugins: [react()],
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
            // The typed documents of @register/schema are one generated module: its own chunk, which
            // changes with the schema only.
            { name: 'operations', test: /[\\/]schema[\\/]dist[\\/]generated[\\/]operations\.js$/, priority: 25 },
          ],
        },
      },
    },
  },
}));
