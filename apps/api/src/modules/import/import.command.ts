import { stat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { Option, type Command } from 'commander';
import { AuditLog } from '../../audit/audit-log.js';
import type { Database } from '../../db/database.js';
import type { Services } from '../../services.js';
import { MAX_CSV_BYTES } from './import.csv.js';
import { ImportStatus } from './import.enums.js';
import { CsvDelimiterOption } from './import.input.js';

type WithDatabase = <T>(work: (db: Database, services: Services) => Promise<T>) => Promise<T>;

/**
 * `register import customers --partner <name> [--dry-run] <file.csv>`: the partner-register
 * import by hand, through the same service (and validation) as the API. Progress goes to stderr;
 * the summary and the rows that were not written (row, column, message — never a value) to
 * stdout. Exits with 1 when any row was invalid or the import failed.
 */
export function registerImportCommand(program: Command, withDatabase: WithDatabase, out: (line?: string) => void): void {
  const imports = program.command('import').description('imports from partner registers');
  imports
    .command('customers <file>')
    .description('import customers from a partner register CSV file; exits with 1 when any row was invalid')
    .requiredOption('-p, --partner <name>', 'the partner register the customers come from (their provenance)')
    .option('--dry-run', 'validate every row, write nothing')
    .addOption(new Option('-d, --delimiter <delimiter>', 'separator (detected from the header when not given)').choices(['comma', 'semicolon']))
    .action(async (file: string, options: { partner: string; dryRun?: boolean; delimiter?: 'comma' | 'semicolon' }) => {
      const { size } = await stat(file).catch(() => {
        throw new Error(`${file}: no such file`);
      });
      if (size > MAX_CSV_BYTES) {
        throw new Error(`${file}: the file is ${(size / 1024 / 1024).toFixed(1)} MB; at most ${MAX_CSV_BYTES / 1024 / 1024} MB per import: split it into several files (each with the header row)`);
      }
      const csv = await readFile(file, 'utf8');
      const operator = userInfo().username;
      const audit = new AuditLog({ kind: 'system', name: `cli:${operator}` }, 'cli', `cli-${process.pid}`, 'cli import customers');
      const result = await withDatabase(async (db, services) => {
        const em = db.orm.em.fork();
        const { done } = await services.imports.start(
          em,
          { principal: null, startedBy: `cli:${operator}`.slice(0, 64), audit },
          {
            partnerRegister: options.partner,
            fileName: basename(file),
            csv,
            dryRun: options.dryRun ?? false,
            delimiter: options.delimiter === 'semicolon' ? CsvDelimiterOption.SEMICOLON : options.delimiter === 'comma' ? CsvDelimiterOption.COMMA : null,
          },
          (run) => process.stderr.write(`\r${run.processedRows}/${run.totalRows} rows (${Math.round(run.progress * 100)} %)`),
        );
        const run = await done;
        process.stderr.write('\n');
        const problems = [];
        for (let page = 0; ; page += 1) {
          const rows = await services.imports.rowErrors(em.fork(), { filter: { runId: run.id }, page, perPage: 500 });
          problems.push(...rows);
          if (rows.length < 500) break;
        }
        return { run, problems };
      });
      const { run, problems } = result;
      out(`Import ${run.id} from ${run.partnerRegister}${run.dryRun ? ' (dry run: nothing written)' : ''}: ${run.status}`);
      out(`  rows ${run.totalRows}, handled ${run.processedRows}, valid ${run.validRows}, invalid ${run.invalidRows}, written ${run.importedRows}, already in the register ${run.duplicateRows}`);
      if (run.failure) out(`  ${run.failure}`);
      if (problems.length > 0) {
        out('Rows not written (row, column: message):');
        for (const problem of problems) {
          out(`  row ${problem.rowNumber}, ${problem.column ?? 'whole row'}: ${problem.kind === 'DUPLICATE' ? 'skipped, ' : ''}${problem.message}`);
        }
      }
      if (run.status === ImportStatus.FAILED || run.invalidRows > 0) process.exitCode = 1;
    });
}
