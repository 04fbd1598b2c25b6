/**
 * How fast each core is right now: a fixed piece of work timed in a child process pinned to the
 * core, half an integer loop (the core's own speed) and half dependent reads at random over 4 MB
 * (its caches and memory, which a busy neighbour on the same host also slows down). A virtual machine's cores slow
 * down when its host is busy, by up to 2–3× for minutes on the machine this benchmark was written
 * on; timed at the start and after each scenario's turns (rounds.ts), the report shows when that happened.
 */
import { execFileSync } from 'node:child_process';

/** The work: ~300 ms on one core of the development machine (AMD EPYC, 2026). */
const WORK = `
function alu(n) {
  let x = 0;
  for (let i = 0; i < n; i += 1) x = (Math.imul(x, 31) + i) | 0;
  return x;
}
const table = new Int32Array(1 << 20);
for (let i = 0; i < table.length; i += 1) table[i] = Math.imul(i, 2654435761);
function memory(n) {
  const mask = table.length - 1;
  let j = 0;
  let x = 0;
  for (let i = 0; i < n; i += 1) {
    j = (table[j] ^ i) & mask;
    x = (x + j) | 0;
  }
  return x;
}
alu(1000000);
memory(100000);
const started = process.hrtime.bigint();
const x = alu(150000000) ^ memory(8000000);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ ms, x }));
`;

export interface CoreSpeed {
  /** When it was timed: `at the start`, `after by-id c=10`, … */
  label: string;
  /** Milliseconds the work took on each core measured (the fastest of two tries), in core order. */
  ms: number[];
}

/** The work's time on `core` (or wherever the system runs it, when undefined): the fastest of `tries`. */
export function timeWork(core: number | undefined, tries = 2): number {
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < tries; attempt += 1) {
    const command = core === undefined ? process.execPath : 'taskset';
    const args = core === undefined ? ['-e', WORK] : ['-c', String(core), process.execPath, '-e', WORK];
    const output = execFileSync(command, args, { encoding: 'utf8' });
    const { ms } = JSON.parse(output) as { ms: number };
    best = Math.min(best, ms);
  }
  return best;
}

/** Each value as a percentage of the fastest of all (100 % = the fastest seen in the run). */
export function relativeSpeeds(speeds: CoreSpeed[]): number[][] {
  const fastest = Math.min(...speeds.flatMap((speed) => speed.ms));
  return speeds.map((speed) => speed.ms.map((ms) => (fastest / ms) * 100));
}
