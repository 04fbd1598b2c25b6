import { parseIccid } from '@register/identifiers';
import type { InputProblems } from '../../common/errors.js';
import { DataSource } from '../customer/customer.enums.js';
import { isUuid } from '../customer/customer.service.js';

/** Contracts and SIM cards of Lesec Oy are Finnish: dates are Helsinki dates. */
export function todayInFinland(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(now);
}

export function addYears(isoDate: string, years: number): string {
  const [year, rest] = [Number(isoDate.slice(0, 4)), isoDate.slice(4)];
  return `${String(year + years).padStart(4, '0')}${rest === '-02-29' ? '-02-28' : rest}`;
}

export const EARLIEST_DATE = '1990-01-01';
export const MAX_QUANTITY = 1000;
export const MAX_MONTHLY_PRICE_CENTS = 10_000_000;
export const MAX_LINES = 50;
const PARTNER_MAX = 100;

/** An id argument that must name an existing record of some kind. */
export function id(problems: InputProblems, field: string, value: string | undefined | null, what: string): string | undefined {
  if (value === undefined || value === null || value === '') {
    problems.add(field, 'is required');
    return undefined;
  }
  if (!isUuid(value)) {
    problems.add(field, `is not the id of any ${what}`);
    return undefined;
  }
  return value;
}

export function date(
  problems: InputProblems,
  field: string,
  value: string | null | undefined,
  { latest }: { latest?: string } = {},
): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (value < EARLIEST_DATE) {
    problems.add(field, `must be ${EARLIEST_DATE} or later`);
    return undefined;
  }
  if (latest && value > latest) {
    problems.add(field, `must be ${latest} or earlier`);
    return undefined;
  }
  return value;
}

export function quantity(problems: InputProblems, field: string, value: number | null | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > MAX_QUANTITY) {
    problems.add(field, `must be a whole number from 1 to ${MAX_QUANTITY}`);
    return undefined;
  }
  return value;
}

export function cents(problems: InputProblems, field: string, value: number | null | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > MAX_MONTHLY_PRICE_CENTS) {
    problems.add(field, `must be whole euro cents from 0 to ${MAX_MONTHLY_PRICE_CENTS} (100 000 €), e.g. 2490 for 24,90 €`);
    return undefined;
  }
  return value;
}

export function iccid(problems: InputProblems, field: string, value: string | null | undefined): string | undefined {
  if (value === undefined || value === null || value === '') {
    problems.add(field, 'is required: the 18–20 digit number printed on the SIM card');
    return undefined;
  }
  const parsed = parseIccid(value);
  if (!parsed.ok) {
    problems.add(field, parsed.error);
    return undefined;
  }
  return parsed.value.value;
}

/**
 * A Finnish mobile number (MSISDN), kept in international form: +358 and a mobile prefix
 * (40–46, 49 or 50) and 4–8 more digits. A national form (040 123 4567) is written
 * internationally; spaces and hyphens are only formatting.
 */
export function msisdn(problems: InputProblems, field: string, value: string | null | undefined): string | undefined {
  if (value === undefined || value === null || value.trim() === '') {
    problems.add(field, 'is required: the mobile number of the SIM card, e.g. +358 40 123 4567');
    return undefined;
  }
  const compact = value.replace(/[\s-]/g, '');
  let international = compact;
  if (compact.startsWith('00')) international = `+${compact.slice(2)}`;
  else if (compact.startsWith('0')) international = `+358${compact.slice(1)}`;
  if (!/^\+358(4[0-6]|49|50)[0-9]{4,8}$/.test(international)) {
    problems.add(field, 'must be a Finnish mobile number, e.g. +358 40 123 4567 or 040 123 4567');
    return undefined;
  }
  return international;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Provenance (section 5): a partner is named exactly when the data came from a partner. */
export function provenance(
  problems: InputProblems,
  args: { sourceType?: DataSource | null; sourcePartner?: string | null; collectedAt?: Date | null },
  now: Date,
): { sourceType: DataSource; sourcePartner: string | null; collectedAt: Date } {
  const sourceType = args.sourceType ?? DataSource.DATA_SUBJECT;
  const partner = args.sourcePartner ?? null;
  if (partner !== null) {
    if (partner.trim() === '' || partner !== partner.trim()) problems.add('sourcePartner', 'must be the name of the partner register, without surrounding spaces');
    else if (partner.length > PARTNER_MAX) problems.add('sourcePartner', `is too long: at most ${PARTNER_MAX} characters (now ${partner.length})`);
    else if (CONTROL.test(partner)) problems.add('sourcePartner', 'must not contain line breaks or control characters');
  }
  if (sourceType === DataSource.PARTNER && !partner) problems.add('sourcePartner', 'name the partner register when the source is PARTNER');
  if (sourceType !== DataSource.PARTNER && partner) problems.add('sourcePartner', 'is only for data from a partner register (sourceType PARTNER)');
  if (args.collectedAt && args.collectedAt > now) problems.add('collectedAt', 'cannot be in the future');
  return { sourceType, sourcePartner: partner, collectedAt: args.collectedAt ?? now };
}
