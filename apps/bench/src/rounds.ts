/**
 * Contestants take turns. Each scenario and connection count is measured in rounds: in every round
 * each contestant has one slice of the measured seconds, and each round starts with a different
 * contestant. A virtual machine's cores slow down for minutes at a time when its host is busy (2–3×
 * on the machine this was written on); measured one contestant after another, such a spell fell
 * on one contestant's whole measurement and made the ratios between them say more about the host
 * than about the servers. In turns of a few seconds, a spell meets every contestant alike.
 *
 * A contestant's figures are those of its slices together: operations and CPU time summed, each
 * percentile over every operation's latency, throughput over the seconds measured.
 */
import type { Measurement } from './report.ts';

/** What one slice measured: one contestant, one scenario, one connection count, one round. */
export interface Slice {
  operations: number;
  seconds: number;
  /** Every operation's latency in ms, sorted. */
  latencies: number[];
  /** CPU time in ms over the slice, not per operation. */
  apiCpuMs: number;
  pgCpuMs: number;
  /** SQL statements over the slice. */
  statements: number;
  failures: number;
  rssMb: number;
  peakMb: number;
}

/** The contestants in the order they take their turn in `round` (0-based): rotated by one each round. */
export function turnOrder<T>(contestants: readonly T[], round: number): T[] {
  if (contestants.length === 0) return [];
  const start = round % contestants.length;
  return [...contestants.slice(start), ...contestants.slice(0, start)];
}

/** The value at percentile `p` of sorted values (nearest rank); NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Two sorted lists as one sorted list. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const merged = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) merged[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) merged[k++] = a[i++]!;
  while (j < b.length) merged[k++] = b[j++]!;
  return merged;
}

/**
 * One contestant's measurement of a scenario from its slices (at least one, in round order):
 * throughput, latency percentiles and CPU and statements per operation over all of them, memory
 * as the last slice saw it (its peak the highest), and each slice's throughput.
 */
export function mergeSlices(base: Pick<Measurement, 'contestant' | 'scenario' | 'label' | 'connections'>, slices: readonly Slice[]): Measurement {
  if (slices.length === 0) throw new Error('mergeSlices: no slice to merge');
  const sum = (pick: (slice: Slice) => number) => slices.reduce((total, slice) => total + pick(slice), 0);
  const operations = sum((slice) => slice.operations);
  const ops = Math.max(1, operations);
  const latencies = slices.map((slice) => slice.latencies).reduce(mergeSorted);
  return {
    ...base,
    perSecond: operations / sum((slice) => slice.seconds),
    perSecondByRound: slices.map((slice) => slice.operations / slice.seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    apiCpuMs: sum((slice) => slice.apiCpuMs) / ops,
    pgCpuMs: sum((slice) => slice.pgCpuMs) / ops,
    statements: sum((slice) => slice.statements) / ops,
    rssMb: slices[slices.length - 1]!.rssMb,
    peakMb: Math.max(...slices.map((slice) => slice.peakMb)),
    failures: sum((slice) => slice.failures),
    operations,
  };
}
