/**
 * Keeps the pending list of the GIN index of `audit_event.subject_ids` (which finds a person's
 * reads among the events about many subjects, for the access report) short, off the requests' path.
 *
 * The index takes new entries into a pending list (`fastupdate`): appending costs little, and the
 * list is merged into the index in bulk. When the list passes its limit, the append that finds it
 * so merges it itself: inside `audit_append`, holding the chain's lock, so every request waiting
 * for its reads to be recorded waited for the merge too. Measured at 50 connections searching by
 * name on a million customers (20 subjects per event): p99 120–146 ms with those merges, 36–40 ms
 * without. Here the API merges the list in the background instead, through
 * `audit_flush_subject_index()` (migration 20261206183000): as soon as `everyIds` subject ids were
 * appended since the last merge, and at the latest `afterMs` after one was (SUBJECT_INDEX_FLUSH); one merge at a time,
 * never awaited by a request. The merge costs PostgreSQL the same; only who waits for it changes.
 * Should a merge fail (e.g. the function is missing), appends merge the list themselves as before.
 */
export interface SubjectIndexFlushOptions {
  /** Merge once this many subject ids were appended since the last merge. */
  everyIds: number;
  /** Merge at the latest this long after the first id appended since the last merge. */
  afterMs: number;
}

/**
 * ~11 MB of pending entries (~56 bytes per id), below the list's limit of 16 MB (the migration),
 * so that appends do not merge it themselves. Not much less: a merge touches about one leaf page of
 * the index per id until it has touched them all, so merging 20,000 ids at a time cost
 * PostgreSQL ~0.1 ms more per name search (20 ids each) than merging ~75,000 inside the appends
 * had. After 30 s at the latest, so that a quiet register's look-ups read a short list. Read at
 * each use (a test shortens the wait).
 */
export const SUBJECT_INDEX_FLUSH: SubjectIndexFlushOptions = { everyIds: 200_000, afterMs: 30_000 };

export class SubjectIndexFlush {
  private appended = 0;
  /** When the first id since the last merge was appended (ms). */
  private since: number | undefined;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly merge: () => Promise<unknown>,
    /** Hears of a merge that failed (the API logs it). */
    public onError: (error: unknown) => void = () => undefined,
    private readonly options: SubjectIndexFlushOptions = SUBJECT_INDEX_FLUSH,
  ) {}

  /** An append recorded this many subject ids (events about many subjects). */
  noted(ids: number): void {
    if (ids <= 0 || this.closed) return;
    this.appended += ids;
    this.since ??= Date.now();
    this.schedule();
  }

  /** Stops merging; waits for a merge in progress. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(): void {
    if (this.running || this.appended === 0 || this.closed) return;
    const waited = Date.now() - (this.since ?? Date.now());
    if (this.appended >= this.options.everyIds || waited >= this.options.afterMs) {
      this.start();
    } else {
      // Set anew at each append, so that a changed wait counts from the first id.
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.start(), this.options.afterMs - waited);
      // A pending merge never keeps the process alive.
      this.timer.unref?.();
    }
  }

  private start(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || this.closed) return;
    this.appended = 0;
    this.since = undefined;
    this.running = this.merge().then(
      () => undefined,
      (error: unknown) => this.onError(error),
    );
    void this.running.finally(() => {
      this.running = undefined;
      // What was appended during the merge: by the same rules.
      this.schedule();
    });
  }
}
