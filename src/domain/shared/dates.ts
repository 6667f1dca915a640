/**
 * Arithmetic on calendar days (YYYY-MM-DD, see `calendarDate` in values.ts).
 * Ordering needs none of this (such strings order correctly as text);
 * counting the days between two of them does.
 */

const DAY_MS = 86_400_000;

/** The day's number counted from 1970-01-01. The argument must be a valid YYYY-MM-DD: validate at the edge. */
export function dayNumber(day: string): number {
  // eslint-disable-next-line no-restricted-globals -- parses the day it is given (as UTC midnight); no clock is read.
  return Date.parse(day) / DAY_MS;
}

/** How many days `to` comes after `from`: negative when it comes before. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
