/**
 * The shared victim risk assessment (seed 004, para 16; DOMAIN.md). One
 * questionnaire for every partner, modelled on the matrix forces took from the
 * Home Office "Focus on the Victim" trials of 2011-12: the incident's harm
 * (persistence, repeats, hate, threats, impact on health and daily life,
 * children, fear of reprisal), the victim's personal vulnerability (illness,
 * disability) and their situational vulnerability (isolation, a stressed
 * neighbourhood). Each "yes" adds its question's weight; the total gives the
 * level by the questionnaire's thresholds.
 *
 * The questionnaire is versioned: an assessment records the version it used,
 * its answers, score and level, so that it reads the same after the questions
 * change. A new version is added to `QUESTIONNAIRES` and made current; old
 * ones stay resolvable by their id for ever.
 */
import { z } from 'zod';
import { agencyIdSchema } from '../shared/actor.js';
import { DomainError } from '../shared/domain-error.js';
import { plainText } from '../shared/values.js';
import { addDays } from './calendar.js';
import type { AsbCaseEvent } from './events.js';

export const victimRiskLevelSchema = z.enum(['standard', 'medium', 'high']);
export type VictimRiskLevel = z.infer<typeof victimRiskLevelSchema>;

const LEVEL_ORDER: readonly VictimRiskLevel[] = ['standard', 'medium', 'high'];

export function isHigherLevel(a: VictimRiskLevel, b: VictimRiskLevel): boolean {
  return LEVEL_ORDER.indexOf(a) > LEVEL_ORDER.indexOf(b);
}

export type RiskFactor = 'harm' | 'personal-vulnerability' | 'situational-vulnerability';

export interface RiskQuestion {
  readonly id: string;
  readonly factor: RiskFactor;
  readonly text: string;
  readonly weight: number;
}

export interface RiskQuestionnaire {
  readonly version: string;
  readonly title: string;
  readonly questions: readonly RiskQuestion[];
  /** The lowest score at each level; below `medium` is standard. */
  readonly thresholds: { readonly medium: number; readonly high: number };
}

const version1: RiskQuestionnaire = {
  version: 'asb-risk-1',
  title: 'ASB victim risk assessment, version 1',
  questions: [
    { id: 'repeat-targeting', factor: 'harm', weight: 3, text: 'Has the victim or their household been targeted more than once?' },
    { id: 'persistent', factor: 'harm', weight: 2, text: 'Has the behaviour gone on for a month or more, or happened at least weekly?' },
    {
      id: 'hate-motivated',
      factor: 'harm',
      weight: 4,
      text: 'Does the victim, or anyone else, believe they are targeted because of who they are: race, religion, disability, sexual orientation, transgender identity or another hostility?',
    },
    { id: 'threats-or-violence', factor: 'harm', weight: 4, text: 'Has the victim or their household been threatened, or has violence been used against them?' },
    { id: 'property-targeted', factor: 'harm', weight: 2, text: 'Has the victim’s home, vehicle or property been damaged or attacked?' },
    { id: 'fear-of-reprisal', factor: 'harm', weight: 3, text: 'Is the victim afraid of reprisal or intimidation for reporting or giving evidence?' },
    { id: 'health-affected', factor: 'harm', weight: 3, text: 'Is the behaviour affecting the victim’s physical or mental health: sleep, anxiety, depression, medication?' },
    { id: 'daily-life-affected', factor: 'harm', weight: 2, text: 'Has the victim changed their daily life because of it: staying in, avoiding places, changing routes?' },
    { id: 'considering-moving', factor: 'harm', weight: 2, text: 'Is the victim thinking of moving home because of it?' },
    { id: 'getting-worse', factor: 'harm', weight: 2, text: 'Does the victim feel the behaviour is getting worse?' },
    { id: 'children-affected', factor: 'harm', weight: 2, text: 'Are there children in the household affected by the behaviour?' },
    { id: 'disability-or-illness', factor: 'personal-vulnerability', weight: 3, text: 'Does the victim have a disability, a long-term illness or a mental health condition?' },
    {
      id: 'other-vulnerability',
      factor: 'personal-vulnerability',
      weight: 2,
      text: 'Is the victim vulnerable in another way: elderly, a child, a learning difficulty, dependent on drugs or alcohol, little English?',
    },
    { id: 'isolated', factor: 'situational-vulnerability', weight: 2, text: 'Does the victim live alone, or lack support from family, friends or neighbours?' },
    { id: 'stressed-neighbourhood', factor: 'situational-vulnerability', weight: 1, text: 'Does the victim live where crime, ASB or community tension is high?' },
    { id: 'earlier-reports-unresolved', factor: 'situational-vulnerability', weight: 1, text: 'Has the victim reported ASB before without feeling it was dealt with?' },
  ],
  thresholds: { medium: 10, high: 18 },
};

