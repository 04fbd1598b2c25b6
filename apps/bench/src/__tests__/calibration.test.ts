import { describe, expect, it } from 'vitest';
import { relativeSpeeds, timeWork, type CoreSpeed } from '../calibration.ts';
import { coreSpeedLine } from '../report.ts';

const speeds = (values: [string, CoreSpeed['when'], number[]][]): CoreSpeed[] =>
  values.map(([contestant, when, ms]) => ({ contestant, when, ms }));

describe('core speed', () => {
  it('times the fixed work on a core', () => {
    const ms = timeWork(undefined, 1);
    expect(ms).toBeGreaterThan(1);
    expect(ms).toBeLessThan(60_000);
  });

  it('is relative to the fastest time of the run', () => {
    const relative = relativeSpeeds(speeds([['floor', 'before', [100, 125]], ['floor', 'after', [200, 100]]]));
    expect(relative.map((values) => values.map((value) => Math.round(value)))).toEqual([[100, 80], [50, 100]]);
  });

  it('says the run was steady when no core fell below 85 %', () => {
    const line = coreSpeedLine(speeds([['floor', 'before', [100, 101]], ['floor', 'after', [102, 110]], ['ours', 'before', [105, 100]], ['ours', 'after', [100, 100]]]), true);
    expect(line).toContain('floor (node:http + pg) 100 / 99 % → 98 / 91 %');
    expect(line).toContain('ours (rules + audit on) 95 / 100 % → 100 / 100 %');
    expect(line).toContain('steady within 15 %');
    expect(line).not.toContain('slower at times');
  });

  it('warns when the machine slowed down, naming how far', () => {
    const line = coreSpeedLine(speeds([['floor', 'before', [100, 100]], ['ours', 'before', [250, 240]]]), true);
    expect(line).toContain('ours (rules + audit on) 40 / 42 % → –');
    expect(line).toContain('the machine was slower at times during this run (down to 40 %)');
  });
});
