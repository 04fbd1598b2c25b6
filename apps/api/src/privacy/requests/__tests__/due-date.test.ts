import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  checkExtension,
  dueDateOf,
  latestExtendedDueDate,
  parseCalendarDate,
  todayInFinland,
} from '../due-date.js';

describe('due date: one calendar month after receipt, clamped to the month’s end', () => {
  it.each([
    ['2024-01-31', '2024-02-29'], // leap year
    ['2025-01-31', '2025-02-28'],
    ['2100-01-31', '2100-02-28'], // divisible by 100: not a leap year
    ['2000-01-30', '2000-02-29'], // divisible by 400: a leap year
    ['2023-12-31', '2024-01-31'], // over the year end
    ['2024-03-31', '2024-04-30'],
    ['2024-05-31', '2024-06-30'],
    ['2024-08-31', '2024-09-30'],
    ['2024-02-29', '2024-03-29'],
    ['2025-02-28', '2025-03-28'],
    ['2025-01-15', '2025-02-15'],
    ['2025-12-01', '2026-01-01'],
  ])('received %s → due %s', (received, due) => {
    expect(dueDateOf(received)).toBe(due);
  });

  it('adds any number of months the same way', () => {
    expect(addCalendarMonths('2024-02-29', 2)).toBe('2024-04-29');
    expect(addCalendarMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addCalendarMonths('2024-12-31', 14)).toBe('2026-02-28');
    expect(addCalendarMonths('2024-06-15', 0)).toBe('2024-06-15');
  });

  it('refuses what is not a calendar date', () => {
    expect(parseCalendarDate('2025-02-29')).toBeUndefined();
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2024-13-01')).toBeUndefined();
    expect(parseCalendarDate('31.1.2024')).toBeUndefined();
    expect(() => dueDateOf('2025-02-30')).toThrow(RangeError);
    expect(() => addCalendarMonths('2025-01-01', -1)).toThrow(RangeError);
  });

  it('takes today in Finnish time', () => {
    // 22:30 UTC on 31 December is already New Year's Day in Helsinki (UTC+2).
    expect(todayInFinland(new Date('2024-12-31T22:30:00Z'))).toBe('2025-01-01');
    expect(todayInFinland(new Date('2024-06-30T20:59:00Z'))).toBe('2024-06-30');
  });
});

describe('extension: once, by at most two further calendar months', () => {
  const request = { originalDueDate: '2024-02-29', dueDate: '2024-02-29', extended: false };

  it('allows up to two months after the original due date, computed the same way', () => {
    expect(latestExtendedDueDate('2024-02-29')).toBe('2024-04-29');
    expect(latestExtendedDueDate('2024-12-31')).toBe('2025-02-28');
    expect(latestExtendedDueDate('2023-12-31')).toBe('2024-02-29');
    expect(checkExtension(request, '2024-04-29')).toEqual({ ok: true });
    expect(checkExtension(request, '2024-03-01')).toEqual({ ok: true });
  });

  it('refuses a date beyond the limit, not after the current due date, or not a date', () => {
    const beyond = checkExtension(request, '2024-04-30');
    expect(beyond.ok).toBe(false);
    expect(!beyond.ok && beyond.problem).toContain('2024-04-29');
    expect(checkExtension(request, '2024-02-29').ok).toBe(false);
    expect(checkExtension(request, '2024-02-01').ok).toBe(false);
    expect(checkExtension(request, '2024-04-31').ok).toBe(false);
  });

  it('refuses a second extension', () => {
    const extended = { originalDueDate: '2024-02-29', dueDate: '2024-03-31', extended: true };
    const second = checkExtension(extended, '2024-04-15');
    expect(second.ok).toBe(false);
    expect(!second.ok && second.problem).toContain('already been extended once');
  });
});
