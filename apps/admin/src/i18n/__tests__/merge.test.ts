import englishMessages from 'ra-language-english';
import finnishMessages from 'ra-language-finnish';
import { mergeTranslations, type TranslationMessages } from 'ra-core';
import { describe, expect, test } from 'vitest';
import { en } from '../en';
import { fi } from '../fi';
import { mergeMessages } from '../merge';

describe('merging message trees', () => {
  test("gives what react-admin's mergeTranslations gives, for the app's English and Finnish", () => {
    const finnish = finnishMessages as unknown as TranslationMessages;
    expect(mergeMessages(englishMessages, en)).toEqual(mergeTranslations(englishMessages, en));
    expect(mergeMessages(englishMessages, en, finnish, fi)).toEqual(mergeTranslations(englishMessages, en, finnish, fi));
  });

  test('later trees win, nested trees merge, and no source is changed or shared', () => {
    const a = { ra: { action: { save: 'Save', delete: 'Delete' } }, x: 'a' };
    const b = { ra: { action: { save: 'Tallenna' } }, y: 'b' };
    const merged = mergeMessages(a, b) as unknown as typeof a & typeof b;
    expect(merged).toEqual({ ra: { action: { save: 'Tallenna', delete: 'Delete' } }, x: 'a', y: 'b' });
    expect(a.ra.action.save).toBe('Save');
    expect(merged.ra).not.toBe(a.ra);
    expect(merged.ra.action).not.toBe(b.ra.action);
  });
});
