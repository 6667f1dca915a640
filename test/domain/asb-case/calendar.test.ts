import { describe, expect, it } from 'vitest';
import { addDays, ageOn, daysFrom, daysInMonth, lastDayOfPeriod, withinMonthsBeginningWith } from '../../../src/domain/asb-case/calendar.js';
import { daysBetween } from '../../../src/domain/shared/dates.js';

describe('days', () => {
  it('count and step as the shared dates do, across leap years and centuries', () => {
    let day = '1999-12-25';
    for (let i = 0; i < 400; i += 1) {
      const next = addDays(day, 37);
      expect(daysFrom(day, next)).toBe(37);
      expect(daysBetween(day, next)).toBe(37);
      day = next;
    }
    expect(day).toBe('2040-07-02');
  });

  it('know February', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect([daysInMonth(2026, 2), daysInMonth(2028, 2), daysInMonth(2100, 2), daysInMonth(2000, 2), daysInMonth(2026, 4), daysInMonth(2026, 12)]).toEqual([28, 29, 28, 29, 30, 31]);
  });
});

describe('a period of months beginning with a day', () => {
  it('ends the day before the corresponding day, or with the month when there is none', () => {
    const cases: [string, number, string][] = [
      ['2026-03-15', 1, '2026-04-14'],
      ['2026-03-01', 1, '2026-03-31'],
      ['2026-01-31', 1, '2026-02-28'],
      ['2028-01-31', 1, '2028-02-29'],
      ['2028-02-29', 1, '2028-03-28'],
      ['2026-12-15', 1, '2027-01-14'],
      ['2026-03-15', 6, '2026-09-14'],
      ['2026-08-31', 6, '2027-02-28'],
      ['2027-08-31', 6, '2028-02-29'],
      ['2026-11-01', 3, '2027-01-31'],
      ['2026-11-02', 12, '2027-11-01'],
      ['2026-11-01', 36, '2029-10-31'],
    ];
    for (const [start, months, end] of cases) expect(lastDayOfPeriod(start, months), `${months} months from ${start}`).toBe(end);
  });

  it('holds its first and last days, and nothing before or after', () => {
    expect(withinMonthsBeginningWith('2026-03-15', 1, '2026-03-15')).toBe(true);
    expect(withinMonthsBeginningWith('2026-03-15', 1, '2026-04-14')).toBe(true);
    expect(withinMonthsBeginningWith('2026-03-15', 1, '2026-04-15')).toBe(false);
    expect(withinMonthsBeginningWith('2026-03-15', 1, '2026-03-14')).toBe(false);
  });
});

describe('age', () => {
  it('is whole years, the birthday counting on its day', () => {
    expect(ageOn('2010-05-20', '2026-05-19')).toBe(15);
    expect(ageOn('2010-05-20', '2026-05-20')).toBe(16);
    expect(ageOn('1948-03-02', '2026-11-20')).toBe(78);
  });

  it('comes to someone born on 29 February on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
  });
});
