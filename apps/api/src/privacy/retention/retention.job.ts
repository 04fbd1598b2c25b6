import type { MikroORM } from '@mikro-orm/postgresql';
import { PgBoss } from 'pg-boss';
import type { Logger } from '../../logger.js';
import { isoToday } from '../erasure/hold-dates.js';
import { RetentionRunTrigger } from './retention-run.entity.js';
import type { RetentionService } from './retention.service.js';

export const RETENTION_QUEUE = 'retention';
/** pg-boss keeps its tables in a schema of its own, beside the register's. */
export const JOB_SCHEMA = 'pgboss';

export interface RetentionJobOptions {
  databaseUrl: string;
  /** Cron expression in Europe/Helsinki time, e.g. "30 2 * * *" (02:30 every night). */
  schedule: string;
  batchSize: number;
}

/**
 * The daily retention run on a real job queue in PostgreSQL (pg-boss). Every API instance starts
 * it; the queue's `singleton` policy lets one job be active at a time, and the schedule creates
 * one job per occurrence whichever instance's clock fires, so several instances never run it
 * twice at once. The work itself is safe to repeat and to share (see RetentionService).
 * Job data holds no personal data (only the trigger).
 */
export class RetentionJob {
  private boss: PgBoss | undefined;
  private stopping = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly retention: RetentionService,
    private readonly logger: Logger,
    private readonly options: RetentionJobOptions,
  ) {}

  async start(): Promise<void> {
    const boss = new PgBoss({ connectionString: this.options.databaseUrl, schema: JOB_SCHEMA });
    boss.on('error', (error: Error) => {
      // While the register shuts down, the queue's connections are cut under it: expected, not an error.
      if (this.stopping) this.logger.debug({ err: { message: error.message } }, 'job queue error while stopping');
      else this.logger.error({ err: { message: error.message } }, 'job queue error');
    });
    await boss.start();
    if (!(await boss.getQueue(RETENTION_QUEUE))) {
      await boss.createQueue(RETENTION_QUEUE, { policy: 'singleton', expireInSeconds: 6 * 60 * 60, retryLimit: 1 });
    }
    // A night the register was down is made up once when it is back (not once per missed night).
    await boss.schedule(RETENTION_QUEUE, this.options.schedule, { trigger: RetentionRunTrigger.SCHEDULE }, { tz: 'Europe/Helsinki', missed: 'once' });
    await boss.work(RETENTION_QUEUE, async () => {
      const run = await this.retention.run(this.orm.em.fork(), {
        asOf: isoToday(),
        trigger: RetentionRunTrigger.SCHEDULE,
        batchSize: this.options.batchSize,
        shouldStop: () => this.stopping,
      });
      this.logger.info(
        { runId: run.id, status: run.status, processed: run.processed, erased: run.erased, holdsEnded: run.holdsEnded, failed: run.failed },
        'retention run finished',
      );
    });
    this.boss = boss;
    this.logger.info({ schedule: this.options.schedule }, 'retention job scheduled');
  }

  /** Queues a run now (the queue's singleton policy keeps it to one active run). */
  async runNow(): Promise<string | null> {
    if (!this.boss) throw new Error('the retention job is not started');
    return this.boss.send(RETENTION_QUEUE, { trigger: RetentionRunTrigger.SCHEDULE });
  }

  /** Asks a running run to stop after the subject in hand, then stops the queue. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.boss?.stop({ graceful: true, timeout: 8_000 });
    this.boss = undefined;
  }
}
