/**
 * Finding ASB cases: one by id, a page of those matching a filter, the risk
 * register, and whether a victim's complaints meet the case review threshold.
 */
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { type AsbCaseView, complaintsAboutVictims, findCases, type RiskRegisterEntry, riskRegister } from '../../../projections/asb-cases.js';
import { todayOf } from '../../context.js';
import { builder } from '../builder.js';
import { pageSizeOf } from '../plan/queries.js';
import { AsbCaseRef, AsbCaseStatusEnum, personalDataFields, PersonFlagEnum, ThresholdRouteEnum, ThresholdType, thresholdOnCase, type ThresholdOnCase, VictimRiskLevelEnum } from './case-type.js';

const AsbCaseFilterInput = builder.inputType('AsbCaseFilter', {
  description: 'Every field given narrows the list.',
  fields: (t) => ({
    status: t.field({ type: AsbCaseStatusEnum, required: false, description: 'Cases open, or closed.' }),
    owningAgency: t.string({ required: false, description: 'Cases this agency owns.' }),
    neighbourhoodId: t.string({ required: false, description: 'Cases in this neighbourhood (its UUID).' }),
    planId: t.globalID({ required: false, description: 'Cases linked to this plan (its global id); none for a plan the caller may not see.' }),
    riskLevel: t.field({ type: VictimRiskLevelEnum, required: false, description: 'Cases with a victim whose current risk is this level.' }),
    text: t.string({ required: false, description: 'Every word must appear in the title, the summary or the location, in any case.' }),
  }),
});

builder.queryField('asbCase', (t) =>
  t.field({
    type: AsbCaseRef,
    nullable: true,
    description: 'An ASB case by its global id; null if there is none, or none the caller may see.',
    args: { id: t.arg.globalID({ required: true, description: 'The case’s global id.' }) },
    resolve: (_root, { id }, ctx) => (id.typename === 'AsbCase' ? (ctx.records.asbCase(id.id) ?? null) : null),
  }),
);

builder.queryField('asbCases', (t) =>
  t.connection(
    {
      type: AsbCaseRef,
      description: 'ASB cases the caller may see that match the filter, most recently changed first. Pages of at most 100.',
      args: { filter: t.arg({ type: AsbCaseFilterInput, required: false, description: 'What to narrow the list to; without it, every case the caller may see.' }) },
      resolve: (_root, args, ctx) => {
        pageSizeOf(args);
        const { planId, ...rest } = args.filter ?? {};
        const filter = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
        // A plan out of sight links no case the caller can find by it: the answer must not tell such a plan exists.
        const plan = planId ? (planId.typename === 'Plan' ? ctx.records.plan(planId.id) : undefined) : null;
        const matches = plan === undefined ? [] : findCases(ctx.records.cases, { ...filter, ...(plan ? { planId: plan.planId } : {}) });
        return { ...resolveArrayConnection({ args }, matches), totalCount: matches.length };
      },
    },
    {
      description: 'A page of the cases that match, most recently changed first.',
      fields: (c) => ({ totalCount: c.int({ description: 'How many cases match, on every page.', resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }) }),
    },
    { description: 'One case on the page, with its cursor.', nodeField: { description: 'The case.' } },
  ),
);

const RiskRegisterFilterInput = builder.inputType('RiskRegisterFilter', {
  description: 'Every field given narrows the register.',
  fields: (t) => ({
    level: t.field({ type: VictimRiskLevelEnum, required: false, description: 'Victims at this current level only (those not yet assessed have none).' }),
    includeClosed: t.boolean({ required: false, description: 'Also the victims of closed cases (by default only open cases’).' }),
  }),
});

const RiskRegisterEntryType = builder.objectRef<RiskRegisterEntry>('RiskRegisterEntry').implement({
  description: 'One victim on the risk register: where their risk stands and when it is next reviewed. Their details are need-to-know, as on the case.',
  fields: (t) => ({
    asbCase: t.field({ type: AsbCaseRef, description: 'The case they are a victim on.', resolve: (e) => e.view }),
    personId: t.exposeString('personId', { description: 'The victim, by person id.' }),
    level: t.field({ type: VictimRiskLevelEnum, nullable: true, description: 'Their current risk level; null until assessed.', resolve: (e) => e.level }),
    score: t.int({ nullable: true, description: 'The current assessment’s score; null until assessed.', resolve: (e) => e.assessment?.score ?? null }),
    assessedOn: t.field({ type: 'Date', nullable: true, description: 'The day of the current assessment; null until assessed.', resolve: (e) => e.assessment?.assessedOn ?? null }),
    nextReviewDue: t.field({ type: 'Date', nullable: true, description: 'The earliest review due on the partnership’s cadence; null at standard risk or before any assessment.', resolve: (e) => e.reviewDueOn }),
    reviewOverdue: t.boolean({ description: 'The earliest review due has passed without it, by the server’s clock.', resolve: (e) => e.reviewOverdue }),
    flags: t.field({ type: [PersonFlagEnum], description: 'Their flags (vulnerable, intimidated).', resolve: (e) => e.flags as ('vulnerable' | 'intimidated')[] }),
    ...personalDataFields(t, 'victim', (e) => ({ personId: e.personId, householdKey: e.view.asbCase.victims.get(e.personId)?.householdKey })),
  }),
});

