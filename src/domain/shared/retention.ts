/**
 * MoPI retention review (DOMAIN.md): police information is held at least six
 * years after the record closes, then reviewed, and every decision to retain
 * is recorded with its reason and the next review. Plans and ASB cases keep
 * the same rules, so both deciders call `decideRetentionReview`.
 *
 * The review date is not stored: it is worked out from the record's latest
 * closing, the partnership's `firstReviewYears` and the reviews of that
 * closing (`mopiReviewDue`). A `dispose` decision marks the record for
 * disposal; disposing of it (erasure) is not done here.
 */
import { z } from 'zod';
import { type Actor, agencyIdSchema, hasRole } from './actor.js';
import { refuseFutureDay } from './dates.js';
import { DomainError } from './domain-error.js';
import { calendarDate, plainText } from './values.js';

/** The stable codes of the retention rules, shared by plans and cases. */
export const retentionRuleCodes = ['RETENTION_RECORD_OPEN', 'RETENTION_REVIEW_NEEDS_SUPERVISOR', 'RETENTION_REVIEW_BEFORE_CLOSE', 'RETENTION_DISPOSED'] as const;
export type RetentionRuleCode = (typeof retentionRuleCodes)[number];

/** The partnership's setting for one kind of record: how many years after closing the first review falls due. */
export interface RetentionRules {
  readonly firstReviewYears: number;
}

export const retentionRulesSchema = z.strictObject({ firstReviewYears: z.number().int().min(1, 'at least 1 year').max(100, 'at most 100 years') });

/** A retained record is reviewed again at most this many years on. */
export const MAX_YEARS_TO_NEXT_REVIEW = 10;

export const retentionDecisionSchema = z.enum(['retain', 'dispose']);
export type RetentionDecision = z.infer<typeof retentionDecisionSchema>;

/** The fields of the command on a plan and on a case; `type` is each decider's own. */
export const retentionReviewFields = {
  reviewedOn: calendarDate,
  decision: retentionDecisionSchema,
  reason: plainText(4000, 'the reason'),
  nextReviewOn: calendarDate.optional(),
};

/** Retain names the next review, after this one and at most ten years on; dispose names none. */
export function checkRetentionReviewShape(command: { readonly reviewedOn: string; readonly decision: RetentionDecision; readonly nextReviewOn?: string | undefined }, ctx: z.RefinementCtx): void {
  if (command.decision === 'dispose') {
    if (command.nextReviewOn !== undefined) ctx.addIssue({ code: 'custom', path: ['nextReviewOn'], message: 'a record marked for disposal has no next review: leave nextReviewOn out' });
    return;
  }
  if (command.nextReviewOn === undefined) {
    ctx.addIssue({ code: 'custom', path: ['nextReviewOn'], message: 'a decision to retain names the next review' });
    return;
  }
  if (command.nextReviewOn <= command.reviewedOn) {
    ctx.addIssue({ code: 'custom', path: ['nextReviewOn'], message: 'the next review comes after this one' });
  } else if (command.nextReviewOn > addYears(command.reviewedOn, MAX_YEARS_TO_NEXT_REVIEW)) {
    ctx.addIssue({ code: 'custom', path: ['nextReviewOn'], message: `the next review is at most ${MAX_YEARS_TO_NEXT_REVIEW} years after this one` });
  }
}

export const reviewerSchema = z.object({ userId: z.string(), agencyId: agencyIdSchema, name: z.string() });

/** The event's fields (plans and cases name it `RetentionReviewRecorded`). */
export const retentionReviewRecordedFields = {
  reviewedOn: calendarDate,
  decision: retentionDecisionSchema,
  reason: z.string(),
  nextReviewOn: calendarDate.optional(),
  reviewer: reviewerSchema,
};

/** One review as the record keeps it, with the closing it reviewed. */
export interface RetentionReview {
  readonly reviewedOn: string;
  readonly decision: RetentionDecision;
  readonly reason: string;
  readonly nextReviewOn?: string | undefined;
  readonly reviewer: { readonly userId: string; readonly agencyId: string; readonly name: string };
  /** The closing reviewed: its day, and its number (0 the first, 1 after the first reopening...). */
  readonly closedOn: string;
  readonly closing: number;
}

