import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('appending the audit events of concurrent requests (group commit)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a request alone at once, with no timer', () => {
    const { calls, write } = gatedWrites();
    const queue = new AppendQueue(write, 5);
    queue.started();
    void queue.append([row('a')]);
    expect(calls).toEqual([['a']]);
    // Appends outside any counted request (a CLI, a job) do not wait either.
    const { calls: jobCalls, write: jobWrite } = gatedWrites();
    void new AppendQueue(jobWrite, 5).append([row('job')]);
    expect(jobCalls).toEqual([['job']]);
  });

  it('waits for the other requests in flight, and writes once every one of them waits', async () => {
    const { calls, gates, write } = gatedWrites();
    const queue = new AppendQueue(write, 1000);
    let settled = 0;
    queue.started();
    queue.started();
    queue.started();
    const first = queue.append([row('a')]).then(() => (settled += 1));
    const second = queue.append([row('b'), row('b')]).then(() => (settled += 1));
    expect(calls).toEqual([]);
    // The third finishes without reading anything personal: nobody else is coming.
    queue.finished();
    expect(calls).toEqual([['a', 'b', 'b']]);
    expect(settled).toBe(0);
    gates[0]!.open();
    await Promise.all([first, second]);
    expect(settled).toBe(2);
  });

  it('writes what has come after at most maxDelayMs, whoever is still running', async () => {
    vi.useFakeTimers();
    const { calls, gates, write } = gatedWrites();
    const queue = new AppendQueue(write, 2);
    queue.started();
    queue.started();
    const first = queue.append([row('a')]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([['a']]);
    gates[0]!.open();
    await expect(first).resolves.toBeUndefined();
  });

  it('writes the events that come during a write together, next, by the same rule', async () => {
    const { calls, gates, write } = gatedWrites();
    const queue = new AppendQueue(write, 1000);
    queue.started();
    const first = queue.append([row('a')]);
    expect(calls).toEqual([['a']]);
    queue.started();
    queue.started();
    const second = queue.append([row('b')]);
    const third = queue.append([row('c')]);
    // Nothing more is written while the first append is in flight.
    await Promise.resolve();
    expect(calls).toEqual([['a']]);
    gates[0]!.open();
    await first;
    // The first request is still sending its response: b and c wait for it…
    expect(calls).toEqual([['a']]);
    // …and go together once it has finished.
    queue.finished();
    expect(calls).toEqual([['a'], ['b', 'c']]);
    gates[1]!.open();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('fails every request of a failed write, and goes on with the next ones', async () => {
    const { calls, gates, write } = gatedWrites();
    const queue = new AppendQueue(write, 1000);
    const first = queue.append([row('a')]);
    const second = queue.append([row('b')]);
    gates[0]!.fail(new Error('disk full'));
    await expect(first).rejects.toThrow('disk full');
    await Promise.resolve();
    gates[1]!.fail(new Error('still full'));
    await expect(second).rejects.toThrow('still full');

    const third = queue.append([row('c')]);
    expect(calls).toEqual([['a'], ['b'], ['c']]);
    gates[2]!.open();
    await expect(third).resolves.toBeUndefined();
  });
});
