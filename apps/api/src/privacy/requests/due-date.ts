/**
 * The calendar-month rule of GDPR Art. 12(3), on plain calendar dates (`YYYY-MM-DD`, no time and
 * no time zone: a request received on 31 January is due on the last day of February wherever the
 * server runs). A month later is the same day of the next month, or that month's last day when it
 * has no such day (31 January → 28/29 February, 31 March → 30 April).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a real calendar date (`2025-02-29` is not one); undefined otherwise. */
export function parseCalendarDate(value: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function formatCalendarDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parseOrThrow(value: string): CalendarDate {
  const parsed = parseCalendarDate(value);
  if (!parsed) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${value}`);
  return parsed;
}

/** The same day `months` calendar months later, clamped to the end of the target month. */
export function addCalendarMonths(date: string, months: number): string {
  if (!Number.isInteger(months) || months < 0) throw new RangeError('months must be a whole number of 0 or more');
  const { year, month, day } = parseOrThrow(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatCalendarDate({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** A request is answered within one calendar month of its receipt. */
export function dueDateOf(receivedDate: string): string {
  return addCalendarMonths(receivedDate, 1);
}

/** The furthest an extension may move the due date: two further months from the original due date. */
export const MAX_EXTENSION_MONTHS = 2;
export function latestExtendedDueDate(originalDueDate: string): string {
  return addCalendarMonths(originalDueDate, MAX_EXTENSION_MONTHS);
}

export type ExtensionCheck = { ok: true } | { ok: false; problem: string };

/**
 * Whether the due date may move to `newDueDate`: once only, later than the current due date and
 * not beyond two further calendar months from the original one.
 */
export function checkExtension(
  request: { originalDueDate: string; dueDate: string; extended: boolean },
  newDueDate: string,
): ExtensionCheck {
  if (request.extended) {
    return { ok: false, problem: 'this request has already been extended once; the law allows one extension of at most two further months' };
  }
  if (!parseCalendarDate(newDueDate)) return { ok: false, problem: 'must be a calendar date (YYYY-MM-DD)' };
  if (newDueDate <= request.dueDate) {
    return { ok: false, problem: `must be after the current due date ${request.dueDate}` };
  }
  const latest = latestExtendedDueDate(request.originalDueDate);
  if (newDueDate > latest) {
    return { ok: false, problem: `may be at most two further months after the original due date: ${latest} at the latest` };
  }
  return { ok: true };
}

/** Today's calendar date in Finland, where the controller answers its requests. */
export function todayInFinland(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
