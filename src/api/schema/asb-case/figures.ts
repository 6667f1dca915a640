/**
 * The figures over ASB cases that the law and the briefing ask for: case
 * review statistics, enforcement counts, intervention effectiveness and
 * repeat victims. Each is the domain's own pure function over the cases the
 * caller may see.
 */
import { GraphQLError } from 'graphql';
import type { AsbCaseState } from '../../../domain/asb-case/state.js';
import {
  type CaseReviewStatistics,
  caseReviewStatistics,
  type Effectiveness,
  type EffectivenessStep,
  type EnforcementCount,
  enforcementCounts,
  interventionEffectiveness,
  type Period,
  type RepeatVictim,
  repeatVictims,
} from '../../../domain/asb-case/figures.js';
import { type AsbCaseView, findCases } from '../../../projections/asb-cases.js';
import { type GraphQLContext, todayOf } from '../../context.js';
import { builder } from '../builder.js';
import { AsbCaseRef, detailsFieldsOf, InterventionKindEnum, PersonalDetailsType, releasePersonalData } from './case-type.js';

const statesOf = (views: Iterable<AsbCaseView>): AsbCaseState[] => [...views].map((view) => ({ opened: true as const, ...view.asbCase }));

function refuse(path: string, message: string): never {
  throw new GraphQLError(`${path}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ path, message }] } });
}

const DatePeriodInput = builder.inputType('DatePeriod', {
  description: 'A period of whole days, both ends included.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true, description: 'The first day.' }),
    to: t.field({ type: 'Date', required: true, description: 'The last day, on or after `from`.' }),
  }),
});

const CaseReviewStatisticsType = builder.objectRef<CaseReviewStatistics & { from: string; to: string }>('CaseReviewStatistics').implement({
  description:
    'What the relevant bodies must publish of ASB case reviews (2014 Act, s.104): applications, thresholds met and not, reviews held and their recommendations. Each is counted on the day it happened, inside the period.',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'The first day counted.', resolve: (s) => s.from }),
    to: t.field({ type: 'Date', description: 'The last day counted.', resolve: (s) => s.to }),
    applications: t.exposeInt('applications', { description: 'Applications made.' }),
    thresholdMet: t.exposeInt('thresholdMet', { description: 'Threshold decisions made that it was met.' }),
    thresholdNotMet: t.exposeInt('thresholdNotMet', { description: 'Threshold decisions made that it was not met.' }),
    reviewsHeld: t.exposeInt('reviewsHeld', { description: 'Review meetings held.' }),
    reviewsWithRecommendations: t.exposeInt('reviewsWithRecommendations', { description: 'Review meetings that made at least one recommendation (the Act’s own measure).' }),
    recommendations: t.exposeInt('recommendations', { description: 'Recommendations made, in all.' }),
    appeals: t.exposeInt('appeals', { description: 'Appeals made.' }),
    appealsUpheld: t.exposeInt('appealsUpheld', { description: 'Appeals decided upheld.' }),
  }),
});

builder.queryField('caseReviewStatistics', (t) =>
  t.field({
    type: CaseReviewStatisticsType,
    description: 'ASB case review statistics for a period, over the cases the caller may see.',
    args: { period: t.arg({ type: DatePeriodInput, required: true, description: 'The days to count, both ends included.' }) },
    resolve: (_root, { period }, ctx) => {
      if (period.to < period.from) refuse('period.to', 'the last day comes on or after the first');
      return { ...caseReviewStatistics(statesOf(ctx.records.cases.cases.values()), period), from: period.from, to: period.to };
    },
  }),
);

const FigurePeriodEnum = builder.enumType('FigurePeriod', {
  description: 'The periods figures are counted in.',
  values: {
    month: { value: 'month', description: 'Calendar months: `2026-11`.' },
    quarter: { value: 'quarter', description: 'Calendar quarters: `2026-Q4`.' },
    year: { value: 'year', description: 'Calendar years: `2026`.' },
    financial_year: { value: 'financial-year', description: 'Financial years, April to March, as councils report: `2026/27`.' },
  } as const,
});

const EnforcementFilterInput = builder.inputType('EnforcementFilter', {
  description: 'Which interventions to count, and in what periods.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: false, description: 'Interventions issued on or after this day.' }),
    to: t.field({ type: 'Date', required: false, description: 'Interventions issued on or before this day.' }),
    period: t.field({ type: FigurePeriodEnum, required: false, description: 'The periods to count in; months if not given.' }),
    agencyId: t.string({ required: false, description: 'Interventions issued by this agency.' }),
    kinds: t.field({ type: [InterventionKindEnum], required: false, description: 'Interventions of these kinds.' }),
  }),
});

const EnforcementCountType = builder.objectRef<EnforcementCount>('EnforcementCount').implement({
  description: 'How many interventions of one kind one agency issued in one period.',
  fields: (t) => ({
    agencyId: t.exposeString('agencyId', { description: 'The issuing agency.' }),
    kind: t.field({ type: InterventionKindEnum, description: 'The kind of intervention.', resolve: (c) => c.kind }),
    period: t.exposeString('period', { description: 'The period: `2026-11`, `2026-Q4`, `2026` or `2026/27`, as `period` asked.' }),
    count: t.exposeInt('count', { description: 'How many were issued.' }),
  }),
});

builder.queryField('enforcementCounts', (t) =>
  t.field({
    type: [EnforcementCountType],
    description: 'Interventions issued, by issuing agency, kind and period, over the cases the caller may see; ordered by period, agency, then the escalation ladder.',
    args: { filter: t.arg({ type: EnforcementFilterInput, required: false, description: 'Which interventions to count, and in what periods; without it, every one, by month.' }) },
    resolve: (_root, { filter }, ctx) =>
      enforcementCounts(statesOf(ctx.records.cases.cases.values()), {
        ...(filter?.from ? { from: filter.from } : {}),
        ...(filter?.to ? { to: filter.to } : {}),
        ...(filter?.period ? { period: filter.period as Period } : {}),
        ...(filter?.agencyId ? { agencyId: filter.agencyId } : {}),
        ...(filter?.kinds ? { kinds: filter.kinds } : {}),
      }),
  }),
);

const EffectivenessFilterInput = builder.inputType('EffectivenessFilter', {
  description: 'Which cases to look at, and how the figure is judged.',
  fields: (t) => ({
    owningAgency: t.string({ required: false, description: 'Cases this agency owns.' }),
    neighbourhoodId: t.string({ required: false, description: 'Cases in this neighbourhood (its UUID).' }),
    steps: t.int({ required: false, description: 'How many steps to report, 1 to 10; three if not given (the briefing’s figure goes to three).' }),
    followUpDays: t.int({ required: false, description: 'How many days, 1 to 3,660, a subject must go without a new incident after their last intervention to count as having stopped; 90 if not given.' }),
  }),
});

const EffectivenessStepType = builder.objectRef<EffectivenessStep>('EffectivenessStep').implement({
  description: 'The figure at one step: the subjects who had a k-th intervention, and how many stopped after it.',
  fields: (t) => ({
    step: t.exposeInt('step', { description: 'k: first, second, third intervention (interventions on one day are one step).' }),
    reached: t.exposeInt('reached', { description: 'Subjects who had a k-th intervention.' }),
    tooRecent: t.exposeInt('tooRecent', { description: 'Of those, the ones whose k-th intervention is too recent to judge: no new incident or later intervention yet, and the follow-up not run.' }),
    judged: t.exposeInt('judged', { description: 'Of those who reached step k, the ones judged.' }),
    stopped: t.exposeInt('stopped', { description: 'Of those judged, the ones who stopped after their k-th: no new incident, no later intervention, and the follow-up run.' }),
    share: t.float({ nullable: true, description: '`stopped` / `judged`: of those judged at step k, the share it was the last needed for; null when none were judged.', resolve: (s) => s.share }),
    stoppedByThen: t.exposeInt('stoppedByThen', { description: 'Subjects who stopped after at most k interventions.' }),
    cumulativeShare: t.float({
      nullable: true,
      description: '`stoppedByThen` / `judged` at step 1: the briefing’s figure (“two thirds stop after one, nine in ten after three”); null when none were judged at step 1.',
      resolve: (s) => s.cumulativeShare,
    }),
  }),
});

const EffectivenessType = builder.objectRef<Effectiveness>('InterventionEffectiveness').implement({
  description:
    'Whether interventions work (seed 004, para 18): the share of subjects with no new incident after their first, second, third intervention. A subject’s interventions and the incidents naming them are pooled across the cases looked at; interventions on one day are one step; a new incident is one on a later day than the step; a subject stopped after step k when it is their last, no new incident followed, and the follow-up has run.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'The day the figure describes (today, by the server’s clock): nothing after it is seen.', resolve: (e) => e.asOf }),
    followUpDays: t.exposeInt('followUpDays', { description: 'How many days without a new incident count as having stopped.' }),
    subjects: t.exposeInt('subjects', { description: 'Subjects with at least one intervention.' }),
    steps: t.field({ type: [EffectivenessStepType], description: 'The figure at each step, first first.', resolve: (e) => [...e.steps] }),
  }),
});

builder.queryField('interventionEffectiveness', (t) =>
  t.field({
    type: EffectivenessType,
    description: 'The share of subjects with no new incident after their first, second, third intervention, over the cases the caller may see, as of today by the server’s clock.',
    args: { filter: t.arg({ type: EffectivenessFilterInput, required: false, description: 'Which cases, and how to judge; without it, every case the caller may see, three steps, 90 days’ follow-up.' }) },
    resolve: (_root, { filter }, ctx) => {
      const steps = filter?.steps ?? undefined;
      const followUpDays = filter?.followUpDays ?? undefined;
      if (steps !== undefined && (steps < 1 || steps > 10)) refuse('filter.steps', 'from 1 to 10');
      if (followUpDays !== undefined && (followUpDays < 1 || followUpDays > 3660)) refuse('filter.followUpDays', 'from 1 to 3,660 days');
      const cases = findCases(ctx.records.cases, {
        ...(filter?.owningAgency ? { owningAgency: filter.owningAgency } : {}),
        ...(filter?.neighbourhoodId ? { neighbourhoodId: filter.neighbourhoodId } : {}),
      });
      return interventionEffectiveness(statesOf(cases), { asOf: todayOf(ctx), ...(steps !== undefined ? { steps } : {}), ...(followUpDays !== undefined ? { followUpDays } : {}) });
    },
  }),
);

const RepeatByEnum = builder.enumType('RepeatVictimBy', {
  description: 'How a repeat victim is matched across cases.',
  values: {
    person: { value: 'person', description: 'The same person (their person id).' },
    household: { value: 'household', description: 'The same household (its key: a UPRN, say), whoever in it was the victim.' },
  } as const,
});

interface RepeatVictimInSight {
  readonly repeat: RepeatVictim;
  readonly cases: readonly AsbCaseView[];
}

/** The first of the cases whose personal data the caller may read: the details are served from it. */
function readableCase(r: RepeatVictimInSight, ctx: GraphQLContext): AsbCaseView | undefined {
  return r.cases.find((view) => ctx.records.readsPersonalDataOnCase(view));
}

const RepeatVictimType = builder.objectRef<RepeatVictimInSight>('RepeatVictim').implement({
  description:
    'A victim on more than one case: the same person, or the same household. Who they are is need-to-know: the details and household key only when the caller’s agency is on one of the cases, or the caller is an auditor.',
  fields: (t) => ({
    by: t.field({ type: RepeatByEnum, description: 'Matched by person or by household.', resolve: (r) => r.repeat.by }),
    personId: t.string({ nullable: true, description: 'The person, by person id; null for a household.', resolve: (r) => (r.repeat.by === 'person' ? r.repeat.key : null) }),
    householdKey: t.string({
      nullable: true,
      description: 'The household’s key; null for a person, and when the caller may read the personal data of none of the cases (need-to-know).',
      authScopes: (r, _a, ctx) => {
        const readable = readableCase(r, ctx);
        return readable ? { personalDataOnCase: readable } : false;
      },
      unauthorizedResolver: () => null,
      resolve: (r, _a, ctx) => {
        const readable = readableCase(r, ctx);
        if (r.repeat.by !== 'household' || !readable) return null;
        // The key is served as the case it is read from holds it: that victim's read is what is disclosed.
        const victim = [...readable.asbCase.victims.values()].find((v) => v.householdKey === r.repeat.key);
        // A household key is its victim's personal data: auditors' only while they are restricted.
        if (victim && !ctx.records.readsPersonOnCase(readable, victim.personId)) return null;
        return victim ? releasePersonalData(ctx, readable, victim.personId, 'victim', ['householdKey'], r.repeat.key) : r.repeat.key;
      },
    }),
    details: t.field({
      type: PersonalDetailsType,
      nullable: true,
      description: 'The person’s name, date of birth, address and contact, as the first of their cases the caller may read holds them; null for a household, and when the caller may read the personal data of none of the cases (need-to-know). Recorded in the disclosure ledger when the caller’s agency does not own that case, or the caller is an auditor.',
      authScopes: (r, _a, ctx) => {
        const readable = readableCase(r, ctx);
        return readable ? { personalDataOnCase: readable } : false;
      },
      unauthorizedResolver: () => null,
      resolve: (r, _a, ctx) => {
        const readable = readableCase(r, ctx);
        const details = r.repeat.by === 'person' && readable && ctx.records.readsPersonOnCase(readable, r.repeat.key) ? (readable.asbCase.people.get(r.repeat.key) ?? null) : null;
        return readable && details ? releasePersonalData(ctx, readable, r.repeat.key, 'victim', detailsFieldsOf(details), details) : null;
      },
    }),
    personalDataWithheld: t.boolean({ description: 'True when the caller may read the personal data of none of the cases (need-to-know).', resolve: (r, _a, ctx) => readableCase(r, ctx) === undefined }),
    cases: t.field({ type: [AsbCaseRef], description: 'The cases they are a victim on.', resolve: (r) => [...r.cases] }),
  }),
});

builder.queryField('repeatVictims', (t) =>
  t.field({
    type: [RepeatVictimType],
    description: 'Victims on more than one of the cases the caller may see: the same person, then the same household (DOMAIN.md: the same person or address).',
    resolve: (_root, _args, ctx) => {
      const directory = ctx.records.cases;
      const views = statesOf(directory.cases.values());
      return repeatVictims(views).map((repeat) => ({
        repeat,
        cases: repeat.cases.map((reference) => directory.cases.get(directory.byReference.get(reference)!)!),
      }));
    },
  }),
);
