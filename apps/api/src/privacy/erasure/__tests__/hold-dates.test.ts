import { describe, expect, it } from 'vitest';
import { addYears, holdApplies, holdEndDate, isoToday } from '../hold-dates.js';

describe('legal hold end dates', () => {
  it('accounting vouchers: 6 years from the end of the year of the voucher', () => {
    expect(holdEndDate('accounting-voucher', '2020-01-01')).toBe('2026-12-31');
    expect(holdEndDate('accounting-voucher', '2020-12-31')).toBe('2026-12-31');
    expect(holdEndDate('accounting-voucher', '2024-02-29')).toBe('2030-12-31');
  });

  it('accounting books: 10 years from the end of the year', () => {
    expect(holdEndDate('accounting-book', '2019-06-15')).toBe('2029-12-31');
  });

  it('contract claims: 3 years from the end of the contract, a leap day falls back to 28 February', () => {
    expect(holdEndDate('contract-claims', '2023-05-31')).toBe('2026-05-31');
    expect(holdEndDate('contract-claims', '2024-02-29')).toBe('2027-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2023-12-31', 1)).toBe('2024-12-31');
  });

  it('the end date itself is still held; the day after it is not', () => {
    expect(holdApplies('2026-12-31', '2026-12-31')).toBe(true);
    expect(holdApplies('2026-12-31', '2027-01-01')).toBe(false);
    expect(holdApplies('2026-12-31', '2026-06-01')).toBe(true);
  });

  it('today is the date in Helsinki, not in UTC', () => {
    // 22:30 UTC on 31 December is already 1 January in Helsinki (UTC+2).
    expect(isoToday(new Date('2025-12-31T22:30:00Z'))).toBe('2026-01-01');
    expect(isoToday(new Date('2025-12-31T21:30:00Z'))).toBe('2025-12-31');
  });

  it('refuses what is not a date', () => {
    expect(() => holdEndDate('contract-claims', '31.12.2024')).toThrow(/not an ISO date/);
  });
});
