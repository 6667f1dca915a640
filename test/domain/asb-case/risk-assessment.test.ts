import { describe, expect, it } from 'vitest';
import { asbCaseCommandSchema } from '../../../src/domain/asb-case/commands.js';
import { asbCaseDecider } from '../../../src/domain/asb-case/decider.js';
import type { AsbCaseEvent } from '../../../src/domain/asb-case/events.js';
import {
  alertRaisedBy,
  currentAssessment,
  currentRiskQuestionnaire,
  defaultReviewCadence,
  isRiskReviewOverdue,
  levelForScore,
  type ReviewCadence,
  reviewDueOn,
  riskQuestionnaire,
  riskQuestionnaireVersions,
  riskReviewsDue,
  scoreRiskAnswers,
  type VictimRisk,
} from '../../../src/domain/asb-case/risk-assessment.js';
import type { OpenedAsbCase } from '../../../src/domain/asb-case/state.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { givenWhenThen } from '../../support/given-when-then.js';
import { by, doreenAnswers, history, james, megan, now, person, rachel, sarah } from './history.js';

const given = givenWhenThen(asbCaseDecider);
const asbCase = (events: readonly AsbCaseEvent[]) => fold(asbCaseDecider, events) as OpenedAsbCase & { opened: true };
const allNo = Object.fromEntries(currentRiskQuestionnaire.questions.map((q) => [q.id, false]));

