/**
 * Field checks shared by orders and quotations. Each collects its problems (field-named, in the
 * user's terms) and returns the value to store, `undefined` when the field was not given or was
 * wrong, or `null` when it was cleared.
 */
import { parseIccid, parsePostalCode } from '@register/identifiers';
import type { InputProblems } from '../../common/errors.js';
import { DataSource } from '../customer/customer.enums.js';
import { isUuid } from '../customer/customer.service.js';

// Control characters have no place in a name or an address (they break printing and labels).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const MAX_SIMS_PER_ORDER = 100;
/** Dates before this are typing errors (the register starts long after). */
export const EARLIEST_DATE = '2000-01-01';

/** Today's date in Finland (the company's calendar), as YYYY-MM-DD. */
export function helsinkiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function text(
  problems: InputProblems,
  field: string,
  value: string | null | undefined,
  max: number,
  { required = false } = {},
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') {
    if (required) {
      problems.add(field, 'is required');
      return undefined;
    }
    return null;
  }
  if (value !== value.trim()) {
    problems.add(field, 'must not start or end with spaces');
    return undefined;
  }
  if (value.length > max) {
    problems.add(field, `is too long: at most ${max} characters (now ${value.length})`);
    return undefined;
  }
  if (CONTROL.test(value)) {
    problems.add(field, 'must not contain line breaks or control characters');
    return undefined;
  }
  return value;
}

export function countryCode(problems: InputProblems, field: string, value: string | null | undefined) {
  if (value === undefined) return undefined;
  if (value === null || value === '') return 'FI';
  if (!/^[A-Z]{2}$/.test(value)) {
    problems.add(field, 'must be a two-letter country code in capitals, e.g. FI or SE');
    return undefined;
  }
  return value;
}

/** Finnish postal codes are exactly five digits; others are checked loosely. */
export function postalCode(
  problems: InputProblems,
  field: string,
  value: string | null | undefined,
  country: string,
) {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (country === 'FI') {
    const parsed = parsePostalCode(value);
    if (!parsed.ok) {
      problems.add(field, `${parsed.error} (a Finnish postal code)`);
      return undefined;
    }
    return parsed.value.value;
  }
  if (!/^[A-Za-z0-9 -]{2,10}$/.test(value)) {
    problems.add(field, 'must be 2–10 letters, digits, spaces or hyphens');
    return undefined;
  }
  return value;
}

/** A calendar date (the scalar has checked its shape) within the register's plausible range. */
export function date(
  problems: InputProblems,
  field: string,
  value: string | null | undefined,
  { required = false, notAfter }: { required?: boolean; notAfter?: string } = {},
): string | null | undefined {
  if (value === undefined || value === null) {
    if (required) {
      problems.add(field, 'is required (a date like 2026-11-25)');
      return undefined;
    }
    return value;
  }
  if (value < EARLIEST_DATE) {
    problems.add(field, `must be ${EARLIEST_DATE} or later`);
    return undefined;
  }
  if (notAfter && value > notAfter) {
    problems.add(field, `cannot be in the future (today is ${notAfter})`);
    return undefined;
  }
  return value;
}

/** The SIM cards of an order: valid ICCIDs (Luhn-checked), each once. */
export function iccids(problems: InputProblems, field: string, values: string[] | null | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  if (values === null) return [];
  if (values.length > MAX_SIMS_PER_ORDER) {
    problems.add(field, `at most ${MAX_SIMS_PER_ORDER} SIM cards per order (now ${values.length})`);
    return undefined;
  }
  const seen = new Set<string>();
  let valid = true;
  values.forEach((value, index) => {
    const parsed = parseIccid(value);
    if (!parsed.ok) {
      problems.add(`${field}.${index}`, `${parsed.error} (a SIM card number, ICCID)`);
      valid = false;
    } else if (seen.has(parsed.value.value)) {
      problems.add(`${field}.${index}`, 'is listed twice on this order');
      valid = false;
    } else {
      seen.add(parsed.value.value);
    }
  });
  return valid ? [...seen] : undefined;
}

export function id(problems: InputProblems, field: string, value: string | null | undefined, what: string) {
  if (value === undefined || value === null || value === '') {
    problems.add(field, `is required: the ${what}`);
    return undefined;
  }
  if (!isUuid(value)) {
    problems.add(field, `is not the id of any ${what}`);
    return undefined;
  }
  return value;
}

/** Section 5 provenance: a partner register is named exactly when the source is PARTNER. */
export function provenance(
  problems: InputProblems,
  record: { sourceType: DataSource; sourcePartner?: string | null },
  collectedAt: Date | null | undefined,
  now: Date,
) {
  if (record.sourceType === DataSource.PARTNER && !record.sourcePartner) {
    problems.add('sourcePartner', 'name the partner register when the source is PARTNER');
  }
  if (record.sourceType !== DataSource.PARTNER && record.sourcePartner) {
    problems.add('sourcePartner', 'is only for data from a partner register (sourceType PARTNER)');
  }
  if (collectedAt && collectedAt > now) problems.add('collectedAt', 'cannot be in the future');
}
