/**
 * How a plan ends, and what happens after: the decision to close and its
 * justification, made only when those who raised the issue are satisfied
 * (ACPO 2006, 4.7.4 item 8); reopening with a reason; escalation to the
 * Tactical Tasking and Co-ordination Group (4.5, 4.7.5).
 */
import { definePlanMutation } from './plan-mutation.js';
import { WorkingPlanStageEnum } from './progress.js';

definePlanMutation({
  name: 'proposeClosure',
  command: 'ProposeClosure',
  description:
    'Proposes closing the plan, with the justification the raising parties are asked to sign off. Closure is proposed on the results, so the results analysis must be concluded first (`PLAN_RESULTS_NOT_CONCLUDED`). A new proposal replaces the last one and clears its sign-offs: the raisers answer the new justification. Also `DATE_IN_FUTURE`.',
  fields: (t) => ({
    justification: t.string({ required: true, description: 'Why the plan can close: what was achieved against the objectives. Up to 4,000 characters.' }),
    proposedOn: t.field({ type: 'Date', required: true, description: 'The day of the proposal; not in the future.' }),
  }),
});

definePlanMutation({
  name: 'signOffClosure',
  command: 'SignOffClosure',
  description:
    'Records one raising party’s answer to the proposed closure: satisfied or not, with their comment. The parties who raised the problem (residents, community groups, councillors...) need not log in to Casebook: a coordinator or the plan’s owner records their answer on their behalf. One party not satisfied keeps the plan open; a party signing again replaces their earlier answer. Codes: `PLAN_CLOSURE_NOT_PROPOSED`, `PLAN_PARTY_DID_NOT_RAISE`, `DATE_IN_FUTURE`.',
  fields: (t) => ({
    partyId: t.string({ required: true, description: 'The raising party’s id on this plan (`raisedBy { partyId }`), e.g. `thornes-tra`.' }),
    satisfied: t.boolean({ required: true, description: 'Whether the party is satisfied with the outcome. False keeps the plan open (`PLAN_RAISERS_NOT_SATISFIED` on `closePlan`).' }),
    comment: t.string({ required: true, description: 'The party’s comment, in their words as far as possible. Up to 2,000 characters.' }),
    signedOn: t.field({ type: 'Date', required: true, description: 'The day the party gave their answer; not in the future.' }),
  }),
});

definePlanMutation({
  name: 'closePlan',
  command: 'ClosePlan',
  description:
    'Closes the plan with the proposed justification. Only when its results analysis is concluded (`PLAN_RESULTS_NOT_CONCLUDED`), a closure is proposed (`PLAN_CLOSURE_NOT_PROPOSED`) and every raising party has signed off satisfied (`PLAN_RAISERS_NOT_SATISFIED`, whose message names who is not satisfied and why, or who has not signed). `closure { canClose blockers }` on the plan says the same beforehand. Nothing changes on a closed plan (`PLAN_CLOSED`) until it is reopened.',
  fields: (t) => ({
    closedOn: t.field({ type: 'Date', required: true, description: 'The day the plan closed; not in the future.' }),
  }),
});

definePlanMutation({
  name: 'reopenPlan',
  command: 'ReopenPlan',
  description:
    'Reopens a closed plan, with a reason, at the stage work resumes in (assessment unless you say otherwise). Its closure proposal and sign-offs are cleared: closing it again needs a new proposal and new sign-offs. Only a closed plan is reopened (`PLAN_NOT_CLOSED`). Also `DATE_IN_FUTURE`.',
  fields: (t) => ({
    reason: t.string({ required: true, description: 'Why the plan is reopened, e.g. the problem has come back. Up to 2,000 characters.' }),
    reopenedOn: t.field({ type: 'Date', required: true, description: 'The day it was reopened; not in the future.' }),
    resumeAt: t.field({ type: WorkingPlanStageEnum, required: false, defaultValue: 'assessment', description: 'The stage work resumes in. Default: assessment.' }),
  }),
});

definePlanMutation({
  name: 'escalatePlan',
  command: 'EscalatePlan',
  description:
    'Escalates the plan to the Tactical Tasking and Co-ordination Group (TT&CG) for resources it cannot get locally (4.5, 4.7.5). The plan stays with its owner, in its stage. Also `DATE_IN_FUTURE`.',
  fields: (t) => ({
    resourceRequested: t.string({ required: true, description: 'What is asked of the TT&CG: officers, funding, specialist support... Up to 2,000 characters.' }),
    reason: t.string({ required: true, description: 'Why it cannot be had locally. Up to 2,000 characters.' }),
    escalatedOn: t.field({ type: 'Date', required: true, description: 'The day of the escalation; not in the future.' }),
  }),
});
