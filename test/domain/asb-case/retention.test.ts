/**
 * MoPI retention reviews of a closed ASB case: the same rules as a plan's
 * (domain/shared/retention.ts), by a supervisor or coordinator of any agency.
 */
import { describe, expect, it } from 'vitest';
import { asbCaseDecider, asbCaseRuleCodes } from '../../../src/domain/asb-case/decider.js';
import type { AsbCaseEvent } from '../../../src/domain/asb-case/events.js';
import { type OpenedAsbCase, retentionRecordOf } from '../../../src/domain/asb-case/state.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { mopiReviewDueOf, retentionRuleCodes } from '../../../src/domain/shared/retention.js';
import { givenWhenThen } from '../../support/given-when-then.js';
import { history, megan, now, olivia, rachel, sarah } from './history.js';

const given = givenWhenThen(asbCaseDecider);
const asbCase = (events: AsbCaseEvent[]) => fold(asbCaseDecider, events) as OpenedAsbCase & { opened: true };
const rules = { firstReviewYears: 6 };

const closing: AsbCaseEvent = { type: 'AsbCaseClosed', closedOn: '2026-11-18', outcome: 'resolved', summary: 'Quiet since the contract.', victimSatisfaction: [] };
const closed: AsbCaseEvent[] = [...history.withPolice, closing];
const retain = { type: 'RecordRetentionReview' as const, reviewedOn: '2026-11-19', decision: 'retain' as const, reason: 'The family may be targeted again.', nextReviewOn: '2029-11-19' };
const dispose = { type: 'RecordRetentionReview' as const, reviewedOn: '2026-11-19', decision: 'dispose' as const, reason: 'No further purpose.' };
const reviewer = { userId: 'rachel.okafor', agencyId: 'police', name: 'Insp. Rachel Okafor' };
const retained: AsbCaseEvent = { ...retain, type: 'RetentionReviewRecorded', reviewer };
const disposed: AsbCaseEvent = { ...dispose, type: 'RetentionReviewRecorded', reviewer };
/** A supervisor of an agency not on the case: supervisors review across the partnership. */
const housingSupervisor: Actor = { userId: 'ben.cole', agencyId: 'housing', roles: ['supervisor'], displayName: 'Ben Cole' };

describe('a MoPI retention review of an ASB case', () => {
  it('is recorded by a supervisor or coordinator, of any agency, on a closed case', () => {
    given(closed).when(retain, rachel, now).then([retained]);
    given(closed).when(dispose, sarah, now).then([{ ...disposed, reviewer: { userId: 'sarah.khan', agencyId: 'police', name: 'PS Sarah Khan' } }]);
    given(closed).when(retain, housingSupervisor, now).then([{ ...retained, reviewer: { userId: 'ben.cole', agencyId: 'housing', name: 'Ben Cole' } }]);
  });

  it('falls due six years after the latest closing, then on the next review a retain set, and never after dispose', () => {
    expect(mopiReviewDueOf(retentionRecordOf(asbCase(history.withPolice)), rules)).toBeNull();
    expect(mopiReviewDueOf(retentionRecordOf(asbCase(closed)), rules)).toBe('2032-11-18');
    expect(mopiReviewDueOf(retentionRecordOf(asbCase([...closed, retained])), rules)).toBe('2029-11-19');
    expect(mopiReviewDueOf(retentionRecordOf(asbCase([...closed, disposed])), rules)).toBeNull();
    const reopened = asbCase([...closed, retained, { type: 'AsbCaseReopened', reason: 'Stones again', reopenedOn: '2026-11-19' }, { ...closing, closedOn: '2026-11-20' }]);
    expect(reopened.retentionReviews).toHaveLength(1);
    expect(mopiReviewDueOf(retentionRecordOf(reopened), rules)).toBe('2032-11-20');
  });

  it('is refused to a partner, even the owner (RETENTION_REVIEW_NEEDS_SUPERVISOR), and to an auditor', () => {
    given(closed).when(retain, megan, now).thenViolates('RETENTION_REVIEW_NEEDS_SUPERVISOR');
    given(closed).when(retain, olivia, now).thenViolates('FORBIDDEN');
  });

  it('is refused on an open case (RETENTION_RECORD_OPEN), a reopened one included', () => {
    given(history.withPolice).when(retain, rachel, now).thenViolates('RETENTION_RECORD_OPEN');
    given([...closed, { type: 'AsbCaseReopened', reason: 'Stones again', reopenedOn: '2026-11-19' }]).when(retain, rachel, now).thenViolates('RETENTION_RECORD_OPEN');
  });

  it('is refused before the closing day (RETENTION_REVIEW_BEFORE_CLOSE) and in the future (DATE_IN_FUTURE)', () => {
    given(closed).when({ ...retain, reviewedOn: '2026-11-17' }, rachel, now).thenViolates('RETENTION_REVIEW_BEFORE_CLOSE');
    given(closed).when({ ...retain, reviewedOn: '2026-11-25', nextReviewOn: '2029-11-25' }, rachel, now).thenViolates('DATE_IN_FUTURE');
  });

  it('takes nothing more after a decision to dispose (RETENTION_DISPOSED)', () => {
    given([...closed, disposed]).when(retain, rachel, now).thenViolates('RETENTION_DISPOSED');
  });

  it('lists its codes among the case’s', () => {
    for (const code of retentionRuleCodes) expect(asbCaseRuleCodes).toContain(code);
  });
});