const QUESTIONNAIRES: ReadonlyMap<string, RiskQuestionnaire> = new Map([[version1.version, version1]]);

/** The questionnaire new assessments use unless they name another. */
export const currentRiskQuestionnaire: RiskQuestionnaire = version1;

/** Any questionnaire ever in use, by its version id; null for an id never issued. */
export function riskQuestionnaire(version: string): RiskQuestionnaire | null {
  return QUESTIONNAIRES.get(version) ?? null;
}

export function riskQuestionnaireVersions(): readonly string[] {
  return [...QUESTIONNAIRES.keys()];
}

export function levelForScore(questionnaire: RiskQuestionnaire, score: number): VictimRiskLevel {
  if (score >= questionnaire.thresholds.high) return 'high';
  if (score >= questionnaire.thresholds.medium) return 'medium';
  return 'standard';
}

/** Every question answered yes or no. */
export const riskAnswersSchema = z.record(z.string(), z.boolean({ error: 'answer each question true (yes) or false (no)' }));
export type RiskAnswers = z.infer<typeof riskAnswersSchema>;

export const riskAssessmentRuleCodes = ['RISK_QUESTIONNAIRE_UNKNOWN', 'RISK_ANSWERS_INCOMPLETE', 'RISK_ANSWER_TO_UNKNOWN_QUESTION'] as const;

/** The score and level the answers give. Every question of the version must be answered, and nothing else. */
export function scoreRiskAnswers(version: string, answers: RiskAnswers): { readonly score: number; readonly level: VictimRiskLevel } {
  const questionnaire = riskQuestionnaire(version);
  if (!questionnaire) {
    throw new DomainError('RISK_QUESTIONNAIRE_UNKNOWN', `There is no risk questionnaire "${version}": use ${riskQuestionnaireVersions().join(' or ')}.`);
  }
  const known = new Set(questionnaire.questions.map((q) => q.id));
  const unknown = Object.keys(answers).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new DomainError('RISK_ANSWER_TO_UNKNOWN_QUESTION', `${questionnaire.version} has no question ${unknown.map((id) => `"${id}"`).join(', ')}.`);
  }
  const unanswered = questionnaire.questions.filter((q) => answers[q.id] === undefined).map((q) => q.id);
  if (unanswered.length > 0) throw new DomainError('RISK_ANSWERS_INCOMPLETE', `Answer every question of ${questionnaire.version}: ${unanswered.join(', ')} ${unanswered.length === 1 ? 'is' : 'are'} not answered.`);
  const score = questionnaire.questions.reduce((total, q) => total + (answers[q.id] ? q.weight : 0), 0);
  return { score, level: levelForScore(questionnaire, score) };
}

/** A named officer of an agency who keeps in touch with the victim (DOMAIN.md: medium and high risk carry one). */
export const singlePointOfContactSchema = z.object({ name: plainText(120, 'the single point of contact'), agencyId: agencyIdSchema });
export type SinglePointOfContact = z.infer<typeof singlePointOfContactSchema>;

/** Professional judgement may raise the level the score gives, never lower it, and says why. */
export const riskJudgementSchema = z.object({ raiseTo: victimRiskLevelSchema.exclude(['standard']), reason: plainText(2000, 'the reason') });

export interface RiskAssessment {
  readonly questionnaireVersion: string;
  readonly answers: RiskAnswers;
  readonly score: number;
  readonly scoredLevel: VictimRiskLevel;
  readonly level: VictimRiskLevel;
  readonly judgement?: { readonly raiseTo: VictimRiskLevel; readonly reason: string } | undefined;
  readonly assessedOn: string;
  readonly assessor: string;
}

export interface RiskReview {
  readonly reviewer: string;
  readonly reviewedOn: string;
  readonly note: string;
  readonly by: string;
}

