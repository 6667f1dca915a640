/**
 * Days as the API gives them (ISO `YYYY-MM-DD`), counted and written in
 * British English. Days are reckoned in UTC so that a day never moves with
 * the clock change or the laptop's time zone.
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1 January 1970 (UTC). */
export function dayNumber(iso: string): number {
  const match = ISO_DAY.exec(iso);
  if (!match) throw new Error(`Not a day: ${iso}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoDay(dayNumber(iso) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** A real calendar day as YYYY-MM-DD: 2026-02-31, which some date parsers roll on into March, is not one. */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === value;
}

/** Today on the laptop's own calendar: the day the people in the hall are living. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const longFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const mediumFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });

const asDate = (iso: string) => new Date(dayNumber(iso) * DAY_MS);

/** "Monday 23 November 2026". */
export const longDate = (iso: string): string => longFormat.format(asDate(iso));
/** "23 Nov 2026". */
export const mediumDate = (iso: string): string => mediumFormat.format(asDate(iso));
/** "23 Nov". */
export const shortDate = (iso: string): string => shortFormat.format(asDate(iso));

/** The first day of each month from the month of `from` to `to`, with its label ("Nov", or "Jan 2027" where a year begins). */
export function monthStarts(from: string, to: string): Array<{ readonly on: string; readonly label: string }> {
  const months: Array<{ on: string; label: string }> = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const on = `${year}-${String(month).padStart(2, '0')}-01`;
    if (on > to) break;
    const name = monthFormat.format(asDate(on));
    months.push({ on, label: month === 1 ? `${name} ${year}` : name });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** "today", "3 days ago", "in 2 days", measured from `from`. */
export function relativeDays(on: string, from: string): string {
  const days = daysBetween(from, on);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days < 0 ? `${-days} days ago` : `in ${days} days`;
}
