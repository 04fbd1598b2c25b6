import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { openDatabase } from '../database.js';
import { generateRegister } from './generate.js';

function wholeNumber(name: string, value: string): number {
  const parsed = Number(value.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, e.g. 1000000 (got "${value}")`);
  return parsed;
}

/** `register generate`: a realistic register of N customers for benchmarks (never in production). */
export function registerGenerateCommand(program: Command, out: (line?: string) => void) {
  program
    .command('generate')
    .description('fill a new database with a generated register of N customers (benchmarks; never in production)')
    .option('-c, --customers <n>', 'how many customers', '1000000')
    .option('-s, --seed <n>', 'random seed: the same seed gives the same register', '1')
    .option('--database-url <url>', 'the database to fill (default: DATABASE_URL, or the embedded PostgreSQL)')
    .option('--chunk-size <n>', 'customers per chunk (each part of a chunk is one transaction; a restart redoes at most the parts in flight)', '5000')
    .option('--workers <n>', 'loading connections, 1 or 2 (each loads one part of every chunk)', '2')
    .option('--threads <n>', 'threads that build the rows, 1 or 2', '1')
    .action(async (options: { customers: string; seed: string; databaseUrl?: string; chunkSize: string; workers: string; threads: string }) => {
      const env = options.databaseUrl ? { ...process.env, DATABASE_URL: options.databaseUrl } : process.env;
      const config = loadConfig(env);
      if (config.production) throw new Error('the generator never runs when NODE_ENV=production');
      const customers = wholeNumber('--customers', options.customers);
      const seed = wholeNumber('--seed', options.seed);
      const chunkSize = wholeNumber('--chunk-size', options.chunkSize);
      const workers = wholeNumber('--workers', options.workers);
      const threads = wholeNumber('--threads', options.threads);
      const logger = createLogger('warn');
      const db = await openDatabase(config, logger);
      const abort = new AbortController();
      const stop = () => {
        process.stderr.write('generate: stopping; the chunk parts in flight roll back; run the same command again to continue\n');
        abort.abort();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const result = await generateRegister({
          databaseUrl: db.url,
          config,
          customers,
          seed,
          chunkSize,
          workers,
          threads,
          staffPassword: config.demoPassword,
          signal: abort.signal,
          progress: (line) => process.stderr.write(`${line}\n`),
        });
        out(
          `Generated ${result.customers.toLocaleString('en-US')} customers in ${result.seconds.toFixed(1)} s` +
            (result.chunksResumed > 0 ? ` (${result.chunksResumed} chunks were already loaded)` : '') +
            (result.customersPerSecond > 0 ? `: ${Math.round(result.customersPerSecond).toLocaleString('en-US')} customers/s with indexes` : ''),
        );
        if (result.createdStaffPassword) {
          out(`Staff users (username = role) were created; their password, shown this once: ${result.createdStaffPassword}`);
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await db.close();
      }
    });
}
