/**
 * Internal helpers shared by the parsers. Not exported from the package.
 * Browser-safe: no Node.js APIs.
 */
import { fail, type ParseFailure } from './result.js';

/**
 * Checks that apply to every identifier: a value must be given, and it must not have
 * whitespace around it (we never trim silently). Returns a failure, or `undefined` when the
 * input may be parsed further.
 */
export function checkPresentAndUntrimmed(input: unknown): ParseFailure | undefined {
  if (typeof input !== 'string' || input.length === 0) {
    return fail('required', 'is empty');
  }
  const leading = /^\s/.test(input);
  const trailing = /\s$/.test(input);
  if (leading && trailing) {
    return fail('whitespace', 'remove the spaces at the start and at the end');
  }
  if (leading) {
    return fail('whitespace', 'remove the space at the start');
  }
  if (trailing) {
    return fail('whitespace', 'remove the space at the end');
  }
  return undefined;
}

export function hasLowercaseLetter(input: string): boolean {
  return /[a-z]/.test(input);
}

export function isDigits(input: string): boolean {
  return /^[0-9]+$/.test(input);
}

/** Luhn (mod 10) check digit for `payload`, which must be digits only. */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  // The digit next to the (future) check digit is doubled, then every second one leftwards.
  for (let i = payload.length - 1, double = true; i >= 0; i -= 1, double = !double) {
    let digit = payload.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * ISO 7064 mod 97-10 remainder of an alphanumeric string where letters count as
 * A=10 … Z=35 (as in IBAN and ISO 11649). `value` must be digits and capital letters only.
 * Computed piecewise, so any length works without BigInt.
 */
export function mod97(value: string): number {
  let remainder = 0;
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else {
      // A=10 … Z=35: always two digits.
      remainder = (remainder * 100 + (code - 55)) % 97;
    }
  }
  return remainder;
}

/**
 * Splits a value typed with single spaces between groups of characters (e.g. `12345 67890`).
 * Returns the compact value, or a failure for double spaces. Surrounding whitespace must have
 * been rejected already.
 */
export function removeGroupSpaces(input: string): { compact: string } | ParseFailure {
  if (/\s\s/.test(input)) {
    return fail('format', 'use single spaces between the groups');
  }
  if (/[^\S ]/.test(input)) {
    return fail('format', 'use ordinary spaces between the groups');
  }
  return { compact: input.replaceAll(' ', '') };
}

/** Groups `value` into blocks of `size` characters, counted from the right. */
export function groupFromRight(value: string, size: number): string {
  const groups: string[] = [];
  for (let end = value.length; end > 0; end -= size) {
    groups.unshift(value.slice(Math.max(0, end - size), end));
  }
  return groups.join(' ');
}

/** Groups `value` into blocks of `size` characters, counted from the left. */
export function groupFromLeft(value: string, size: number): string {
  const groups: string[] = [];
  for (let start = 0; start < value.length; start += size) {
    groups.push(value.slice(start, start + size));
  }
  return groups.join(' ');
}
