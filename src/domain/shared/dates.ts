/**
 * Arithmetic on calendar days (YYYY-MM-DD, see `calendarDate` in values.ts).
 * Ordering needs none of this (such strings order correctly as text);
 * counting the days between two of them does.
 */

import { DomainError } from './domain-error.js';

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

/** The last calendar day that is not "the future" anywhere in the UK: a day's grace on the UTC clock for British Summer Time. */
export function latestAllowedDay(now: Date): string {
  // eslint-disable-next-line no-restricted-globals -- arithmetic on the `now` we were given; no clock is read.
  return new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10);
}

/** Throws DATE_IN_FUTURE when `day` has not come yet: things are recorded once they have happened. */
export function refuseFutureDay(day: string, what: string, now: Date): void {
  if (day > latestAllowedDay(now)) throw new DomainError('DATE_IN_FUTURE', `${what} (${day}) is in the future: record it once it has happened.`);
}
