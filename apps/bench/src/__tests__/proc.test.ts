import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { treeCpuMs } from '../proc.ts';

describe('CPU time of a process tree', () => {
  it('keeps the time of children that ended (a backend whose connection closed)', async () => {
    // The parenthesised loop runs in a child of the shell, which waits for it, says so, and idles.
    const shell = spawn('sh', ['-c', 'i=0; (while [ $i -lt 200000 ]; do i=$((i+1)); done); echo done; sleep 10'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      await once(shell.stdout!, 'data');
      // The loop's child is gone: only the shell is alive, and it has hardly run itself.
      expect(treeCpuMs(shell.pid!)).toBeGreaterThanOrEqual(50);
    } finally {
      shell.kill();
    }
  });

  it('counts nothing for a process that does not exist', () => {
    expect(treeCpuMs(2 ** 22 + 12345)).toBe(0);
  });
});
