import { CsvError, parse } from 'csv-parse/sync';
import { badInput } from '../../common/errors.js';
import { CustomerKind, DataSource } from '../customer/customer.enums.js';
import type { CreateCustomerArgs } from '../customer/customer.input.js';
import type { InputProblems } from '../../common/errors.js';

/** A partner file may be at most this big; split a bigger one into several imports. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
export const MAX_CSV_ROWS = 100_000;

/**
 * The column contract of a partner-register file: the header names these columns (in any order,
 * each at most once); `kind` and `name` are required, the rest optional. The names are those of
 * the customer's own fields, so the import validates them exactly as `createCustomer` does.
 */
export const CSV_COLUMNS = [
  'kind',
  'name',
  'personalIdentityNumber',
  'businessId',
  'dateOfBirth',
  'email',
  'phone',
  'streetAddress',
  'postalCode',
  'city',
  'country',
  'collectedAt',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['kind', 'name'];

export type CsvDelimiter = ',' | ';';

export interface CsvRow {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  delimiter: CsvDelimiter;
  columns: CsvColumn[];
  rows: CsvRow[];
}

const isColumn = (name: string): name is CsvColumn => (CSV_COLUMNS as readonly string[]).includes(name);

/** `;` (as Finnish spreadsheets write CSV) or `,`, whichever the header line uses outside quotes. */
export function detectDelimiter(csv: string): CsvDelimiter {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of csv) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons += 1;
    else if (!quoted && char === ',') commas += 1;
  }
  return semicolons > commas ? ';' : ',';
}

function structureError(error: unknown): never {
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines;
    const where = line ? `line ${line}` : 'the file';
    const reason: Record<string, string> = {
      CSV_QUOTE_NOT_CLOSED: 'a quoted value is not closed: every " that starts a value needs a closing "',
      CSV_INVALID_CLOSING_QUOTE: 'a closing " is followed by something other than the delimiter: write a " inside a quoted value as ""',
      CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing " is followed by something other than the delimiter: write a " inside a quoted value as ""',
      CSV_MAX_RECORD_SIZE: 'a row is longer than 64 kB: check the quotes',
      INVALID_OPENING_QUOTE: 'a " appears inside a value that is not quoted: quote the whole value and write the " as ""',
    };
    throw badInput('csv', `${where}: ${reason[error.code] ?? 'is not valid CSV: check the quotes and the delimiter'}`);
  }
  throw error;
}

/**
 * Reads a partner file: the header is checked before any row is read (unknown, repeated or
 * missing required columns are named); a broken file structure (quotes) fails as a whole. Rows
 * with the wrong number of values are kept for the row-by-row report.
 */
export function parseCustomerCsv(csv: string, delimiter?: CsvDelimiter): ParsedCsv {
  const bytes = Buffer.byteLength(csv, 'utf8');
  if (bytes > MAX_CSV_BYTES) {
    throw badInput(
      'csv',
      `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${MAX_CSV_BYTES / 1024 / 1024} MB per import: split it into several files (each with the header row) and import them one by one`,
    );
  }
  // One kind of line break: csv-parse counts a CRLF inside a quoted value as two lines, which would
  // put every later row number off by one. (A line break inside a value is invalid in every column.)
  const text = csv.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw badInput('csv', 'the file is empty: it needs a header row and at least one data row');
  const used = delimiter ?? detectDelimiter(text);
  const options = { delimiter: used, bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 65_536 };

  let header: string[];
  try {
    [header = []] = parse(text, { ...options, to_line: 1 }) as string[][];
  } catch (error) {
    structureError(error);
  }
  const names = header.map((name) => name.trim());
  const unknown = [...new Set(names.filter((name) => !isColumn(name)))];
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  const missing = REQUIRED_CSV_COLUMNS.filter((name) => !names.includes(name));
  const problems: string[] = [];
  if (unknown.length > 0) {
    problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n.slice(0, 40)}"`).join(', ')}`);
  }
  if (repeated.length > 0) problems.push(`column${repeated.length > 1 ? 's' : ''} ${[...new Set(repeated)].join(', ')} given twice`);
  if (missing.length > 0) problems.push(`required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`);
  if (problems.length > 0) {
    throw badInput(
      'csv',
      `the header row (line 1) has ${problems.join('; ')}. The columns are ${CSV_COLUMNS.join(', ')} (kind and name required), separated by "${used}"`,
    );
  }

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = (parse(text, { ...options, info: true }) as unknown as typeof records).slice(1);
  } catch (error) {
    structureError(error);
  }
  if (records.length === 0) throw badInput('csv', 'the file has a header row but no data rows');
  if (records.length > MAX_CSV_ROWS) {
    throw badInput(
      'csv',
      `the file has ${records.length} rows; at most ${MAX_CSV_ROWS} per import: split it into several files (each with the header row) and import them one by one`,
    );
  }
  return {
    delimiter: used,
    columns: names as CsvColumn[],
    // csv-parse counts the line where a record ends; a quoted value may span lines.
    rows: records.map(({ record, info }) => ({
      line: info.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0),
      cells: record,
    })),
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function realDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(+date) && date.toISOString().slice(0, 10) === value;
}

/**
 * One row as the arguments of `createCustomer`, with the partner as its provenance. Only the
 * conversions GraphQL's own scalars would do happen here (enum, date, time); everything else is
 * validated by the customer service itself.
 */
export function rowToCustomerArgs(
  problems: InputProblems,
  columns: readonly CsvColumn[],
  cells: readonly string[],
  partnerRegister: string,
  importedAt: Date,
): CreateCustomerArgs {
  const args: CreateCustomerArgs = { sourceType: DataSource.PARTNER, sourcePartner: partnerRegister, collectedAt: importedAt };
  columns.forEach((column, index) => {
    const value = cells[index] ?? '';
    if (value === '') return;
    switch (column) {
      case 'kind':
        if (value === CustomerKind.PRIVATE || value === CustomerKind.BUSINESS) args.kind = value;
        else problems.add('kind', 'must be PRIVATE or BUSINESS (in capitals)');
        break;
      case 'dateOfBirth':
        if (realDate(value)) args.dateOfBirth = value;
        else problems.add('dateOfBirth', 'must be a date written like 1980-05-31 (year-month-day)');
        break;
      case 'collectedAt':
        if (realDate(value)) args.collectedAt = new Date(`${value}T00:00:00Z`);
        else if (ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) && realDate(value.slice(0, 10))) {
          args.collectedAt = new Date(value);
        } else {
          problems.add('collectedAt', 'must be a date like 2026-05-31 or a time like 2026-05-31T12:00:00+03:00 (or empty for the import time)');
        }
        break;
      default:
        args[column] = value;
    }
  });
  return args;
}
