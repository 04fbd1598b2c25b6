import { describe, expect, it } from 'vitest';
import { mergeSlices, percentile, turnOrder, type Slice } from '../rounds.ts';

const base = { contestant: 'ours', scenario: 'by-id', label: 'customer by id', connections: 10 };

function slice(overrides: Partial<Slice>): Slice {
  return { operations: 0, seconds: 1, latencies: [], apiCpuMs: 0, pgCpuMs: 0, statements: 0, failures: 0, rssMb: 400, peakMb: 400, ...overrides };
}

describe('turns', () => {
  it('starts each round with the next contestant, each once per round', () => {
    const contestants = ['floor', 'postgraphile', 'ours-rules-off', 'ours'];
    expect(turnOrder(contestants, 0)).toEqual(['floor', 'postgraphile', 'ours-rules-off', 'ours']);
    expect(turnOrder(contestants, 1)).toEqual(['postgraphile', 'ours-rules-off', 'ours', 'floor']);
    expect(turnOrder(contestants, 5)).toEqual(['postgraphile', 'ours-rules-off', 'ours', 'floor']);
    expect(turnOrder([], 2)).toEqual([]);
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('a measurement from its slices', () => {
  it('counts throughput over the seconds measured, CPU and statements over the operations', () => {
    const merged = mergeSlices(base, [
      slice({ operations: 1000, seconds: 2, latencies: [1, 2], apiCpuMs: 300, pgCpuMs: 100, statements: 1200 }),
      slice({ operations: 3000, seconds: 2, latencies: [3], apiCpuMs: 900, pgCpuMs: 500, statements: 3000, failures: 1 }),
    ]);
    // Not the mean of 500 and 1500 op/s weighted by slice: 4000 operations in 4 s.
    expect(merged.perSecond).toBe(1000);
    expect(merged.perSecondByRound).toEqual([500, 1500]);
    expect(merged.apiCpuMs).toBeCloseTo(0.3);
    expect(merged.pgCpuMs).toBeCloseTo(0.15);
    expect(merged.statements).toBeCloseTo(1.05);
    expect(merged.failures).toBe(1);
    expect(merged.operations).toBe(4000);
    expect(merged).toMatchObject(base);
  });

  it('takes each percentile over every operation of every slice', () => {
    // A slow turn's latencies reach the p99 of the whole, as they would in one long measurement.
    const fast = slice({ operations: 95, latencies: Array.from({ length: 95 }, () => 1) });
    const slow = slice({ operations: 5, latencies: [40, 41, 42, 43, 44] });
    const merged = mergeSlices(base, [fast, slow]);
    expect(merged.p50).toBe(1);
    expect(merged.p95).toBe(1);
    expect(merged.p99).toBe(43);
    expect(mergeSlices(base, [slow, fast]).p99).toBe(43);
  });

  it('keeps the last memory reading and the highest peak', () => {
    const merged = mergeSlices(base, [slice({ operations: 1, rssMb: 420, peakMb: 500 }), slice({ operations: 1, rssMb: 410, peakMb: 450 })]);
    expect(merged.rssMb).toBe(410);
    expect(merged.peakMb).toBe(500);
  });

  it('refuses to merge nothing', () => {
    expect(() => mergeSlices(base, [])).toThrow(/no slice/);
  });
});