function thrown(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('the questionnaire', () => {
  it('is versioned, and the current version is resolvable by its id', () => {
    expect(currentRiskQuestionnaire.version).toBe('asb-risk-1');
    expect(riskQuestionnaire('asb-risk-1')).toBe(currentRiskQuestionnaire);
    expect(riskQuestionnaireVersions()).toContain('asb-risk-1');
    expect(riskQuestionnaire('asb-risk-0')).toBeNull();
  });

  it('asks sixteen weighted questions on the three factors of the Focus on the Victim matrix', () => {
    const q = currentRiskQuestionnaire.questions;
    expect(q).toHaveLength(16);
    expect(new Set(q.map((x) => x.id)).size).toBe(16);
    expect(q.map((x) => [x.id, x.weight])).toEqual([
      ['repeat-targeting', 3],
      ['persistent', 2],
      ['hate-motivated', 4],
      ['threats-or-violence', 4],
      ['property-targeted', 2],
      ['fear-of-reprisal', 3],
      ['health-affected', 3],
      ['daily-life-affected', 2],
      ['considering-moving', 2],
      ['getting-worse', 2],
      ['children-affected', 2],
      ['disability-or-illness', 3],
      ['other-vulnerability', 2],
      ['isolated', 2],
      ['stressed-neighbourhood', 1],
      ['earlier-reports-unresolved', 1],
    ]);
    expect(new Set(q.map((x) => x.factor))).toEqual(new Set(['harm', 'personal-vulnerability', 'situational-vulnerability']));
    expect(q.reduce((sum, x) => sum + x.weight, 0)).toBe(38);
  });

  it('gives standard below 10, medium from 10, high from 18', () => {
    expect(currentRiskQuestionnaire.thresholds).toEqual({ medium: 10, high: 18 });
    expect([0, 9, 10, 17, 18, 38].map((score) => levelForScore(currentRiskQuestionnaire, score))).toEqual(['standard', 'standard', 'medium', 'medium', 'high', 'high']);
  });
});

describe('scoring answers', () => {
  it('adds the weight of each yes', () => {
    expect(scoreRiskAnswers('asb-risk-1', doreenAnswers)).toEqual({ score: 21, level: 'high' });
    expect(scoreRiskAnswers('asb-risk-1', allNo)).toEqual({ score: 0, level: 'standard' });
    expect(scoreRiskAnswers('asb-risk-1', { ...allNo, 'hate-motivated': true, 'threats-or-violence': true, 'fear-of-reprisal': true })).toEqual({ score: 11, level: 'medium' });
  });

  it('needs every question answered, and nothing else', () => {
    const { isolated: _isolated, 'getting-worse': _worse, ...incomplete } = doreenAnswers;
    const error = thrown(() => scoreRiskAnswers('asb-risk-1', incomplete));
    expect([error.code, error.message]).toEqual(['RISK_ANSWERS_INCOMPLETE', 'Answer every question of asb-risk-1: getting-worse, isolated are not answered.']);
    expect(thrown(() => scoreRiskAnswers('asb-risk-1', { ...doreenAnswers, 'owns-a-dog': true })).code).toBe('RISK_ANSWER_TO_UNKNOWN_QUESTION');
    expect(thrown(() => scoreRiskAnswers('asb-risk-9', doreenAnswers)).message).toBe('There is no risk questionnaire "asb-risk-9": use asb-risk-1.');
  });
});

describe('assessing a victim', () => {
  const assess = { type: 'AssessVictimRisk' as const, personId: person.doreen, questionnaireVersion: 'asb-risk-1', answers: doreenAnswers, assessedOn: '2026-11-19' };

  it('records the version used, the answers, the score, the level and who assessed', () => {
    given(history.withIncidents)
      .when({ ...assess, singlePointOfContact: { name: 'PCSO James Whitaker', agencyId: 'police' } }, james, now)
      .then([
        {
          type: 'VictimRiskAssessed',
          personId: person.doreen,
          questionnaireVersion: 'asb-risk-1',
          answers: doreenAnswers,
          score: 21,
          scoredLevel: 'high',
          level: 'high',
          assessedOn: '2026-11-19',
          assessor: by.james,
          singlePointOfContact: { name: 'PCSO James Whitaker', agencyId: 'police' },
        },
      ]);
  });

  it('produced the history’s two assessments', () => {
    const first = history.assessed.at(-2)! as Extract<AsbCaseEvent, { type: 'VictimRiskAssessed' }>;
    const second = history.assessed.at(-1)! as Extract<AsbCaseEvent, { type: 'VictimRiskAssessed' }>;
    given(history.withIncidents)
      .when({ ...assess, answers: first.answers, assessedOn: '2026-09-11', singlePointOfContact: { name: 'Megan Lloyd', agencyId: 'council' } }, megan, now)
      .then([first]);
    given(history.assessed.slice(0, -1)).when({ ...assess, assessedOn: '2026-09-22' }, megan, now).then([second]);
  });

  it('uses the current questionnaire unless the command names another', () => {
    const { questionnaireVersion: _v, ...unversioned } = assess;
    const parsed = asbCaseCommandSchema.parse(unversioned);
    expect(parsed).toMatchObject({ questionnaireVersion: 'asb-risk-1' });
    given(history.withIncidents).when({ ...assess, questionnaireVersion: 'asb-risk-0' }, megan, now).thenViolates('RISK_QUESTIONNAIRE_UNKNOWN');
  });

  it('keeps every assessment: a reassessment adds to the history, the latest is in force', () => {
    const risk = asbCase(history.assessed).victims.get(person.doreen)!.risk;
    expect(risk.assessments.map((a) => [a.assessedOn, a.score, a.level, a.assessor])).toEqual([
      ['2026-09-11', 14, 'medium', 'Megan Lloyd'],
      ['2026-09-22', 21, 'high', 'Megan Lloyd'],
    ]);
    expect(currentAssessment(risk)?.assessedOn).toBe('2026-09-22');
    expect(risk.singlePointOfContact).toEqual({ name: 'Megan Lloyd', agencyId: 'council' });
  });

  it('lets professional judgement raise the level, with a reason, never lower it', () => {
    const judged = { ...assess, answers: { ...allNo, 'threats-or-violence': true, 'hate-motivated': true }, judgement: { raiseTo: 'high' as const, reason: 'Threats to burn the house down, repeated to a neighbour.' } };
    const [event] = asbCaseDecider.decide(judged, asbCase(history.withIncidents), { actor: megan, now });
    expect(event).toMatchObject({ score: 8, scoredLevel: 'standard', level: 'high', judgement: judged.judgement });
    given(history.withIncidents).when({ ...assess, judgement: { raiseTo: 'high', reason: 'x' } }, megan, now).thenViolates('RISK_JUDGEMENT_NOT_HIGHER', 'The answers score 21, high risk');
    expect(asbCaseCommandSchema.safeParse({ ...assess, judgement: { raiseTo: 'standard', reason: 'x' } }).error!.issues.map((i) => i.path.join('.'))).toEqual(['judgement.raiseTo']);
  });

  it('is a victim’s, and of a day that has come', () => {
    given(history.withIncidents).when({ ...assess, personId: person.imran }, megan, now).thenViolates('VICTIM_NOT_FOUND');
    given(history.withIncidents).when({ ...assess, assessedOn: '2026-11-22' }, megan, now).thenViolates('DATE_IN_FUTURE', 'The assessment (2026-11-22)');
  });

  it('names an answer that is not yes or no', () => {
    expect(asbCaseCommandSchema.safeParse({ ...assess, answers: { ...doreenAnswers, isolated: 'sometimes' } }).error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['answers.isolated', 'answer each question true (yes) or false (no)'],
    ]);
  });
});

