import { LEGAL_HOLDS, type LegalHold } from '@register/schema';

/**
 * When a legal hold ends, from the date that starts it. Dates are ISO calendar dates (YYYY-MM-DD),
 * computed without time zones.
 *
 * - Accounting records (vouchers, books): the Accounting Act counts from the end of the financial
 *   year; the controller's financial year is the calendar year, so a voucher dated any day of 2020
 *   is kept until 31.12.2026 (6 years) and a book until 31.12.2030 (10 years).
 * - Contract claims: three years from the end of the contract (Act on the Limitation of Debts).
 *   A contract that ended on 29 February keeps until 28 February of a year without a leap day.
 */
export type HoldBasis = 'end-of-year' | 'date';

export const HOLD_BASIS: Readonly<Record<LegalHold, HoldBasis>> = {
  'accounting-voucher': 'end-of-year',
  'accounting-book': 'end-of-year',
  'contract-claims': 'date',
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`not an ISO date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The same calendar day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [year, month, day] = parts(date);
  const target = year + years;
  const lastDay = month === 2 && day === 29 && !isLeapYear(target) ? 28 : day;
  return `${pad(target, 4)}-${pad(month)}-${pad(lastDay)}`;
}

/** The last day on which a record under `hold` started on `start` must still be kept. */
export function holdEndDate(hold: LegalHold, start: string): string {
  const { years } = LEGAL_HOLDS[hold];
  if (HOLD_BASIS[hold] === 'end-of-year') {
    const [year] = parts(start);
    return `${pad(year + years, 4)}-12-31`;
  }
  return addYears(start, years);
}

/** Whether a hold ending on `end` still applies on `asOf` (the end date itself is still held). */
export function holdApplies(end: string, asOf: string): boolean {
  return end >= asOf;
}

/** Today as an ISO date in the controller's time zone (Europe/Helsinki). */
export function isoToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function toIsoDate(value: string | Date): string {
  if (typeof value === 'string') return value.slice(0, 10);
  return isoToday(value);
}
