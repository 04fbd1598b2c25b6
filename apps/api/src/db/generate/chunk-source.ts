/**
 * The chunks' COPY data, built in worker threads a few chunks ahead of the loading connections
 * (so Node's share of the two cores goes to rows, not to waiting), and kept until every
 * connection that loads a part of the chunk is done with it.
 */
import { Worker } from 'node:worker_threads';
import { CHUNK_TABLE_NAMES, type CatalogueRef, type ChunkRows, type ChunkTable } from './register-rows.js';

export interface WorkerSetup {
  seed: number;
  today: string;
  marketingState: boolean;
  catalogue: CatalogueRef;
  staff: { service: string; dpo: string; sales: string };
  pin: { keyId: string; key: Buffer; blindIndexKey: Buffer; purpose: string; context: readonly [string, string] };
}

export interface ChunkRequest {
  chunk: number;
  first: number;
  count: number;
}

/** Buffers of a loaded chunk, back to the thread that made them. */
export interface RecycleMessage {
  recycle: Partial<Record<ChunkTable, ArrayBuffer>>;
}

export type WorkerMessage = ChunkRequest | RecycleMessage;

/** cpuMs: the CPU time the thread spent building the chunk's rows. */
export type ChunkResponse = { chunk: number; rows: ChunkRows; cpuMs: number } | { chunk: number; error: string };

interface Pending {
  promise: Promise<ChunkRows>;
  resolve(rows: ChunkRows): void;
  reject(error: Error): void;
  /** Connections that still have to load a part of it. */
  users: number;
  /** The thread that builds it, and what it built. */
  worker?: Worker;
  rows?: ChunkRows;
}

/**
 * Lets a worker started from the TypeScript sources (the tests run them) import `./x.js` as
 * `./x.ts`, the way tsc and the test runner resolve them; Node strips the types itself.
 */
const SOURCE_RESOLVE_HOOK = `export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (error) {
    if (specifier.endsWith('.js') && context.parentURL && context.parentURL.endsWith('.ts')) return next(specifier.slice(0, -3) + '.ts', context);
    throw error;
  }
}`;

/** How the worker is started: the built JavaScript, or the TypeScript source (tests). */
function workerEntry(): { url: URL; execArgv?: string[] } {
  const source = import.meta.url.endsWith('.ts');
  const url = new URL(`./generate-worker.${source ? 'ts' : 'js'}`, import.meta.url);
  if (!source) return { url };
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(SOURCE_RESOLVE_HOOK)}`)});`;
  return { url, execArgv: ['--import', `data:text/javascript,${encodeURIComponent(register)}`] };
}

export class ChunkSource {
  private readonly workers: Worker[] = [];
  private readonly chunks = new Map<number, Pending>();
  private readonly queue: ChunkRequest[];
  private outstanding = 0;
  private turn = 0;
  private failure: Error | undefined;
  private readonly lookahead: number;
  /** CPU seconds the threads spent building rows so far. */
  buildSeconds = 0;

  /**
   * @param requests the chunks to build, in the order the connections load them
   * @param users how many connections load a part of each chunk
   * @param lookahead chunks built or in memory at once (bounds the memory: ~30 MB per 5,000 customers)
   */
  constructor(setup: WorkerSetup, threads: number, requests: ChunkRequest[], users: (chunk: number) => number, lookahead: number) {
    this.lookahead = Math.max(1, lookahead);
    this.queue = [...requests];
    for (const request of requests) this.chunks.set(request.chunk, this.pending(users(request.chunk)));
    const entry = workerEntry();
    for (let n = 0; n < Math.max(1, threads); n += 1) {
      const worker = new Worker(entry.url, { workerData: setup, ...(entry.execArgv ? { execArgv: entry.execArgv } : {}) });
      worker.on('message', (response: ChunkResponse) => this.received(response));
      worker.on('error', (error) => this.fail(new Error(`a generator thread failed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a generator thread stopped with exit code ${code}`));
      });
      this.workers.push(worker);
    }
    this.dispatch();
  }

  private pending(users: number): Pending {
    let resolve!: (rows: ChunkRows) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<ChunkRows>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A chunk nobody waits for yet must not become an unhandled rejection when the source fails.
    promise.catch(() => undefined);
    return { promise, resolve, reject, users };
  }

  private dispatch() {
    while (!this.failure && this.outstanding < this.lookahead && this.queue.length > 0) {
      const request = this.queue.shift()!;
      this.outstanding += 1;
      const worker = this.workers[this.turn % this.workers.length]!;
      this.chunks.get(request.chunk)!.worker = worker;
      worker.postMessage(request);
      this.turn += 1;
    }
  }

  private received(response: ChunkResponse) {
    const pending = this.chunks.get(response.chunk);
    if (!pending) return;
    if ('error' in response) {
      this.fail(new Error(`building chunk ${response.chunk} failed: ${response.error}`));
      return;
    }
    this.buildSeconds += response.cpuMs / 1000;
    // Transferred buffers arrive as plain Uint8Arrays over the moved memory.
    for (const table of CHUNK_TABLE_NAMES) {
      const data = response.rows[table].data as Uint8Array;
      response.rows[table].data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    }
    pending.rows = response.rows;
    pending.resolve(response.rows);
  }

  private fail(error: Error) {
    if (this.failure) return;
    this.failure = error;
    for (const pending of this.chunks.values()) pending.reject(error);
  }

  /** The chunk's rows, once built. */
  get(chunk: number): Promise<ChunkRows> {
    const pending = this.chunks.get(chunk);
    if (!pending) return Promise.reject(new Error(`chunk ${chunk} was not requested or is already released`));
    return pending.promise;
  }

  /** One connection is done with the chunk; the last one frees its memory and lets the next chunk be built. */
  release(chunk: number) {
    const pending = this.chunks.get(chunk);
    if (!pending) return;
    pending.users -= 1;
    if (pending.users > 0) return;
    this.chunks.delete(chunk);
    this.outstanding -= 1;
    if (pending.rows && pending.worker && !this.failure) {
      // Every connection has sent and finished its COPY: the memory can go back.
      const recycle: RecycleMessage['recycle'] = {};
      for (const table of CHUNK_TABLE_NAMES) recycle[table] = pending.rows[table].data.buffer as ArrayBuffer;
      pending.worker.postMessage({ recycle } satisfies RecycleMessage, Object.values(recycle));
    }
    this.dispatch();
  }

  /** Stops building: whoever waits for a chunk gets an error. */
  stop() {
    this.fail(new Error('the generator was stopped'));
  }

  async close() {
    this.failure ??= new Error('the chunk source is closed');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
