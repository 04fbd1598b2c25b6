/** Values in PostgreSQL's COPY text format (tab-separated, `\N` for NULL, backslash escapes). */

const SPECIAL = /[\\\t\n\r]/;

export function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function bytea(value: Buffer | null | undefined): string {
  return value ? `\\\\x${value.toString('hex')}` : '\\N';
}

export function json(value: unknown): string {
  return value === null || value === undefined ? '\\N' : text(JSON.stringify(value));
}

/** A text[] of values that need no quoting (digits, codes). */
export function plainArray(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

export function row(values: readonly (string | number | boolean)[]): string {
  return `${values.join('\t')}\n`;
}
