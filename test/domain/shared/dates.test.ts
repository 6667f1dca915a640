import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../../src/domain/shared/dates.js';

describe('days between calendar days', () => {
  it('counts across month ends, year ends and leap days', () => {
    expect(daysBetween('2026-10-01', '2027-01-01')).toBe(92);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(daysBetween('2100-02-28', '2100-03-01')).toBe(1);
    expect(daysBetween('2000-02-28', '2000-03-01')).toBe(2);
    expect(daysBetween('2026-11-05', '2026-10-29')).toBe(-7);
  });
});
