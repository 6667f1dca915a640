/**
 * Figures over many cases, as pure functions of their states: what
 * enforcement the partnership used, whether interventions worked (seed 004,
 * para 18), what councils must publish of case reviews, and who is a
 * repeat victim across cases.
 */
import { daysFrom } from './calendar.js';
import { escalationLadder, type InterventionKind } from './interventions.js';
import type { AsbCaseState, OpenedAsbCase } from './state.js';

function openedCases(cases: Iterable<AsbCaseState>): OpenedAsbCase[] {
  const opened: OpenedAsbCase[] = [];
  for (const state of cases) if (state.opened) opened.push(state);
  return opened;
}

function within(day: string, from: string | undefined, to: string | undefined): boolean {
  return (from === undefined || day >= from) && (to === undefined || day <= to);
}

/** Periods figures are counted in; councils report by the financial year, April to March. */
export type Period = 'month' | 'quarter' | 'year' | 'financial-year';

/** The period a day falls in: `2026-11`, `2026-Q4`, `2026`, or `2026/27` for a financial year. */
export function periodOf(day: string, period: Period): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  switch (period) {
    case 'month':
      return day.slice(0, 7);
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return String(year);
    case 'financial-year': {
      const starts = month >= 4 ? year : year - 1;
      return `${starts}/${String((starts + 1) % 100).padStart(2, '0')}`;
    }
  }
}

