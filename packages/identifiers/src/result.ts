/**
 * The common result type of every `parse…` function in this package.
 *
 * Parsers never throw and never "fix" input: they either return the parsed value or say
 * what is wrong, in plain English (`error`, meant for the person who typed the value) and
 * as a stable machine code (`code`, meant for programs and translations).
 */
export type ParseResult<T> = ParseSuccess<T> | ParseFailure;

export type ParseSuccess<T> = { ok: true; value: T };

export type ParseFailure = { ok: false; error: string; code: string };

/**
 * The machine codes this package uses in {@link ParseFailure.code}. They are stable: add new
 * ones if needed, never rename.
 *
 * - `required`: the input is empty.
 * - `whitespace`: spaces (or tabs, line breaks) before or after the value.
 * - `case`: lowercase letters where capital letters are required.
 * - `format`: wrong characters or wrong shape.
 * - `length`: right characters, wrong number of them.
 * - `prefix`: does not start the way this kind of identifier must start.
 * - `century`: unknown century sign in a personal identity number.
 * - `date`: the date of birth does not exist.
 * - `range`: a number outside the values in use (e.g. individual number 000).
 * - `checksum`: the check character/digit(s) do not match.
 */
export type ErrorCode =
  | 'required'
  | 'whitespace'
  | 'case'
  | 'format'
  | 'length'
  | 'prefix'
  | 'century'
  | 'date'
  | 'range'
  | 'checksum';

/** @internal */
export function ok<T>(value: T): ParseSuccess<T> {
  return { ok: true, value };
}

/** @internal */
export function fail(code: ErrorCode, error: string): ParseFailure {
  return { ok: false, error, code };
}
