import type { Command } from 'commander';
import type { Database } from '../../db/database.js';
import type { Services } from '../../services.js';
import { isoToday } from '../erasure/hold-dates.js';
import { RetentionRunTrigger } from './retention-run.entity.js';

type WithDatabase = <T>(work: (db: Database, services: Services) => Promise<T>) => Promise<T>;

/**
 * `register retention run [--dry-run]`: the retention job by hand. Progress goes to stderr, the
 * result to stdout; Ctrl-C stops after the customer in hand (the next run finishes the rest).
 */
export function registerRetentionCommand(program: Command, withDatabase: WithDatabase, out: (line?: string) => void): void {
  const retention = program.command('retention').description('the retention job: erase customers whose data is no longer needed');
  retention
    .command('run')
    .description('erase customers whose relationship ended and whose retention passed, and records whose legal hold ended')
    .option('--dry-run', 'only report what would be erased; change nothing')
    .option('--as-of <date>', 'apply the rules of this day (YYYY-MM-DD, default today)')
    .option('--batch-size <n>', 'customers per progress update', '100')
    .action(async (options: { dryRun?: boolean; asOf?: string; batchSize: string }) => {
      const asOf = options.asOf ?? isoToday();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) {
        throw new Error(`--as-of: "${asOf}" is not a date; write it as YYYY-MM-DD`);
      }
      const batchSize = Number(options.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size: must be a whole number of 1 or more');
      const progress = (line: string) => process.stderr.write(`${line}\n`);
      await withDatabase(async (db, services) => {
        const em = db.orm.em.fork();
        if (options.dryRun) {
          const report = await services.retention.dryRun(em, asOf, 100_000, (done, total) => {
            if (done === total || done % 50 === 0) progress(`planned ${done}/${total}`);
          });
          out(`Dry run for ${report.asOf} (data kept ${report.relationshipMonths} months after the relationship ends):`);
          out(`  customers to erase: ${report.customers} (of them keeping records under a legal hold: ${report.wouldHold})`);
          out(`  legal holds ended:  ${report.holdsEnding}`);
          for (const type of report.types) {
            out(`  ${type.type.padEnd(24)} delete ${type.deleted}, anonymise ${type.anonymised}, clear ${type.cleared}, hold ${type.held}`);
          }
          out('Nothing was changed.');
          return;
        }
        let stop = false;
        const onSignal = () => {
          stop = true;
          progress('stopping after the customer in hand…');
        };
        process.once('SIGINT', onSignal);
        try {
          const run = await services.retention.run(em, {
            asOf,
            trigger: RetentionRunTrigger.CLI,
            batchSize,
            shouldStop: () => stop,
            onProgress: (r) => progress(`${r.status.toLowerCase()}: ${r.processed}/${r.total} processed, ${r.erased} erased (${r.held} with held records), ${r.holdsEnded} holds ended, ${r.failed} failed`),
          });
          out(`Retention run ${run.id}: ${run.status}, ${run.erased} customers erased, ${run.holdsEnded} ended holds erased, ${run.failed} failed.`);
          if (run.status === 'FAILED') process.exitCode = 1;
        } finally {
          process.off('SIGINT', onSignal);
        }
      });
    });
}
