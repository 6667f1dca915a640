/**
 * Calendar arithmetic the 2014 Act needs, on YYYY-MM-DD strings and whole
 * days, with no clock and no time zone: a month here is a calendar month, as
 * the law counts it, not thirty days.
 *
 * Statutes say "within the period of one month beginning with the day on
 * which…". A period beginning with a day includes that day and ends the day
 * before the corresponding day of the later month (15 March: one month ends
 * on 14 April); where the later month has no corresponding day (31 January:
 * there is no 31 February) it ends with the last day of that month, the
 * corresponding-date rule of Dodds v Walker [1981].
 */

interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function parse(day: string): Day {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

function format({ year, month, day }: Day): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Howard Hinnant's days-from-civil and civil-from-days: exact for the proleptic Gregorian calendar, no Date needed.
function toDayCount({ year, month, day }: Day): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayCount(count: number): Day {
  const z = count + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return format(fromDayCount(toDayCount(parse(day)) + days));
}

/** How many days `to` comes after `from`. */
export function daysFrom(from: string, to: string): number {
  return toDayCount(parse(to)) - toDayCount(parse(from));
}

/** The last day of the period of `months` calendar months beginning with `start` (see the note at the top). */
export function lastDayOfPeriod(start: string, months: number): string {
  const { year, month, day } = parse(start);
  const monthIndex = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1 };
  const length = daysInMonth(target.year, target.month);
  if (day > length) return format({ ...target, day: length });
  return addDays(format({ ...target, day }), -1);
}

/** Whether `day` falls within the period of `months` months beginning with `start`. */
export function withinMonthsBeginningWith(start: string, months: number, day: string): boolean {
  return day >= start && day <= lastDayOfPeriod(start, months);
}

/**
 * A person's age in whole years on `day`. Someone born on 29 February comes
 * of age on 1 March in a common year: their birthday has not come on 28
 * February.
 */
export function ageOn(dateOfBirth: string, day: string): number {
  const born = parse(dateOfBirth);
  const on = parse(day);
  const hadBirthday = day.slice(5) >= dateOfBirth.slice(5);
  return on.year - born.year - (hadBirthday ? 0 : 1);
}
