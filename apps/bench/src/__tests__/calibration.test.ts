import { describe, expect, it } from 'vitest';
import { relativeSpeeds, timeWork, type CoreSpeed } from '../calibration.ts';
import { coreSpeedLine } from '../report.ts';

const speeds = (values: [string, number[]][]): CoreSpeed[] => values.map(([label, ms]) => ({ label, ms }));

describe('core speed', () => {
  it('times the fixed work on a core', () => {
    const ms = timeWork(undefined, 1);
    expect(ms).toBeGreaterThan(1);
    expect(ms).toBeLessThan(60_000);
  });

  it('is relative to the fastest time of the run', () => {
    const relative = relativeSpeeds(speeds([['at the start', [100, 125]], ['after by-id c=10', [200, 100]]]));
    expect(relative.map((values) => values.map((value) => Math.round(value)))).toEqual([[100, 80], [50, 100]]);
  });

  it('says the run was steady when no core fell below 85 %', () => {
    const line = coreSpeedLine(speeds([['at the start', [100, 101]], ['after by-id c=10', [102, 110]], ['after by-id c=50', [105, 100]]]), true);
    expect(line).toContain('at the start 100 / 99 %; after by-id c=10 98 / 91 %; after by-id c=50 95 / 100 %');
    expect(line).toContain('steady within 15 %');
    expect(line).not.toContain('slower at times');
  });

  it('warns when the machine slowed down, naming how far', () => {
    const line = coreSpeedLine(speeds([['at the start', [100, 100]], ['after page@0 c=10', [250, 240]]]), true);
    expect(line).toContain('after page@0 c=10 40 / 42 %');
    expect(line).toContain('the machine was slower at times during this run (down to 40 %)');
  });
});
