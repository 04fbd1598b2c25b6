import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SubjectIndexFlush } from '../subject-index.js';

const options = { everyIds: 100, afterMs: 2_000 };

/** A merge that ends when the test says so. */
function controlledMerge() {
  const calls: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const merge = vi.fn(() => new Promise<void>((resolve, reject) => calls.push({ resolve, reject })));
  return { merge, calls };
}

// Every case runs on fake timers: the merge's wait is driven by the test.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('merging the subject index in the background', () => {
  it('merges at once when enough ids were appended, else at the latest afterMs after the first', async () => {
    const { merge, calls } = controlledMerge();
    const flush = new SubjectIndexFlush(merge, undefined, options);
    flush.noted(40);
    flush.noted(30);
    expect(merge).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(merge).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(merge).toHaveBeenCalledTimes(1);
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    flush.noted(100);
    expect(merge).toHaveBeenCalledTimes(2);
    calls[1]!.resolve();
    await flush.close();
  });

  it('merges one at a time; what came during a merge is merged after it, by the same rules', async () => {
    const { merge, calls } = controlledMerge();
    const flush = new SubjectIndexFlush(merge, undefined, options);
    flush.noted(150);
    flush.noted(500);
    expect(merge).toHaveBeenCalledTimes(1);
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    // 500 ids came during the first merge: the next starts as soon as it ended.
    expect(merge).toHaveBeenCalledTimes(2);
    flush.noted(10);
    calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(merge).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(merge).toHaveBeenCalledTimes(3);
    calls[2]!.resolve();
    await flush.close();
  });

  it('counts the wait from the first id since the last merge, also when appends come later', async () => {
    const { merge, calls } = controlledMerge();
    const settings = { ...options };
    const flush = new SubjectIndexFlush(merge, undefined, settings);
    flush.noted(1);
    await vi.advanceTimersByTimeAsync(1_500);
    // A shorter wait set meanwhile applies at the next append, counted from the first id.
    settings.afterMs = 1_000;
    flush.noted(1);
    expect(merge).toHaveBeenCalledTimes(1);
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    // Shortened while its timer runs: the merge comes at the new deadline, not the old one.
    settings.afterMs = 2_000;
    flush.noted(1);
    await vi.advanceTimersByTimeAsync(200);
    settings.afterMs = 1_000;
    flush.noted(1);
    await vi.advanceTimersByTimeAsync(799);
    expect(merge).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(merge).toHaveBeenCalledTimes(2);
    calls[1]!.resolve();
    await flush.close();
  });

  it('reports a failed merge instead of throwing, and merges again later', async () => {
    const { merge, calls } = controlledMerge();
    const errors: unknown[] = [];
    const flush = new SubjectIndexFlush(merge, (error) => errors.push(error), options);
    flush.noted(100);
    calls[0]!.reject(new Error('function audit_flush_subject_index() does not exist'));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    flush.noted(100);
    expect(merge).toHaveBeenCalledTimes(2);
    calls[1]!.resolve();
    await flush.close();
  });

  it('does nothing for appends without ids, and nothing after close (a merge in progress ends first)', async () => {
    const { merge, calls } = controlledMerge();
    const flush = new SubjectIndexFlush(merge, undefined, options);
    flush.noted(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(merge).not.toHaveBeenCalled();
    flush.noted(100);
    let closed = false;
    const closing = flush.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    calls[0]!.resolve();
    await closing;
    flush.noted(1_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(merge).toHaveBeenCalledTimes(1);
  });
});
