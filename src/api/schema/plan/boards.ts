/**
 * Boards across plans: who owns what and has what to do, and which closures
 * wait on whom.
 */
import { type OwnersBoardLine, ownersBoard } from '../../../projections/owners-board.js';
import { closuresAwaitingSignOff, type ClosureSignOffs } from '../../../projections/plans.js';
import { todayOf } from '../../context.js';
import { builder } from '../builder.js';
import { PlanRef } from './plan-type.js';


const StageCountType = builder.objectRef<{ stage: string; plans: number }>('StageCount').implement({
  description: 'How many of one owner’s open plans are in one stage.',
  fields: (t) => ({
    stage: t.exposeString('stage', { description: 'The stage: scanning, analysis, response or assessment.' }),
    plans: t.exposeInt('plans', { description: 'How many of their open plans are in it.' }),
  }),
});

const OwnerLineType = builder.objectRef<OwnersBoardLine>('OwnersBoardLine').implement({
  description: 'One agency and person: the open plans they own, by stage, with reviews overdue, and the actions assigned to them, open and overdue.',
  fields: (t) => ({
    agencyOrGroup: t.exposeString('agencyOrGroup', { description: 'The agency id, or the plan owner’s community group.' }),
    person: t.exposeString('person', { nullable: true, description: 'Null on the line for actions assigned to the agency but to nobody in it.' }),
    plansOwned: t.exposeInt('plansOwned', { description: 'How many open plans they own; closed plans are not counted.' }),
    byStage: t.field({
      type: [StageCountType],
      description: 'Their open plans by stage: only the stages they have plans in.',
      resolve: (l) => Object.entries(l.byStage).map(([stage, plans]) => ({ stage, plans: plans ?? 0 })),
    }),
    reviewsOverdue: t.exposeInt('reviewsOverdue', { description: 'By the server’s clock.' }),
    actionsOpen: t.exposeInt('actionsOpen', { description: 'How many actions assigned to them are open: neither done nor cancelled.' }),
    actionsOverdue: t.exposeInt('actionsOverdue', { description: 'Open and past their due day, by the server’s clock.' }),
  }),
});

builder.queryField('ownersBoard', (t) =>
  t.field({
    type: [OwnerLineType],
    description: 'Per agency and named person: plans owned, by stage, with reviews overdue; actions open and overdue; counted over the plans and actions the caller may see. Give an agency to see only its lines.',
    args: { agency: t.arg.string({ required: false, description: 'An agency id, e.g. council.' }) },
    resolve: (_root, args, ctx) =>
      ownersBoard(ctx.records.plans, ctx.records.actions, todayOf(ctx), args.agency ?? undefined),
  }),
);

const ClosureSignOffStatus = builder.enumType('ClosureSignOffStatus', {
  description: 'Which proposed closures to list.',
  values: {
    WAITING: { description: 'Someone who raised the plan has not signed, or is not satisfied.' },
    READY: { description: 'Every raising party is satisfied: the plan can be closed.' },
    ALL: { description: 'Every proposed closure.' },
  } as const,
});

const PartyAnswerType = builder.objectRef<{ partyId: string; name: string; comment: string }>('UnsatisfiedParty').implement({
  description: 'A raising party who signed off the proposed closure not satisfied.',
  fields: (t) => ({
    partyId: t.exposeString('partyId', { description: 'The party’s id on the plan.' }),
    name: t.exposeString('name', { description: 'The party’s name; “a resident” for a private person.' }),
    comment: t.exposeString('comment', { description: 'Their comment.' }),
  }),
});

const PartyType = builder.objectRef<{ partyId: string; name: string }>('UnsignedParty').implement({
  description: 'A raising party who has not signed off the proposed closure yet.',
  fields: (t) => ({
    partyId: t.exposeString('partyId', { description: 'The party’s id on the plan.' }),
    name: t.exposeString('name', { description: 'The party’s name; “a resident” for a private person.' }),
  }),
});

const ClosureSignOffsType = builder.objectRef<ClosureSignOffs>('ClosureSignOffs').implement({
  description: 'A proposed closure and who has, and has not, signed it off.',
  fields: (t) => ({
    plan: t.field({ type: PlanRef, description: 'The plan.', resolve: (c, _a, ctx) => ctx.records.plan(c.planId)! }),
    justification: t.exposeString('justification', { description: 'The justification proposed.' }),
    proposedOn: t.field({ type: 'Date', description: 'The day it was proposed.', resolve: (c) => c.proposedOn }),
    satisfied: t.stringList({ description: 'Party ids of those who signed, satisfied.', resolve: (c) => [...c.signedSatisfied] }),
    notSatisfied: t.field({ type: [PartyAnswerType], description: 'Those who signed, not satisfied, with their comments.', resolve: (c) => [...c.signedUnsatisfied] }),
    notSigned: t.field({ type: [PartyType], description: 'Those who have not signed yet.', resolve: (c) => [...c.notSigned] }),
    blockers: t.stringList({ description: 'Every reason the plan cannot close now, in words; empty when it can.', resolve: (c) => [...c.blockers] }),
  }),
});

builder.queryField('closureSignOffs', (t) =>
  t.field({
    type: [ClosureSignOffsType],
    description: 'Closures proposed on open plans the caller may see, oldest proposal first, with who has and has not signed.',
    args: { status: t.arg({ type: ClosureSignOffStatus, required: false, defaultValue: 'ALL', description: 'Which closures to list: WAITING, READY or ALL (the default).' }) },
    resolve: (_root, args, ctx) =>
      closuresAwaitingSignOff(ctx.records.plans).filter((c) =>
        args.status === 'WAITING' ? c.blockers.length > 0 : args.status === 'READY' ? c.blockers.length === 0 : true,
      ),
  }),
);
