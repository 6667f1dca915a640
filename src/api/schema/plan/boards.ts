/**
 * Boards across plans: who owns what, and which closures wait on whom.
 * The owners' board counts plans here; partner actions add their columns
 * when they arrive.
 */
import { closuresAwaitingSignOff, type ClosureSignOffs, type PlanOwnerLine, planOwners, plansProjection } from '../../../projections/plans.js';
import { builder } from '../builder.js';
import { PlanRef } from './plan-type.js';

const today = (clock: () => Date) => clock().toISOString().slice(0, 10);

const StageCountType = builder.objectRef<{ stage: string; plans: number }>('StageCount').implement({
  fields: (t) => ({ stage: t.exposeString('stage'), plans: t.exposeInt('plans') }),
});

const OwnerLineType = builder.objectRef<PlanOwnerLine>('OwnersBoardLine').implement({
  description: 'One named owner: the open plans they own, by stage, and how many are past their review day.',
  fields: (t) => ({
    ownerName: t.exposeString('ownerName'),
    agencyOrGroup: t.exposeString('agencyOrGroup', { description: 'The owner’s agency id, or their community group.' }),
    plansOwned: t.exposeInt('plansOwned'),
    byStage: t.field({ type: [StageCountType], resolve: (l) => Object.entries(l.byStage).map(([stage, plans]) => ({ stage, plans: plans ?? 0 })) }),
    reviewsOverdue: t.exposeInt('reviewsOverdue', { description: 'By the server’s clock.' }),
  }),
});

builder.queryField('ownersBoard', (t) =>
  t.field({
    type: [OwnerLineType],
    description: 'Per named owner, by agency: the open plans they own, by stage, and reviews overdue. Give an agency to see only its owners.',
    authScopes: { signedIn: true },
    args: { agency: t.arg.string({ required: false, description: 'An agency id, e.g. council.' }) },
    resolve: (_root, args, ctx) => planOwners(ctx.casebook.projections.model(plansProjection), today(ctx.casebook.clock), args.agency ?? undefined),
  }),
);

const ClosureSignOffStatus = builder.enumType('ClosureSignOffStatus', {
  values: {
    WAITING: { description: 'Someone who raised the plan has not signed, or is not satisfied.' },
    READY: { description: 'Every raising party is satisfied: the plan can be closed.' },
    ALL: { description: 'Every proposed closure.' },
  } as const,
});

const PartyAnswerType = builder.objectRef<{ partyId: string; name: string; comment: string }>('UnsatisfiedParty').implement({
  fields: (t) => ({ partyId: t.exposeString('partyId'), name: t.exposeString('name'), comment: t.exposeString('comment') }),
});

const PartyType = builder.objectRef<{ partyId: string; name: string }>('UnsignedParty').implement({
  fields: (t) => ({ partyId: t.exposeString('partyId'), name: t.exposeString('name') }),
});

const ClosureSignOffsType = builder.objectRef<ClosureSignOffs>('ClosureSignOffs').implement({
  description: 'A proposed closure and who has, and has not, signed it off.',
  fields: (t) => ({
    plan: t.field({ type: PlanRef, resolve: (c, _a, ctx) => ctx.casebook.projections.model(plansProjection).plans.get(c.planId)! }),
    justification: t.exposeString('justification'),
    proposedOn: t.field({ type: 'Date', resolve: (c) => c.proposedOn }),
    satisfied: t.stringList({ description: 'Party ids of those who signed, satisfied.', resolve: (c) => [...c.signedSatisfied] }),
    notSatisfied: t.field({ type: [PartyAnswerType], resolve: (c) => [...c.signedUnsatisfied] }),
    notSigned: t.field({ type: [PartyType], resolve: (c) => [...c.notSigned] }),
    blockers: t.stringList({ resolve: (c) => [...c.blockers] }),
  }),
});

builder.queryField('closureSignOffs', (t) =>
  t.field({
    type: [ClosureSignOffsType],
    description: 'Closures proposed on open plans, oldest proposal first, with who has and has not signed.',
    authScopes: { signedIn: true },
    args: { status: t.arg({ type: ClosureSignOffStatus, required: false, defaultValue: 'ALL' }) },
    resolve: (_root, args, ctx) =>
      closuresAwaitingSignOff(ctx.casebook.projections.model(plansProjection)).filter((c) =>
        args.status === 'WAITING' ? c.blockers.length > 0 : args.status === 'READY' ? c.blockers.length === 0 : true,
      ),
  }),
);
