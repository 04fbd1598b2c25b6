/**
 * The admin app's files (issue 5): scripts go out Brotli- or gzip-compressed from the copies the
 * admin build writes beside them, with Content-Encoding and Vary; hashed assets are cached for a
 * year as immutable, while index.html is asked for again on every load.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const SCRIPT = `export const rows = ${JSON.stringify(Array.from({ length: 200 }, (_, n) => `row ${n}`))};\n`;
const FILE = '/assets/list-AbC123xy.js';

let app: TestApp;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'register-admin-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>register</title><div id="root"></div>');
  writeFileSync(join(dist, FILE), SCRIPT);
  writeFileSync(join(dist, `${FILE}.br`), brotliCompressSync(SCRIPT));
  writeFileSync(join(dist, `${FILE}.gz`), gzipSync(SCRIPT));
  app = await startTestApp({ customers: 1, config: { ADMIN_DIST: dist } });
});

afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

/** Raw bytes as sent (Node's fetch would decompress them). */
async function get(path: string, acceptEncoding?: string) {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(`${app.url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the admin app as served', () => {
  test('Brotli when the browser takes it, as JavaScript, cached for a year', async () => {
    const res = await get(FILE, 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  test('gzip for a browser without Brotli, the plain file for one without either', async () => {
    const gz = await get(FILE, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await get(FILE);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  test('index.html (any app address) is revalidated on every load', async () => {
    for (const path of ['/', '/customers']) {
      const res = await get(path, 'br');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('public, max-age=0');
    }
  });
});
