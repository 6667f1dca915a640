/** `coordinationAgenda`: the pack a neighbourhood co-ordination meeting walks through, plan by plan. */
import { type AgendaPlan, type CoordinationAgenda, coordinationAgenda, newHighRiskVictims, type StagePeriod } from '../../projections/coordination-agenda.js';
import { neighbourhoodsProjection } from '../../projections/neighbourhoods.js';
import { builder } from './builder.js';
import { CoordinationMeetingType, NeighbourhoodType, PriorityType } from './neighbourhood.js';
import { HappeningType, PlanRef, PlanStageEnum, ResponseActionType } from './plan/plan-type.js';

const StagePeriodType = builder.objectRef<StagePeriod>('PlanStagePeriod').implement({
  description: 'A stretch of days a plan spent in one SARA stage: a band on the meeting’s timeline.',
  fields: (t) => ({
    stage: t.field({ type: PlanStageEnum, description: 'The stage.', resolve: (p) => p.stage }),
    from: t.field({ type: 'Date', description: 'The day the plan entered it.', resolve: (p) => p.from }),
    until: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day the plan left it for the next; null while the plan is in it. A closed plan’s `closed` period is its closing day alone.',
      resolve: (p) => p.until,
    }),
  }),
});

const AgendaPlanType = builder.objectRef<AgendaPlan>('AgendaPlan').implement({
  description: 'One plan as the meeting sees it.',
  fields: (t) => ({
    plan: t.field({ type: PlanRef, description: 'The plan, as the record stands now.', resolve: (a) => a.view }),
    reviewDue: t.exposeBoolean('reviewDue', { description: 'Its supervisory review falls due on or before the meeting.' }),
    overdueActions: t.field({ type: [ResponseActionType], description: 'Response actions still open past their due day.', resolve: (a) => [...a.overdueActions] }),
    closureWaiting: t.exposeBoolean('closureWaiting', { description: 'Closure is proposed and someone who raised it has not signed, or is not satisfied.' }),
    changesSinceLastMeeting: t.field({
      type: [HappeningType],
      description: 'What was recorded on the plan after the group last met, up to the meeting’s day; everything, if the group has not met.',
      resolve: (a) => [...a.changesSinceLastMeeting],
    }),
    stages: t.field({
      type: [StagePeriodType],
      description: 'The SARA stages the plan has been in, oldest first, as the record stands now: of two moves on one day, the later stage from that day.',
      resolve: (a) => [...a.stages],
    }),
  }),
});

const AgendaType = builder.objectRef<CoordinationAgenda>('CoordinationAgenda').implement({
  description: 'The pack for a neighbourhood co-ordination meeting (ACPO 2006, 4.7.5): the plans as the record stands now, with what was recorded on each after the day the group last met, up to the meeting’s day.',
  fields: (t) => ({
    neighbourhood: t.field({ type: NeighbourhoodType, description: 'The neighbourhood whose group meets.', resolve: (a) => a.neighbourhood }),
    date: t.field({ type: 'Date', description: 'The day of the meeting, as asked.', resolve: (a) => a.date }),
    lastMeeting: t.field({ type: CoordinationMeetingType, nullable: true, description: 'The group’s last meeting before this day.', resolve: (a) => a.lastMeeting }),
    plans: t.field({ type: [AgendaPlanType], description: 'Open plans, and those closed since the last meeting, newest first.', resolve: (a) => [...a.plans] }),
    plansDueForReview: t.field({
      type: [PlanRef],
      description: 'The plans of `plans` whose supervisory review falls due on or before the meeting (`reviewDue`).',
      resolve: (a) => a.plans.filter((p) => p.reviewDue).map((p) => p.view),
    }),
    closuresWaiting: t.field({
      type: [PlanRef],
      description: 'The plans of `plans` whose proposed closure waits on a raising party who has not signed or is not satisfied (`closureWaiting`).',
      resolve: (a) => a.plans.filter((p) => p.closureWaiting).map((p) => p.view),
    }),
    overdueActionCount: t.int({
      description: 'How many response actions of the plans in `plans` are still open past their due day, as of the meeting.',
      resolve: (a) => a.plans.reduce((n, p) => n + p.overdueActions.length, 0),
    }),
    prioritiesDueForReview: t.field({
      type: [PriorityType],
      description: 'The neighbourhood’s current priorities whose review falls due on or before the meeting, longest overdue first.',
      resolve: (a) => [...a.prioritiesDueForReview],
    }),
    newHighRiskVictims: t.int({
      description:
        'How many victims on the neighbourhood’s open ASB cases (those in your sight) are high risk on the meeting’s day and were not at the group’s last meeting; every one high on the day if the group has not met. A number only, fit for a shared screen: who they are is on their cases, for the agencies on them (`riskRegister`).',
      resolve: (a, _args, ctx) => newHighRiskVictims(ctx.records.cases, a.neighbourhood.neighbourhoodId, a.lastMeeting?.heldOn ?? null, a.date),
    }),
  }),
});

builder.queryField('coordinationAgenda', (t) =>
  t.field({
    type: AgendaType,
    nullable: true,
    description: 'The agenda for a neighbourhood’s co-ordination meeting on a day; null if there is no such neighbourhood.',
    args: {
      neighbourhood: t.arg.string({ required: true, description: 'The neighbourhood’s UUID.' }),
      date: t.arg({ type: 'Date', required: true, description: 'The day of the meeting.' }),
    },
    resolve: (_root, args, ctx) =>
      coordinationAgenda(ctx.records.plans, ctx.casebook.projections.model(neighbourhoodsProjection), args.neighbourhood, args.date),
  }),
);