/** What the rules need of a plan or a case. */
export interface RetentionRecord {
  readonly reference: string;
  /** The latest closing's day; null while the record is open. */
  readonly closedOn: string | null;
  /** How many times it was reopened: the number of the latest closing. */
  readonly reopenings: readonly unknown[];
  /** Every review, oldest first, those of earlier closings included. */
  readonly retentionReviews: readonly RetentionReview[];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The same calendar day `years` later; 29 February becomes 28 February in a year that has none. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const date = m === 2 && d === 29 && !isLeapYear(year) ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** The reviews of the record's latest closing, oldest first: a reopened record is reviewed afresh once it closes again. */
export function reviewsOfLatestClosing(record: RetentionRecord): RetentionReview[] {
  if (record.closedOn === null) return [];
  const closing = record.reopenings.length;
  return record.retentionReviews.filter((r) => r.closing === closing);
}

/**
 * When the record's MoPI review falls due: `firstReviewYears` after the
 * closing day, or after a decision to retain its next review; none while open
 * or once marked for disposal. `reviews` are those of this closing.
 */
export function mopiReviewDue(closedOn: string | null, reviews: readonly Pick<RetentionReview, 'decision' | 'nextReviewOn'>[], rules: RetentionRules): string | null {
  if (closedOn === null) return null;
  const last = reviews.at(-1);
  if (!last) return addYears(closedOn, rules.firstReviewYears);
  return last.decision === 'retain' ? (last.nextReviewOn ?? null) : null;
}

/** The record's review date, worked out from its own state. */
export function mopiReviewDueOf(record: RetentionRecord, rules: RetentionRules): string | null {
  return mopiReviewDue(record.closedOn, reviewsOfLatestClosing(record), rules);
}

export interface RetentionReviewCommand {
  readonly reviewedOn: string;
  readonly decision: RetentionDecision;
  readonly reason: string;
  readonly nextReviewOn?: string | undefined;
}

/** The event's payload (without its type) for a review of a closed plan or case, or the broken rule. */
export function decideRetentionReview(command: RetentionReviewCommand, record: RetentionRecord, actor: Actor, now: Date) {
  if (!hasRole(actor, 'supervisor') && !hasRole(actor, 'coordinator')) {
    throw new DomainError('RETENTION_REVIEW_NEEDS_SUPERVISOR', 'A MoPI retention review is recorded by a supervisor or a coordinator.');
  }
  if (record.closedOn === null) throw new DomainError('RETENTION_RECORD_OPEN', `${record.reference} is open: a record is reviewed for retention once it is closed.`);
  const disposal = reviewsOfLatestClosing(record).find((r) => r.decision === 'dispose');
  if (disposal) throw new DomainError('RETENTION_DISPOSED', `${record.reference} was marked for disposal on ${disposal.reviewedOn}: it is not reviewed again.`);
  if (command.reviewedOn < record.closedOn) {
    throw new DomainError('RETENTION_REVIEW_BEFORE_CLOSE', `The review (${command.reviewedOn}) comes before ${record.reference} closed (${record.closedOn}).`);
  }
  refuseFutureDay(command.reviewedOn, 'The retention review', now);
  return {
    reviewedOn: command.reviewedOn,
    decision: command.decision,
    reason: command.reason,
    ...(command.decision === 'retain' && command.nextReviewOn !== undefined ? { nextReviewOn: command.nextReviewOn } : {}),
    reviewer: { userId: actor.userId, agencyId: actor.agencyId, name: actor.displayName ?? actor.userId },
  };
}

/** The review as the record keeps it once recorded: against the closing it reviewed. */
export function retentionReviewKept(event: RetentionReviewCommand & { readonly reviewer: RetentionReview['reviewer'] }, record: Pick<RetentionRecord, 'closedOn' | 'reopenings'>): RetentionReview | null {
  if (record.closedOn === null) return null;
  return {
    reviewedOn: event.reviewedOn,
    decision: event.decision,
    reason: event.reason,
    ...(event.nextReviewOn !== undefined ? { nextReviewOn: event.nextReviewOn } : {}),
    reviewer: event.reviewer,
    closedOn: record.closedOn,
    closing: record.reopenings.length,
  };
}