describe('reviewing a victim’s risk', () => {
  const review = { type: 'ReviewVictimRisk' as const, personId: person.doreen, reviewer: 'supervisor', reviewedOn: '2026-10-05', note: 'Letterbox guard fitted; CPW given; still high.' };

  it('is done by a supervisor, and recorded with who did it', () => {
    given(history.assessed).when(review, rachel, now).then([{ type: 'VictimRiskReviewed', personId: person.doreen, reviewer: 'supervisor', reviewedOn: '2026-10-05', note: review.note, by: by.rachel }]);
    given(history.assessed).when(review, sarah, now).thenViolates('RISK_REVIEW_NEEDS_SUPERVISOR');
  });

  it('needs an assessment to review', () => {
    given(history.withIncidents).when(review, rachel, now).thenViolates('RISK_NOT_ASSESSED');
    given(history.withIncidents).when({ ...review, personId: person.kyle }, rachel, now).thenViolates('VICTIM_NOT_FOUND');
  });
});

describe('review cadence', () => {
  const risk = (assessments: [string, 'standard' | 'medium' | 'high'][], reviews: [string, string][] = []): VictimRisk => ({
    assessments: assessments.map(([assessedOn, level]) => ({ questionnaireVersion: 'asb-risk-1', answers: {}, score: 0, scoredLevel: level, level, assessedOn, assessor: 'x' })),
    reviews: reviews.map(([reviewer, reviewedOn]) => ({ reviewer, reviewedOn, note: '', by: 'x' })),
    singlePointOfContact: null,
  });

  it('by default: medium, a supervisor every 28 days; high, every 14; standard, none', () => {
    expect(defaultReviewCadence).toEqual({ medium: [{ reviewer: 'supervisor', everyDays: 28 }], high: [{ reviewer: 'supervisor', everyDays: 14 }] });
    expect(reviewDueOn(risk([['2026-09-11', 'medium']]))).toBe('2026-10-09');
    expect(reviewDueOn(risk([['2026-09-22', 'high']]))).toBe('2026-10-06');
    expect(reviewDueOn(risk([['2026-09-22', 'standard']]))).toBeNull();
    expect(reviewDueOn(risk([]))).toBeNull();
  });

  it('restarts with a review, and with a reassessment', () => {
    expect(reviewDueOn(risk([['2026-09-22', 'high']], [['supervisor', '2026-10-05']]))).toBe('2026-10-19');
    expect(reviewDueOn(risk([['2026-09-22', 'high'], ['2026-10-10', 'medium']], [['supervisor', '2026-10-05']]))).toBe('2026-11-07');
    expect(reviewDueOn(asbCase(history.assessed).victims.get(person.doreen)!.risk)).toBe('2026-10-06');
  });

  it('is overdue the day after it falls due, not on the day', () => {
    const high = risk([['2026-09-22', 'high']]);
    expect(isRiskReviewOverdue(high, '2026-10-06')).toBe(false);
    expect(isRiskReviewOverdue(high, '2026-10-07')).toBe(true);
    expect(isRiskReviewOverdue(risk([['2026-09-22', 'standard']]), '2027-01-01')).toBe(false);
  });

  it('follows a force’s own cadence, each reviewer on their own clock', () => {
    // DOMAIN.md: medium, sergeant 28 and inspector 56; high, sergeant 14, inspector 28, chief inspector 56.
    const force: ReviewCadence = {
      medium: [{ reviewer: 'sergeant', everyDays: 28 }, { reviewer: 'inspector', everyDays: 56 }],
      high: [{ reviewer: 'sergeant', everyDays: 14 }, { reviewer: 'inspector', everyDays: 28 }, { reviewer: 'chief-inspector', everyDays: 56 }],
    };
    const high = risk([['2026-09-01', 'high']], [['sergeant', '2026-09-14'], ['sergeant', '2026-09-28']]);
    expect(riskReviewsDue(high, force)).toEqual([
      { reviewer: 'sergeant', dueOn: '2026-10-12' },
      { reviewer: 'inspector', dueOn: '2026-09-29' },
      { reviewer: 'chief-inspector', dueOn: '2026-10-27' },
    ]);
    expect(reviewDueOn(high, force)).toBe('2026-09-29');
    expect(isRiskReviewOverdue(high, '2026-09-30', force)).toBe(true);
  });
});

