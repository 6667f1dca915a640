/**
 * MoPI retention reviews of a closed plan (domain/shared/retention.ts): by a
 * supervisor or coordinator, only once closed, not before the closing day,
 * not in the future, and nothing after a decision to dispose.
 */
import { describe, expect, it } from 'vitest';
import { planDecider, planRuleCodes } from '../../../src/domain/plan/decider.js';
import type { PlanEvent } from '../../../src/domain/plan/events.js';
import type { OpenedPlan } from '../../../src/domain/plan/state.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { mopiReviewDueOf, retentionRuleCodes } from '../../../src/domain/shared/retention.js';
import { givenWhenThen } from '../../support/given-when-then.js';
import { grace, history, now, olivia, rachel, sarah } from './history.js';

const given = givenWhenThen(planDecider);
const opened = (events: PlanEvent[]) => fold(planDecider, events) as OpenedPlan & { opened: true };
const rules = { firstReviewYears: 6 };

const retain = { type: 'RecordRetentionReview' as const, reviewedOn: '2026-11-22', decision: 'retain' as const, reason: 'Repeat bonfire disorder expected: keep for comparison.', nextReviewOn: '2030-11-22' };
const dispose = { type: 'RecordRetentionReview' as const, reviewedOn: '2026-11-22', decision: 'dispose' as const, reason: 'No further policing purpose.' };
const reviewer = { userId: 'rachel.okafor', agencyId: 'police', name: 'Insp. Rachel Okafor' };
const retained: PlanEvent = { type: 'RetentionReviewRecorded', reviewedOn: '2026-11-22', decision: 'retain', reason: retain.reason, nextReviewOn: '2030-11-22', reviewer };
const disposed: PlanEvent = { type: 'RetentionReviewRecorded', reviewedOn: '2026-11-22', decision: 'dispose', reason: dispose.reason, reviewer };

describe('a MoPI retention review of a plan', () => {
  it('is recorded by a supervisor on a closed plan, with the reviewer', () => {
    given(history.closed).when(retain, rachel, now).then([retained]);
    given(history.closed)
      .when(dispose, sarah, now)
      .then([{ ...disposed, reviewer: { userId: 'sarah.khan', agencyId: 'police', name: 'PS Sarah Khan' } }]);
  });

  it('falls due six years after the closing day, then on the next review a retain set, and never after dispose', () => {
    expect(mopiReviewDueOf(opened(history.signed), rules)).toBeNull();
    expect(mopiReviewDueOf(opened(history.closed), rules)).toBe('2032-11-20');
    expect(mopiReviewDueOf(opened([...history.closed, retained]), rules)).toBe('2030-11-22');
    expect(mopiReviewDueOf(opened([...history.closed, disposed]), rules)).toBeNull();
    const { type: _type, ...kept } = retained;
    expect(opened([...history.closed, retained]).retentionReviews).toEqual([{ ...kept, closedOn: '2026-11-20', closing: 0 }]);
  });

  it('keeps a reopened plan’s reviews in its history, and counts the due date from its latest closing', () => {
    const reopenedAndClosed: PlanEvent[] = [
      ...history.closed,
      disposed,
      { type: 'PlanReopened', reason: 'Fireworks again', reopenedOn: '2026-11-22', resumeAt: 'assessment' },
      { type: 'PlanClosed', closedOn: '2026-11-23', justification: 'Quiet again.' },
    ];
    const plan = opened(reopenedAndClosed);
    expect(plan.retentionReviews).toHaveLength(1);
    expect(mopiReviewDueOf(plan, rules)).toBe('2032-11-23');
    // The disposal was of the earlier closing: the plan closed again is reviewed afresh.
    given(reopenedAndClosed).when({ ...retain, reviewedOn: '2026-11-23' }, rachel, now).then([{ ...retained, reviewedOn: '2026-11-23' }]);
  });

  it('is refused to a partner (RETENTION_REVIEW_NEEDS_SUPERVISOR) and to an auditor', () => {
    given(history.closed).when(retain, grace, now).thenViolates('RETENTION_REVIEW_NEEDS_SUPERVISOR');
    given(history.closed).when(retain, olivia, now).thenViolates('FORBIDDEN');
  });

  it('is refused on an open plan (RETENTION_RECORD_OPEN)', () => {
    given(history.signed).when(retain, rachel, now).thenViolates('RETENTION_RECORD_OPEN');
  });

  it('is refused before the closing day (RETENTION_REVIEW_BEFORE_CLOSE) and in the future (DATE_IN_FUTURE)', () => {
    given(history.closed).when({ ...retain, reviewedOn: '2026-11-19' }, rachel, now).thenViolates('RETENTION_REVIEW_BEFORE_CLOSE');
    given(history.closed).when({ ...retain, reviewedOn: '2026-11-30', nextReviewOn: '2030-11-30' }, rachel, now).thenViolates('DATE_IN_FUTURE');
  });

  it('takes nothing more after a decision to dispose (RETENTION_DISPOSED)', () => {
    given([...history.closed, disposed]).when(retain, rachel, now).thenViolates('RETENTION_DISPOSED');
    given([...history.closed, disposed]).when(dispose, rachel, now).thenViolates('RETENTION_DISPOSED');
  });

  it('lists its codes among the plan’s', () => {
    for (const code of retentionRuleCodes) expect(planRuleCodes).toContain(code);
  });
});
