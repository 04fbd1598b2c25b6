import { describe, expect, it } from 'vitest';
import { AppendQueue, type AuditRow } from '../audit-log.js';

const row = (requestId: string): AuditRow => ({
  actor_type: 'staff',
  actor_id: 'u',
  client: null,
  request_id: requestId,
  operation: 'query Q',
  action: 'read',
  subject_type: 'Customer',
  subject_id: requestId,
  subject_ids: null,
  fields: ['name'],
  outcome: null,
});

/** A write that stays open until `finish` is called, recording what each call carried. */
function gatedWrites() {
  const calls: string[][] = [];
  const gates: { open: () => void; fail: (error: Error) => void }[] = [];
  const write = (rows: AuditRow[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push(rows.map((r) => r.request_id!));
      gates.push({ open: resolve, fail: reject });
    });
  return { calls, gates, write };
}

describe('appending the audit events of concurrent requests', () => {
  it('writes a lone request at once, and the requests that finish during a write together in the next', async () => {
    const { calls, gates, write } = gatedWrites();
    const queue = new AppendQueue(write);
    let settled = 0;
    const first = queue.append([row('a')]).then(() => (settled += 1));
    expect(calls).toEqual([['a']]);
    const second = queue.append([row('b')]).then(() => (settled += 1));
    const third = queue.append([row('c'), row('c')]).then(() => (settled += 1));
    // Nothing more is written while the first append is in flight, and nobody is answered.
    await Promise.resolve();
    expect(calls).toEqual([['a']]);
    expect(settled).toBe(0);

    gates[0]!.open();
    await first;
    expect(settled).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([['a'], ['b', 'c', 'c']]);
    // b and c wait for the write that carries their events.
    expect(settled).toBe(1);
    gates[1]!.open();
    await Promise.all([second, third]);
    expect(settled).toBe(3);
  });

  it('fails every request of a failed write, and goes on with the next ones', async () => {
    const { calls, gates, write } = gatedWrites();
    const queue = new AppendQueue(write);
    const first = queue.append([row('a')]);
    const second = queue.append([row('b')]);
    gates[0]!.fail(new Error('disk full'));
    await expect(first).rejects.toThrow('disk full');
    await new Promise((resolve) => setImmediate(resolve));
    gates[1]!.fail(new Error('still full'));
    await expect(second).rejects.toThrow('still full');

    const third = queue.append([row('c')]);
    expect(calls).toEqual([['a'], ['b'], ['c']]);
    gates[2]!.open();
    await expect(third).resolves.toBeUndefined();
  });
});
