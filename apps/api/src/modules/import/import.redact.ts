/**
 * Row errors of an import are kept and shown long after the import, so they must not carry what
 * the row contained: the customer validation's messages sometimes help by repeating or correcting
 * the value ("use capital letters: …", "check digit should be 7", "the date of birth is …"). Those
 * parts are replaced by value-free wording, and any value of the row still found in a message is
 * cut out as a last line of defence.
 */
const VALUE_FREE: [RegExp, string][] = [
  [/check (character|digit) should be \S+/g, 'check $1 does not match: check the number'],
  [/use capital letters: .*/g, 'use capital letters'],
  [/unknown century sign "[^"]*"/g, 'unknown century sign'],
  [/individual number \S+ is not in use/g, 'the individual number is not in use'],
  [/no such date [0-9.]+( \(\d+ is not a leap year\))?/g, 'the date part is not a real date'],
  [/this looks like a VAT number; the business ID is .*/g, 'this looks like a VAT number; write the business ID as 7 digits, a hyphen and the check digit'],
  [/write the leading zero: .*/g, 'write the leading zero'],
  [/put a hyphen before the check digit: .*/g, 'put a hyphen before the check digit'],
  [/no business ID can start with \S+/g, 'no business ID can start with these digits'],
  [/says the date of birth is \S+/g, 'encodes a different date of birth'],
  [/\(now \d+\)/g, ''],
  [/\(got \d+\)/g, ''],
];

export function redactMessage(message: string, cells: readonly string[]): string {
  let safe = message;
  for (const [pattern, replacement] of VALUE_FREE) safe = safe.replace(pattern, replacement);
  for (const cell of cells) {
    const value = cell.trim();
    if (value.length < 4) continue;
    for (const form of new Set([value, value.toUpperCase(), value.toLowerCase()])) {
      safe = safe.split(form).join('…');
    }
  }
  return safe.replace(/\s+/g, ' ').trim().slice(0, 500);
}
