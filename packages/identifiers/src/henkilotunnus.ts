/**
 * Henkilötunnus: the Finnish personal identity number, `DDMMYYCZZZQ`.
 *
 * - `DDMMYY` date of birth, `C` century sign, `ZZZ` individual number, `Q` check character.
 * - Century signs (including the 2023 reform): `+` 1800s; `-`, `Y`, `X`, `W`, `V`, `U` 1900s;
 *   `A`, `B`, `C`, `D`, `E`, `F` 2000s. The sign is part of the identity: `100190-999P` and
 *   `100190Y999P` are both valid and belong to different people.
 * - Individual number 002–899 is a normal number, 900–999 a temporary one (valid, flagged);
 *   000 and 001 are not in use. Even numbers are female, odd male.
 * - Q = "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(DDMMYYZZZ) mod 31].
 *
 * Input is never fixed silently: lowercase letters and surrounding whitespace are errors.
 * Note: the "use capital letters" error repeats the input in capitals so the user can see
 * the fix; do not log error messages of this parser verbatim.
 */
import { checkPresentAndUntrimmed } from './common.js';
import { fail, ok, type ParseResult } from './result.js';

export type CenturySign =
  '+' | '-' | 'Y' | 'X' | 'W' | 'V' | 'U' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export type PersonalIdentityNumber = {
  /** The identity number as given (canonical: capital letters, no spaces). */
  value: string;
  /** ISO date `YYYY-MM-DD`. */
  dateOfBirth: string;
  centurySign: CenturySign;
  /** `ZZZ` as a number, 2–999. */
  individualNumber: number;
  /** True for temporary identity numbers (individual number 900–999). */
  temporary: boolean;
  sex: 'female' | 'male';
};

const CENTURY_BY_SIGN: Readonly<Record<CenturySign, 1800 | 1900 | 2000>> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

/** All century signs, in the order they are listed in the law: `+`, 1900s, 2000s. */
export const CENTURY_SIGNS: readonly CenturySign[] = [
  '+',
  '-',
  'Y',
  'X',
  'W',
  'V',
  'U',
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
];

const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const EXAMPLE = '131052-308T';
const SIGN_LIST = '+, -, Y, X, W, V, U, A, B, C, D, E or F';
/** Dashes people paste from word processors instead of the hyphen-minus. */
const DASH_LOOKALIKES = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212']);

function isCenturySign(char: string): char is CenturySign {
  return Object.hasOwn(CENTURY_BY_SIGN, char);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number, length: number): string {
  return String(value).padStart(length, '0');
}

/** Explains why day.month.year is not a date, or returns undefined when it is one. */
function dateProblem(day: number, month: number, year: number): string | undefined {
  const ddmm = `${pad(day, 2)}.${pad(month, 2)}.`;
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return `no such date ${ddmm}`;
  }
  if (day > daysInMonth(year, month)) {
    if (month === 2 && day === 29) {
      return `no such date ${ddmm}${year} (${year} is not a leap year)`;
    }
    return `no such date ${ddmm}`;
  }
  return undefined;
}

/**
 * The check character for the 9 digits `DDMMYYZZZ`.
 * @throws RangeError when the argument is not exactly 9 digits.
 */
export function personalIdentityNumberCheckCharacter(ddmmyyzzz: string): string {
  if (!/^[0-9]{9}$/.test(ddmmyyzzz)) {
    throw new RangeError('expected the 9 digits DDMMYYZZZ, like 131052308');
  }
  return CHECK_CHARACTERS.charAt(Number(ddmmyyzzz) % 31);
}

