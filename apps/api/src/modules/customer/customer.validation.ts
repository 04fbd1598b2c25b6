import {
  parseBusinessId,
  parsePersonalIdentityNumber,
  parsePostalCode,
  type PersonalIdentityNumber,
} from '@register/identifiers';
import type { InputProblems } from '../../common/errors.js';
import { CustomerKind, DataSource } from './customer.enums.js';
import type { CustomerFieldsArgs } from './customer.input.js';

const LIMITS = {
  name: 200,
  email: 254,
  streetAddress: 200,
  city: 100,
  sourcePartner: 100,
} as const;

// Control characters have no place in a name or an address (they break printing and exports).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function text(
  problems: InputProblems,
  field: keyof typeof LIMITS,
  value: string | null | undefined,
  { required = false } = {},
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
  if (value.length > LIMITS[field]) {
    problems.add(field, `is too long: at most ${LIMITS[field]} characters (now ${value.length})`);
  }
  if (CONTROL.test(value)) problems.add(field, 'must not contain line breaks or control characters');
  return value;
}

/**
 * Phone numbers are kept in international form (+358…). A Finnish national number (040 123 4567)
 * is written in that form; spaces, hyphens and brackets are only formatting.
 */
export function normalisePhone(problems: InputProblems, value: string | null | undefined) {
  if (value === undefined || value === null || value.trim() === '') return value === undefined ? undefined : null;
  const compact = value.replace(/[\s\-()]/g, '');
  let international = compact;
  if (compact.startsWith('00')) international = `+${compact.slice(2)}`;
  else if (compact.startsWith('0')) international = `+358${compact.slice(1)}`;
  if (!/^\+[1-9][0-9]{6,14}$/.test(international)) {
    problems.add(
      'phone',
      'must be a phone number of 7–15 digits, e.g. +358 40 123 4567 or 040 123 4567',
    );
    return undefined;
  }
  return international;
}

export function email(problems: InputProblems, value: string | null | undefined) {
  const checked = text(problems, 'email', value);
  if (checked && !EMAIL.test(checked)) {
    problems.add('email', 'must be an e-mail address like name@example.fi');
    return undefined;
  }
  return checked;
}

export function personalIdentityNumber(
  problems: InputProblems,
  value: string | null | undefined,
): PersonalIdentityNumber | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  const parsed = parsePersonalIdentityNumber(value);
  if (!parsed.ok) {
    problems.add('personalIdentityNumber', parsed.error);
    return undefined;
  }
  return parsed.value;
}

export function businessId(problems: InputProblems, value: string | null | undefined) {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  const parsed = parseBusinessId(value);
  if (!parsed.ok) {
    problems.add('businessId', parsed.error);
    return undefined;
  }
  return parsed.value.value;
}

export function country(problems: InputProblems, value: string | null | undefined) {
  if (value === undefined) return undefined;
  if (value === null || value === '') return 'FI';
  if (!/^[A-Z]{2}$/.test(value)) {
    problems.add('country', 'must be a two-letter country code in capitals, e.g. FI or SE');
    return undefined;
  }
  return value;
}

export function postalCode(
  problems: InputProblems,
  value: string | null | undefined,
  countryCode: string,
) {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (countryCode === 'FI') {
    const parsed = parsePostalCode(value);
    if (!parsed.ok) {
      problems.add('postalCode', parsed.error);
      return undefined;
    }
    return parsed.value.value;
  }
  if (!/^[A-Za-z0-9 -]{2,10}$/.test(value)) {
    problems.add('postalCode', 'must be 2–10 letters, digits, spaces or hyphens');
    return undefined;
  }
  return value;
}

export function dateOfBirth(problems: InputProblems, value: string | null | undefined, today: Date) {
  if (value === undefined || value === null) return value;
  const iso = today.toISOString().slice(0, 10);
  if (value > iso) problems.add('dateOfBirth', 'cannot be in the future');
  else if (value < '1850-01-01') problems.add('dateOfBirth', 'must be 1850 or later');
  return value;
}

/** Rules that tie fields together, checked on the record as it will be after the change. */
export function checkCombination(
  problems: InputProblems,
  record: {
    kind: CustomerKind;
    businessId?: string | null;
    hasPersonalIdentityNumber: boolean;
    dateOfBirth?: string | null;
    pinDateOfBirth?: string | undefined;
    sourceType: DataSource;
    sourcePartner?: string | null;
  },
  args: CustomerFieldsArgs,
) {
  if (record.kind === CustomerKind.PRIVATE && record.businessId) {
    problems.add('businessId', 'only business customers have a business ID (set kind to BUSINESS)');
  }
  if (record.kind === CustomerKind.BUSINESS) {
    if (record.hasPersonalIdentityNumber) {
      problems.add(
        'personalIdentityNumber',
        'business customers have no personal identity number (record the contact person instead)',
      );
    }
    if (record.dateOfBirth) {
      problems.add('dateOfBirth', 'business customers have no date of birth');
    }
  }
  if (record.pinDateOfBirth && record.dateOfBirth && record.pinDateOfBirth !== record.dateOfBirth) {
    const field = args.dateOfBirth !== undefined ? 'dateOfBirth' : 'personalIdentityNumber';
    problems.add(
      field,
      `does not match: the personal identity number says the date of birth is ${record.pinDateOfBirth}`,
    );
  }
  if (record.sourceType === DataSource.PARTNER && !record.sourcePartner) {
    problems.add('sourcePartner', 'name the partner register when the source is PARTNER');
  }
  if (record.sourceType !== DataSource.PARTNER && record.sourcePartner) {
    problems.add('sourcePartner', 'is only for data from a partner register (sourceType PARTNER)');
  }
}