/** A victim's risk with its history: every assessment and review in the order recorded. */
export interface VictimRisk {
  readonly assessments: readonly RiskAssessment[];
  readonly reviews: readonly RiskReview[];
  readonly singlePointOfContact: SinglePointOfContact | null;
}

/** The assessment in force: the latest by its day, the later recorded on a tie. */
export function currentAssessment(risk: Pick<VictimRisk, 'assessments'>): RiskAssessment | null {
  let current: RiskAssessment | null = null;
  for (const assessment of risk.assessments) if (!current || assessment.assessedOn >= current.assessedOn) current = assessment;
  return current;
}

/**
 * Who reviews a victim at each level, and how often: the force's (or
 * partnership's) policy, given, never fixed in the decider. A level may have
 * several reviewers on their own clocks (one force: high risk, a sergeant
 * every 14 days, an inspector every 28, a chief inspector every 56).
 */
export interface ReviewCadence {
  readonly medium: readonly CadenceStep[];
  readonly high: readonly CadenceStep[];
}
export interface CadenceStep {
  /** Who reviews: matched with the `reviewer` a review records, e.g. `supervisor`, `sergeant`, `inspector`. */
  readonly reviewer: string;
  readonly everyDays: number;
}

export const reviewCadenceSchema = z.object({
  medium: z.array(z.object({ reviewer: z.string().min(1), everyDays: z.number().int().min(1).max(366) })),
  high: z.array(z.object({ reviewer: z.string().min(1), everyDays: z.number().int().min(1).max(366) })),
});

/** The defaults of issue 5: medium, a supervisor every 28 days; high, a supervisor every 14. */
export const defaultReviewCadence: ReviewCadence = {
  medium: [{ reviewer: 'supervisor', everyDays: 28 }],
  high: [{ reviewer: 'supervisor', everyDays: 14 }],
};

/**
 * When each reviewer's next review falls due, at the current level. A fresh
 * assessment restarts every clock (it is itself a full look at the victim);
 * a review restarts its own reviewer's. Standard risk carries no reviews.
 */
export function riskReviewsDue(risk: VictimRisk, cadence: ReviewCadence = defaultReviewCadence): readonly { readonly reviewer: string; readonly dueOn: string }[] {
  const assessment = currentAssessment(risk);
  if (!assessment || assessment.level === 'standard') return [];
  return cadence[assessment.level].map((step) => {
    let last = assessment.assessedOn;
    for (const review of risk.reviews) if (review.reviewer === step.reviewer && review.reviewedOn > last) last = review.reviewedOn;
    return { reviewer: step.reviewer, dueOn: addDays(last, step.everyDays) };
  });
}

/** The earliest review due, or null when none is (no assessment, or standard risk). */
export function reviewDueOn(risk: VictimRisk, cadence: ReviewCadence = defaultReviewCadence): string | null {
  let earliest: string | null = null;
  for (const { dueOn } of riskReviewsDue(risk, cadence)) if (earliest === null || dueOn < earliest) earliest = dueOn;
  return earliest;
}

/** A review is overdue on `day` once its due day has passed without it. */
export function isRiskReviewOverdue(risk: VictimRisk, day: string, cadence: ReviewCadence = defaultReviewCadence): boolean {
  const due = reviewDueOn(risk, cadence);
  return due !== null && day > due;
}

export const personFlagSchema = z.enum(['vulnerable', 'intimidated']);
export type PersonFlag = z.infer<typeof personFlagSchema>;

export interface VictimAlert {
  readonly personId: string;
  readonly role: 'victim' | 'witness';
  readonly reason: 'assessed-high' | 'vulnerable' | 'intimidated';
  readonly on: string;
}

/**
 * Whether an event raises an alert to every partner on the case at once
 * (seed 004, para 16): a victim assessed high, or a victim or witness flagged
 * vulnerable or intimidated. Every high assessment alerts, a reassessment
 * too: partners learn the risk is still high, and when.
 */
export function alertRaisedBy(event: AsbCaseEvent): VictimAlert | null {
  if (event.type === 'VictimRiskAssessed' && event.level === 'high') return { personId: event.personId, role: 'victim', reason: 'assessed-high', on: event.assessedOn };
  if (event.type === 'PersonFlagged') return { personId: event.personId, role: event.role, reason: event.flag, on: event.flaggedOn };
  return null;
}