describe('alerts', () => {
  it('are raised by a high assessment, and by a victim or witness flagged vulnerable or intimidated', () => {
    const [medium, high] = history.assessed.slice(-2);
    expect(alertRaisedBy(medium!)).toBeNull();
    expect(alertRaisedBy(high!)).toEqual({ personId: person.doreen, role: 'victim', reason: 'assessed-high', on: '2026-09-22' });
    expect(alertRaisedBy({ type: 'PersonFlagged', personId: person.doreen, role: 'victim', flag: 'vulnerable', reason: 'Aged 78', flaggedOn: '2026-09-11' })).toEqual({
      personId: person.doreen,
      role: 'victim',
      reason: 'vulnerable',
      on: '2026-09-11',
    });
    expect(alertRaisedBy({ type: 'PersonFlagged', personId: person.imran, role: 'witness', flag: 'intimidated', reason: 'Followed home', flaggedOn: '2026-10-05' })).toMatchObject({ role: 'witness', reason: 'intimidated' });
  });

  it('are raised by a level raised to high on judgement, and by nothing else', () => {
    const judged = { ...(history.assessed.at(-2) as Extract<AsbCaseEvent, { type: 'VictimRiskAssessed' }>), level: 'high' as const, judgement: { raiseTo: 'high' as const, reason: 'Threats' } };
    expect(alertRaisedBy(judged)).toMatchObject({ reason: 'assessed-high' });
    for (const event of history.intervened.filter((e) => e.type !== 'VictimRiskAssessed')) expect(alertRaisedBy(event), event.type).toBeNull();
  });

  it('come with a victim recorded with her flags', () => {
    const events = asbCaseDecider.decide(
      { type: 'RecordVictim', personId: '6bd27384-95a6-4b07-81c8-d2e93fa4b5c6', details: { name: 'Alan Price' }, recordedOn: '2026-11-01', flags: [{ flag: 'intimidated', reason: 'Threatened if he gives evidence' }] },
      asbCase(history.withIncidents),
      { actor: megan, now },
    );
    expect(events.map(alertRaisedBy)).toEqual([null, { personId: '6bd27384-95a6-4b07-81c8-d2e93fa4b5c6', role: 'victim', reason: 'intimidated', on: '2026-11-01' }]);
  });
});