export interface EnforcementFilter {
  /** The first and last days of issue counted, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly period?: Period;
  readonly agencyId?: string;
  readonly kinds?: readonly InterventionKind[];
}

export interface EnforcementCount {
  readonly agencyId: string;
  readonly kind: InterventionKind;
  readonly period: string;
  readonly count: number;
}

/** Interventions issued, by issuing agency, kind and period; ordered by period, agency, then the escalation ladder. */
export function enforcementCounts(cases: Iterable<AsbCaseState>, filter: EnforcementFilter = {}): EnforcementCount[] {
  const period = filter.period ?? 'month';
  const counts = new Map<string, { agencyId: string; kind: InterventionKind; period: string; count: number }>();
  for (const asbCase of openedCases(cases)) {
    for (const intervention of asbCase.interventions.values()) {
      if (!within(intervention.issuedOn, filter.from, filter.to)) continue;
      if (filter.agencyId !== undefined && intervention.issuingAgencyId !== filter.agencyId) continue;
      if (filter.kinds !== undefined && !filter.kinds.includes(intervention.kind)) continue;
      const row = { agencyId: intervention.issuingAgencyId, kind: intervention.kind, period: periodOf(intervention.issuedOn, period) };
      const key = `${row.period}|${row.agencyId}|${row.kind}`;
      const existing = counts.get(key);
      counts.set(key, { ...row, count: (existing?.count ?? 0) + 1 });
    }
  }
  return [...counts.values()].sort(
    (a, b) => a.period.localeCompare(b.period) || a.agencyId.localeCompare(b.agencyId) || escalationLadder.indexOf(a.kind) - escalationLadder.indexOf(b.kind),
  );
}

export interface EffectivenessOptions {
  /** The day the figure describes: nothing after it is seen. */
  readonly asOf: string;
  /** How many steps to report; the briefing's figure goes to three. */
  readonly steps?: number;
  /** How long a subject must have been seen without a new incident before they count as having stopped. */
  readonly followUpDays?: number;
}

export interface EffectivenessStep {
  readonly step: number;
  /** Subjects who had a k-th intervention. */
  readonly reached: number;
  /** Of those, the ones whose k-th intervention is too recent to judge. */
  readonly tooRecent: number;
  readonly judged: number;
  /** Of those judged, the ones who stopped after their k-th. */
  readonly stopped: number;
  /** stopped / judged: of those who had a k-th intervention, the share it was the last needed for. */
  readonly share: number | null;
  /** Subjects who stopped after at most k interventions. */
  readonly stoppedByThen: number;
  /** stoppedByThen / (judged at step 1): the briefing's figure ("two thirds stop after one, nine in ten after three"). */
  readonly cumulativeShare: number | null;
}

export interface Effectiveness {
  readonly asOf: string;
  readonly followUpDays: number;
  readonly subjects: number;
  readonly steps: readonly EffectivenessStep[];
}

/**
 * Whether interventions work: the share of subjects with no new incident
 * after their first, second, third intervention (seed 004, para 18).
 *
 * Definitions, for a subject (a person id; their interventions and the
 * incidents naming them are pooled across every case given):
 *
 * - Their steps are the distinct days they were issued an intervention, in
 *   order, up to `asOf`. Interventions given on one day (a warning letter
 *   and an acceptable behaviour contract signed at one meeting) are one
 *   step: no incident can come between them.
 * - A new incident after step k is an incident naming them that happened on
 *   a later day than step k, up to `asOf`. The incident that prompted the
 *   intervention, on its day, is not new.
 * - They stopped after step k when step k is their last, no new incident
 *   followed it, and at least `followUpDays` (default 90) have passed since:
 *   a later intervention means k were not enough, whether or not a new
 *   incident was recorded between. So each subject stops at most once.
 * - Step k is judged once its result is known: a new incident or a later
 *   step has come, or the follow-up has run. A subject whose k-th
 *   intervention is too recent is left out of step k, not counted a success.
 *
 * For each step: the share of those judged at step k who stopped at step k,
 * and (the briefing's figure) the share of all subjects judged at step 1
 * who had stopped by step k.
 */
export function interventionEffectiveness(cases: Iterable<AsbCaseState>, options: EffectivenessOptions): Effectiveness {
  const { asOf } = options;
  const stepsShown = options.steps ?? 3;
  const followUpDays = options.followUpDays ?? 90;
  const days = new Map<string, Set<string>>();
  const incidents = new Map<string, string[]>();
  for (const asbCase of openedCases(cases)) {
    for (const intervention of asbCase.interventions.values()) {
      const subject = intervention.subjectPersonId;
      if (subject === undefined || intervention.issuedOn > asOf) continue;
      days.set(subject, (days.get(subject) ?? new Set<string>()).add(intervention.issuedOn));
    }
    for (const incident of asbCase.incidents.values()) {
      if (incident.occurredOn > asOf) continue;
      for (const subject of incident.subjectPersonIds) incidents.set(subject, [...(incidents.get(subject) ?? []), incident.occurredOn]);
    }
  }
  const tally = Array.from({ length: stepsShown }, () => ({ reached: 0, tooRecent: 0, judged: 0, stopped: 0 }));
  for (const [subject, issued] of days) {
    const steps = [...issued].sort();
    const seen = incidents.get(subject) ?? [];
    steps.slice(0, stepsShown).forEach((day, index) => {
      const row = tally[index]!;
      row.reached += 1;
      const newIncident = seen.some((occurredOn) => occurredOn > day);
      const later = index + 1 < steps.length;
      const followedUp = daysFrom(day, asOf) >= followUpDays;
      if (!newIncident && !later && !followedUp) {
        row.tooRecent += 1;
        return;
      }
      row.judged += 1;
      if (!newIncident && !later) row.stopped += 1;
    });
  }
  const base = tally[0]?.judged ?? 0;
  let stoppedByThen = 0;
  const steps = tally.map((row, index) => {
    stoppedByThen += row.stopped;
    return {
      step: index + 1,
      ...row,
      share: row.judged === 0 ? null : row.stopped / row.judged,
      stoppedByThen,
      cumulativeShare: base === 0 ? null : stoppedByThen / base,
    };
  });
  return { asOf, followUpDays, subjects: days.size, steps };
}

export interface CaseReviewStatistics {
  readonly applications: number;
  readonly thresholdMet: number;
  readonly thresholdNotMet: number;
  readonly reviewsHeld: number;
  /** Reviews that made at least one recommendation (the Act's own measure). */
  readonly reviewsWithRecommendations: number;
  readonly recommendations: number;
  readonly appeals: number;
  readonly appealsUpheld: number;
}

/**
 * What the relevant bodies must publish of ASB case reviews (s.104):
 * applications, thresholds met and not met, reviews held, and those that
 * made recommendations; each counted on the day it happened, inside the
 * period (inclusive).
 */
export function caseReviewStatistics(cases: Iterable<AsbCaseState>, period: { readonly from: string; readonly to: string }): CaseReviewStatistics {
  const stats = { applications: 0, thresholdMet: 0, thresholdNotMet: 0, reviewsHeld: 0, reviewsWithRecommendations: 0, recommendations: 0, appeals: 0, appealsUpheld: 0 };
  for (const asbCase of openedCases(cases)) {
    for (const review of asbCase.caseReviews.values()) {
      if (within(review.appliedOn, period.from, period.to)) stats.applications += 1;
      if (review.decision && within(review.decision.decidedOn, period.from, period.to)) {
        if (review.decision.thresholdMet) stats.thresholdMet += 1;
        else stats.thresholdNotMet += 1;
      }
      for (const hearing of review.hearings) {
        if (!within(hearing.heldOn, period.from, period.to)) continue;
        stats.reviewsHeld += 1;
        if (hearing.recommendations.length > 0) stats.reviewsWithRecommendations += 1;
        stats.recommendations += hearing.recommendations.length;
      }
      if (review.appeal && within(review.appeal.appealedOn, period.from, period.to)) stats.appeals += 1;
      if (review.appeal?.decision?.upheld && within(review.appeal.decision.decidedOn, period.from, period.to)) stats.appealsUpheld += 1;
    }
  }
  return stats;
}

export interface RepeatVictim {
  readonly by: 'person' | 'household';
  readonly key: string;
  /** The references of the cases they are a victim on, in the order given. */
  readonly cases: readonly string[];
}

/** Victims on more than one case: the same person, or the same household (DOMAIN.md: the same person or address). */
export function repeatVictims(cases: Iterable<AsbCaseState>): RepeatVictim[] {
  const byPerson = new Map<string, string[]>();
  const byHousehold = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, reference: string) => {
    const references = map.get(key) ?? [];
    if (!references.includes(reference)) map.set(key, [...references, reference]);
  };
  for (const asbCase of openedCases(cases)) {
    for (const victim of asbCase.victims.values()) {
      add(byPerson, victim.personId, asbCase.reference);
      if (victim.householdKey !== undefined) add(byHousehold, victim.householdKey, asbCase.reference);
    }
  }
  const repeats = (by: RepeatVictim['by'], map: Map<string, string[]>) => [...map].filter(([, refs]) => refs.length > 1).map(([key, refs]) => ({ by, key, cases: refs }));
  return [...repeats('person', byPerson), ...repeats('household', byHousehold)];
}
