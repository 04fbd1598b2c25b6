/**
 * Small helpers shared by the integration suites: SQL against the test app's own database,
 * GraphQL error lookups, and unique valid Finnish identifiers for fixtures.
 */
import { businessIdCheckDigit, formatBusinessId, formatPersonalIdentityNumber } from '@register/identifiers';
import { dataMap } from '@register/schema';
import { expect } from 'vitest';
import type { GraphQLResponse, TestApp } from './test-app.js';

export type GraphQLErrorBody = NonNullable<GraphQLResponse['errors']>[number];

/** Runs SQL on the app's database (outside any request). */
export function sql<T = Record<string, unknown>>(app: TestApp, query: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.getConnection().execute<T[]>(query, params, 'all');
}

export async function countRows(app: TestApp, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await sql<{ n: string }>(app, `select count(*)::text as n from ${table} where ${where}`, params);
  return Number(row?.n ?? 0);
}

/** The whole row as JSON text, to compare a record before and after a refused change. */
export async function customerRow(app: TestApp, id: string): Promise<string | undefined> {
  const [row] = await sql<{ json: string }>(app, 'select row_to_json(c)::text as json from customer c where id = ?', [id]);
  return row?.json;
}

export function samePath(a: readonly (string | number)[] | undefined, b: readonly (string | number)[]): boolean {
  return a !== undefined && a.length === b.length && a.every((part, index) => part === b[index]);
}

export function errorAt(result: GraphQLResponse<unknown>, path: (string | number)[]): GraphQLErrorBody | undefined {
  return result.errors?.find((error) => samePath(error.path, path));
}

/** The one error of a response, which must carry `code`. */
export function onlyError(result: GraphQLResponse<unknown>, code: string): GraphQLErrorBody {
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  const error = result.errors![0]!;
  expect(error.extensions?.code, error.message).toBe(code);
  return error;
}

/** A BAD_USER_INPUT error that names the field and whose message starts with it. */
export function expectBadInput(result: GraphQLResponse<unknown>, field: string): GraphQLErrorBody {
  const error = onlyError(result, 'BAD_USER_INPUT');
  expect(error.extensions?.field).toBe(field);
  expect(error.message.startsWith(`${field}:`), `"${error.message}" should start with "${field}:"`).toBe(true);
  return error;
}

/** Every field of Customer the data map classifies (and so every field of the GraphQL type). */
export const CUSTOMER_FIELDS: readonly string[] = Object.keys(dataMap.Customer.fields);

let pinCounter = 0;
/**
 * A valid identity number no demo customer has: the demo register uses days 1–28 only, these
 * are born on the 31st of a month.
 */
export function uniquePersonalIdentityNumber(): { value: string; dateOfBirth: string } {
  pinCounter += 1;
  const year = 1940 + (pinCounter % 60);
  const months = ['01', '03', '05', '07', '08', '10', '12'];
  const month = months[Math.floor(pinCounter / 60) % months.length]!;
  const dateOfBirth = `${year}-${month}-31`;
  const individualNumber = 2 + ((Math.floor(pinCounter / 420) + process.pid) % 898);
  return { value: formatPersonalIdentityNumber({ dateOfBirth, individualNumber }), dateOfBirth };
}

let businessCounter = 0;
/** A valid business ID outside the demo register's range (1000000–3299999). */
export function uniqueBusinessId(): string {
  for (;;) {
    businessCounter += 1;
    const digits = String(5_000_000 + (process.pid % 1000) * 1000 + businessCounter).padStart(7, '0');
    if (businessIdCheckDigit(digits) !== undefined) return formatBusinessId(digits);
  }
}
