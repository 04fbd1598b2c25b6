/**
 * Field checks of contact persons, and the record-level checks the billing and feedback modules
 * share with them (bounded text, e-mail, provenance, local dates). Every check adds a problem
 * naming the field in the user's terms and returns `undefined` for a bad value, `null` for a
 * cleared one; nothing is "fixed" silently.
 */
import type { InputProblems } from '../../common/errors.js';
import { DataSource } from '../customer/customer.enums.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// Multi-line text may hold line breaks and tabs, nothing else below the space.
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function boundedText(
  problems: InputProblems,
  field: string,
  value: string | null | undefined,
  max: number,
  { required = false, multiline = false } = {},
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') {
    if (required) problems.add(field, 'is required');
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
  if ((multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(value)) {
    problems.add(field, multiline ? 'must not contain control characters' : 'must not contain line breaks or control characters');
    return undefined;
  }
  return value;
}

export function emailAddress(problems: InputProblems, field: string, value: string | null | undefined) {
  const checked = boundedText(problems, field, value, 254);
  if (checked && !EMAIL.test(checked)) {
    problems.add(field, 'must be an e-mail address like name@example.fi');
    return undefined;
  }
  return checked;
}

/** Today in Finland (YYYY-MM-DD): due dates and payment dates are Finnish calendar days. */
export function todayInFinland(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(now);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export interface ProvenanceArgs {
  sourceType?: DataSource | null;
  sourcePartner?: string | null;
  collectedAt?: Date | null;
}

export interface Provenance {
  sourceType: DataSource;
  sourcePartner?: string | null;
  collectedAt: Date;
}

/**
 * Section 5 of the registry description: where the record came from and when. Checked on the
 * record as it will be after the change; returns the values to set (undefined = unchanged).
 */
export function provenance(problems: InputProblems, args: ProvenanceArgs, current: Provenance, now = new Date()) {
  const sourcePartner = boundedText(problems, 'sourcePartner', args.sourcePartner, 100);
  if (args.sourceType === null) problems.add('sourceType', 'cannot be empty: DATA_SUBJECT, SERVICE_DELIVERY or PARTNER');
  if (args.collectedAt && args.collectedAt > now) problems.add('collectedAt', 'cannot be in the future');
  const sourceType = args.sourceType ?? current.sourceType;
  const partner = sourcePartner !== undefined ? sourcePartner : current.sourcePartner;
  if (sourcePartner !== undefined || args.sourceType !== undefined) {
    if (sourceType === DataSource.PARTNER && !partner) {
      problems.add('sourcePartner', 'name the partner register when the source is PARTNER');
    }
    if (sourceType !== DataSource.PARTNER && partner) {
      problems.add('sourcePartner', 'is only for data from a partner register (sourceType PARTNER)');
    }
  }
  return {
    sourceType: args.sourceType ?? undefined,
    sourcePartner,
    collectedAt: args.collectedAt ?? undefined,
  };
}

/** Applies the given values to a record and returns the names of the fields that changed. */
export function applyChanges<T extends object>(record: T, values: { [K in keyof T]?: T[K] | undefined }): string[] {
  const changed: string[] = [];
  for (const field of Object.keys(values) as (keyof T & string)[]) {
    const value = values[field];
    if (value === undefined) continue;
    const current = record[field];
    const same = current instanceof Date && value instanceof Date ? +current === +value : current === value;
    if (same) continue;
    record[field] = value;
    changed.push(field);
  }
  return changed;
}