builder.queryField('riskRegister', (t) =>
  t.field({
    type: [RiskRegisterEntryType],
    description:
      'Every victim on the open cases the caller may see, high risk first, then medium, standard, and not yet assessed; within a level, an overdue review first, then the soonest due, then the latest assessed. Reviews are due on the partnership’s cadence, judged by the server’s clock.',
    args: { filter: t.arg({ type: RiskRegisterFilterInput, required: false, description: 'What to narrow the register to; without it, every victim of every open case the caller may see.' }) },
    resolve: (_root, { filter }, ctx) =>
      riskRegister(ctx.records.cases, todayOf(ctx), ctx.casebook.caseRules.riskReviewCadence, {
        ...(filter?.level ? { level: filter.level } : {}),
        ...(filter?.includeClosed ? { includeClosed: true } : {}),
      }),
  }),
);

interface Eligibility {
  readonly view: AsbCaseView;
  readonly personIds: readonly string[];
  readonly threshold: ThresholdOnCase;
  readonly cases: readonly AsbCaseView[];
}

const EligibilityType = builder.objectRef<Eligibility>('CaseReviewEligibility').implement({
  description:
    'Whether an application for an ASB case review (the Community Trigger) made on a day would meet the threshold, explained complaint by complaint. The complaints are gathered from every case in the partnership about the same victim (the same person, or the same household), because the law counts complaints wherever they were made. Those made on cases the caller may not see are counted but shown without anything that names their case.',
  fields: (t) => ({
    asbCase: t.field({ type: AsbCaseRef, description: 'The case asked about.', resolve: (e) => e.view }),
    victimPersonIds: t.stringList({ description: 'The victims whose complaints were gathered, by person id.', resolve: (e) => [...e.personIds] }),
    applicationOn: t.field({ type: 'Date', description: 'The day of the application judged.', resolve: (e) => e.threshold.judgement.applicationOn }),
    met: t.boolean({ description: 'True when the threshold is met by any route of the partnership’s procedure.', resolve: (e) => e.threshold.judgement.met }),
    routesMet: t.field({ type: [ThresholdRouteEnum], description: 'The routes met.', resolve: (e) => [...e.threshold.judgement.routesMet] }),
    threshold: t.field({ type: ThresholdType, description: 'The judgement explained: every route, and every complaint with why it counted or did not.', resolve: (e) => e.threshold }),
    casesGathered: t.field({
      type: [AsbCaseRef],
      description: 'The cases in the caller’s sight whose complaints were gathered (complaints from others are counted in `threshold` without naming their case).',
      resolve: (e, _a, ctx) => e.cases.filter((v) => ctx.records.asbCase(v.caseId) !== undefined),
    }),
  }),
});

const EligibilityInput = builder.inputType('CaseReviewEligibilityInput', {
  description: 'The case, and optionally the victim and the day of the application.',
  fields: (t) => ({
    caseId: t.globalID({ required: true, description: 'The case’s global id.' }),
    personId: t.string({ required: false, description: 'A victim on the case, by person id; without it, every victim of the case.' }),
    applicationOn: t.field({ type: 'Date', required: false, description: 'The day of the application to judge; today by the server’s clock if not given.' }),
  }),
});

builder.queryField('caseReviewEligibility', (t) =>
  t.field({
    type: EligibilityType,
    nullable: true,
    description:
      'Whether an ASB case review (Community Trigger) threshold is met for a victim of a case, or for every victim of it, and which complaints counted, under the partnership’s case review procedure. Null if there is no such case, or none the caller may see.',
    args: { personOrCase: t.arg({ type: EligibilityInput, required: true, description: 'The case, and optionally the victim and the day of the application.' }) },
    resolve: (_root, { personOrCase }, ctx) => {
      const view = personOrCase.caseId.typename === 'AsbCase' ? ctx.records.asbCase(personOrCase.caseId.id) : undefined;
      if (!view) return null;
      const { personId } = personOrCase;
      if (personId && !view.asbCase.victims.has(personId)) {
        const message = `Person ${personId} is not a victim on ${view.asbCase.reference}: a case review is about a victim.`;
        throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'personOrCase.personId', message }] } });
      }
      const personIds = personId ? [personId] : [...view.asbCase.victims.keys()];
      const { complaints, cases } = complaintsAboutVictims(ctx.records.everyCaseForCaseReview(), view, new Set(personIds));
      const applicationOn = personOrCase.applicationOn ?? todayOf(ctx);
      return { view, personIds, threshold: thresholdOnCase(view, complaints, applicationOn, ctx.casebook.caseRules.caseReviewProcedure), cases };
    },
  }),
);
