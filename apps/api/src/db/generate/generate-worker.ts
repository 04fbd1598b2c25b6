/**
 * A generator thread: builds the COPY data of the chunks the loader asks for and hands the
 * buffers over without copying them (their memory moves to the loader's thread).
 */
import { createSecretKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { CHUNK_TABLE_NAMES, chunkRows, type ChunkContext, type ChunkTable } from './register-rows.js';
import type { ChunkResponse, WorkerMessage, WorkerSetup } from './chunk-source.js';
import { uniqueValues } from './unique-values.js';

const setup = workerData as WorkerSetup;
const context: ChunkContext = {
  seed: setup.seed,
  today: setup.today,
  marketingState: setup.marketingState,
  catalogue: setup.catalogue,
  staff: setup.staff,
  values: uniqueValues(setup.seed),
  pin: {
    keyId: setup.pin.keyId,
    key: createSecretKey(setup.pin.key),
    blindIndexKey: createSecretKey(setup.pin.blindIndexKey),
    purpose: setup.pin.purpose,
    context: setup.pin.context,
  },
};

/** Buffers of loaded chunks, sent back to be written into again. */
const pool: Partial<Record<ChunkTable, Buffer>>[] = [];

parentPort!.on('message', (message: WorkerMessage) => {
  if ('recycle' in message) {
    const buffers: Partial<Record<ChunkTable, Buffer>> = {};
    for (const table of CHUNK_TABLE_NAMES) {
      const memory = message.recycle[table];
      if (memory) buffers[table] = Buffer.from(memory);
    }
    pool.push(buffers);
    return;
  }
  const request = message;
  let response: ChunkResponse;
  const transfer: ArrayBuffer[] = [];
  try {
    const started = process.threadCpuUsage();
    const rows = chunkRows(context, request.chunk, request.first, request.count, pool.pop());
    for (const table of CHUNK_TABLE_NAMES) transfer.push(rows[table].data.buffer as ArrayBuffer);
    const used = process.threadCpuUsage(started);
    response = { chunk: request.chunk, rows, cpuMs: (used.user + used.system) / 1000 };
  } catch (error) {
    response = { chunk: request.chunk, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(response, transfer);
});