/** Parses and validates a personal identity number (henkilötunnus). Never throws. */
export function parsePersonalIdentityNumber(input: string): ParseResult<PersonalIdentityNumber> {
  const presence = checkPresentAndUntrimmed(input);
  if (presence) return presence;

  if (/\s/.test(input)) {
    return fail('format', `must not contain spaces; write it like ${EXAMPLE}`);
  }
  if (input.length !== 11) {
    return fail('length', `must be 11 characters like ${EXAMPLE}`);
  }

  const datePart = input.slice(0, 6);
  const signChar = input.charAt(6);
  const individualPart = input.slice(7, 10);
  const checkChar = input.charAt(10);

  if (!/^[0-9]{6}$/.test(datePart)) {
    return fail(
      'format',
      'the first 6 characters must be the date of birth as digits DDMMYY, like 131052',
    );
  }
  if (!/^[0-9]{3}$/.test(individualPart)) {
    return fail('format', 'characters 8–10 must be the individual number as digits, like 308');
  }

  const lowercaseSign = !isCenturySign(signChar) && isCenturySign(signChar.toUpperCase());
  const lowercaseCheck =
    /[a-z]/.test(checkChar) && CHECK_CHARACTERS.includes(checkChar.toUpperCase());
  if (lowercaseSign || lowercaseCheck) {
    return fail('case', `use capital letters: ${input.toUpperCase()}`);
  }
  if (!isCenturySign(signChar)) {
    if (DASH_LOOKALIKES.has(signChar)) {
      return fail(
        'century',
        `unknown century sign "${signChar}" (use the ordinary hyphen "-", or one of ${SIGN_LIST})`,
      );
    }
    return fail('century', `unknown century sign "${signChar}" (use ${SIGN_LIST})`);
  }
  const centurySign = signChar;

  const day = Number(datePart.slice(0, 2));
  const month = Number(datePart.slice(2, 4));
  const year = CENTURY_BY_SIGN[centurySign] + Number(datePart.slice(4, 6));
  const problem = dateProblem(day, month, year);
  if (problem !== undefined) {
    return fail('date', problem);
  }

  const individualNumber = Number(individualPart);
  if (individualNumber < 2) {
    return fail('range', `individual number ${individualPart} is not in use (it must be 002–999)`);
  }

  const expected = personalIdentityNumberCheckCharacter(datePart + individualPart);
  if (checkChar !== expected) {
    return fail('checksum', `check character should be ${expected}`);
  }

  return ok({
    value: input,
    dateOfBirth: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    centurySign,
    individualNumber,
    temporary: individualNumber >= 900,
    sex: individualNumber % 2 === 0 ? 'female' : 'male',
  });
}

export function isValidPersonalIdentityNumber(input: string): boolean {
  return parsePersonalIdentityNumber(input).ok;
}

/**
 * Masks a personal identity number for display: `131052-308T` → `131052-****` (the date of
 * birth and century sign stay visible). Anything that does not look like an identity number
 * is masked completely.
 */
export function maskPersonalIdentityNumber(value: string): string {
  if (/^[0-9]{6}\S{5}$/.test(value)) {
    return `${value.slice(0, 7)}****`;
  }
  return '***********';
}

export type PersonalIdentityNumberParts = {
  /** ISO date `YYYY-MM-DD`, years 1800–2099. */
  dateOfBirth: string;
  /** Defaults to `+` for the 1800s, `-` for the 1900s and `A` for the 2000s. */
  centurySign?: CenturySign;
  /** 2–999 (900–999 make a temporary number). */
  individualNumber: number;
};

/**
 * Builds a valid personal identity number (for demo data and tests).
 * @throws RangeError when the date does not exist or is outside 1800–2099, the century sign
 *   does not match the year, or the individual number is not an integer 2–999.
 */
export function formatPersonalIdentityNumber(parts: PersonalIdentityNumberParts): string {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(parts.dateOfBirth);
  if (!match) {
    throw new RangeError(`dateOfBirth must be an ISO date YYYY-MM-DD, got "${parts.dateOfBirth}"`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1800 || year > 2099) {
    throw new RangeError(`dateOfBirth year must be 1800–2099, got ${year}`);
  }
  const problem = dateProblem(day, month, year);
  if (problem !== undefined) {
    throw new RangeError(`dateOfBirth: ${problem}`);
  }
  const { individualNumber } = parts;
  if (!Number.isInteger(individualNumber) || individualNumber < 2 || individualNumber > 999) {
    throw new RangeError(`individualNumber must be an integer 2–999, got ${individualNumber}`);
  }
  const century = Math.floor(year / 100) * 100;
  const defaultSign: CenturySign = century === 1800 ? '+' : century === 1900 ? '-' : 'A';
  const centurySign = parts.centurySign ?? defaultSign;
  if (!isCenturySign(centurySign)) {
    throw new RangeError(`unknown century sign "${String(centurySign)}" (use ${SIGN_LIST})`);
  }
  if (CENTURY_BY_SIGN[centurySign] !== century) {
    const from = CENTURY_BY_SIGN[centurySign];
    throw new RangeError(
      `century sign "${centurySign}" is for years ${from}–${from + 99}, not ${year}`,
    );
  }
  const ddmmyy = `${pad(day, 2)}${pad(month, 2)}${pad(year % 100, 2)}`;
  const zzz = pad(individualNumber, 3);
  return `${ddmmyy}${centurySign}${zzz}${personalIdentityNumberCheckCharacter(ddmmyy + zzz)}`;
}
