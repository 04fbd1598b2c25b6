import { parseBusinessId, parsePersonalIdentityNumber } from '@register/identifiers';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { InputProblems } from '../../../common/errors.js';
import { detectDelimiter, parseCustomerCsv, rowToCustomerArgs } from '../import.csv.js';
import { redactMessage } from '../import.redact.js';

function badInputMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect((error as GraphQLError).extensions.field).toBe('csv');
    return (error as GraphQLError).message;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('reading a partner file', () => {
  it('detects the delimiter from the header line, outside quotes', () => {
    expect(detectDelimiter('kind;name;email\nPRIVATE;"A, B";x')).toBe(';');
    expect(detectDelimiter('kind,name,"a;b;c"\n')).toBe(',');
    expect(detectDelimiter('"kind;x",name\n')).toBe(',');
  });

  it('numbers rows by the line where they start, across quoted line breaks, empty lines and a BOM', () => {
    const parsed = parseCustomerCsv('\uFEFFkind,name,streetAddress\r\nPRIVATE,A,"one\r\ntwo"\r\n\r\nBUSINESS,"B ""Q"" Oy",x\r\n');
    expect(parsed.columns).toEqual(['kind', 'name', 'streetAddress']);
    expect(parsed.rows).toEqual([
      { line: 2, cells: ['PRIVATE', 'A', 'one\ntwo'] },
      { line: 5, cells: ['BUSINESS', 'B "Q" Oy', 'x'] },
    ]);
  });

  it('names every header problem at once', () => {
    expect(badInputMessage(() => parseCustomerCsv('name,hetu,hetu,email,email\nX,1,2,a,b'))).toMatch(
      /^csv: the header row \(line 1\) has unknown column "hetu"; columns hetu, email given twice; required column kind missing\. The columns are kind, name,/,
    );
  });

  it('never quotes the file in a structure error', () => {
    const message = badInputMessage(() => parseCustomerCsv('kind,name\nPRIVATE,Salainen"Nimi,x\n'));
    expect(message).toMatch(/^csv: line 2: /);
    expect(message).not.toContain('Salainen');
  });

  it('converts what GraphQL scalars would, and reports the rest by column', () => {
    const problems = new InputProblems();
    const args = rowToCustomerArgs(problems, ['kind', 'dateOfBirth', 'collectedAt', 'email'], ['private', '1980-02-30', '2026-01-02T10:00:00+02:00', ''], 'P Oy', new Date(0));
    expect(args).toMatchObject({ sourceType: 'PARTNER', sourcePartner: 'P Oy', collectedAt: new Date('2026-01-02T08:00:00Z') });
    expect(args).not.toHaveProperty('email');
    expect(() => problems.throwIfAny()).toThrow(/kind: must be PRIVATE or BUSINESS.*dateOfBirth: must be a date/);
  });
});

describe('row error messages', () => {
  const identityNumbers = ['131052-308S', '131052-308t', '131052a308T', '131052-001T', '310252-308T', '290201-308T'];
  const businessIds = ['1572860-1', 'FI15728600', '572860-0', '15728600', '0000000-0'];

  it('keep what is wrong and drop the value, its parts and the right answer', () => {
    for (const value of identityNumbers) {
      const parsed = parsePersonalIdentityNumber(value);
      expect(parsed.ok, value).toBe(false);
      const message = redactMessage(parsed.ok ? '' : parsed.error, [value]);
      expect(message.length, value).toBeGreaterThan(5);
      for (const part of [value, value.toUpperCase(), value.slice(0, 6), value.slice(7, 10)]) expect(message, value).not.toContain(part);
      expect(message).not.toMatch(/should be [0-9A-Z]\b/);
    }
    for (const value of businessIds) {
      const parsed = parseBusinessId(value);
      expect(parsed.ok, value).toBe(false);
      const message = redactMessage(parsed.ok ? '' : parsed.error, [value]);
      expect(message, value).not.toMatch(/\d{6,}/);
      expect(message).not.toMatch(/should be \d/);
    }
    expect(redactMessage('does not match: the personal identity number says the date of birth is 1952-10-13', [])).toBe(
      'does not match: the personal identity number encodes a different date of birth',
    );
    expect(redactMessage('is too long: at most 200 characters (now 250)', [])).toBe('is too long: at most 200 characters');
  });
});
