/**
 * How a plan moves on: its problem-solving meetings, its supervisory reviews,
 * its stages, and the results analysis of the Assessment stage (ACPO 2006,
 * 4.7.4 items 5 to 7; DOMAIN.md).
 */
import { builder } from '../builder.js';
import { PersonInput } from './inputs.js';
import { definePlanMutation } from './plan-mutation.js';

/** The stages a plan works in: every stage but `closed`, which is reached only by `closePlan`. */
export const WorkingPlanStageEnum = builder.enumType('WorkingPlanStage', {
  description: 'A SARA stage a plan works in: scanning, analysis, response or assessment. Not closed: a plan is closed by `closePlan`, on its raisers’ satisfied sign-off.',
  values: {
    scanning: { description: 'The problem is being described: indicators, where, when, who reported it.' },
    analysis: { description: 'Entered when the plan has an owner and a scanning description (else `PLAN_NOT_READY_FOR_ANALYSIS`).' },
    response: { description: 'Entered when the plan has an analysis and at least one objective (else `PLAN_NOT_READY_FOR_RESPONSE`).' },
    assessment: { description: 'Entered when the plan has at least one response action (else `PLAN_NOT_READY_FOR_ASSESSMENT`). Results are analysed here.' },
  } as const,
});

const ObjectiveImpactInput = builder.inputType('ObjectiveImpactInput', {
  description: 'The impact evaluation of one objective: was it met? Every objective of the plan is judged, each once.',
  fields: (t) => ({
    objectiveId: t.string({ required: true, description: 'The objective’s id, as set by `setObjective` (`OBJECTIVE_NOT_FOUND` if the plan has none such).' }),
    met: t.boolean({ required: true, description: 'Whether the objective was met, measured against its baseline and target.' }),
    note: t.string({ required: true, description: 'Why you judge it so: the measurements, the comparison area. Up to 1,000 characters.' }),
  }),
});

const DisplacementCheckInput = builder.inputType('DisplacementCheckInput', {
  description: 'One kind of displacement, looked for: was it found, and what was looked at.',
  fields: (t) => ({
    found: t.boolean({ required: true, description: 'True if the problem was found to have moved this way.' }),
    note: t.string({ required: true, description: 'What was looked at, and what was seen. Up to 1,000 characters.' }),
  }),
});

const DisplacementInput = builder.inputType('DisplacementInput', {
  description:
    'Displacement looked for by each of its five kinds. Most problem-solving projects never check displacement: Casebook asks for every kind, so all five are required; one left out answers a `ValidationError` whose path names it, e.g. `displacement.offence`.',
  fields: (t) => ({
    temporal: t.field({ type: DisplacementCheckInput, required: false, description: 'Required. Did the problem move to other times?' }),
    spatial: t.field({ type: DisplacementCheckInput, required: false, description: 'Required. Did the problem move to other places?' }),
    target: t.field({ type: DisplacementCheckInput, required: false, description: 'Required. Did offenders turn to other targets or victims?' }),
    tactical: t.field({ type: DisplacementCheckInput, required: false, description: 'Required. Did offenders change their methods?' }),
    offence: t.field({ type: DisplacementCheckInput, required: false, description: 'Required. Did offenders turn to another kind of offence?' }),
  }),
});

definePlanMutation({
  name: 'recordMeeting',
  command: 'RecordMeeting',
  description:
    'Records a problem-solving meeting held on the plan: when, who chaired, who attended, the decisions and the actions agreed (4.7.4 item 5). A meeting is recorded once it has been held (`DATE_IN_FUTURE` otherwise). Refused on a closed plan (`PLAN_CLOSED`).',
  fields: (t) => ({
    meetingId: t.string({ required: true, description: 'Your id for the meeting in this plan: lower-case letters, digits and hyphens, up to 64, e.g. `psm-2026-10-14`.' }),
    heldOn: t.field({ type: 'Date', required: true, description: 'The day it was held; not in the future.' }),
    chair: t.string({ required: true, description: 'Who chaired it. Up to 160 characters.' }),
    attendees: t.field({ type: [PersonInput], required: true, description: 'Who attended: at least one, at most 60.' }),
    decisions: t.stringList({ required: true, description: 'The decisions made, each up to 1,000 characters; at most 50. May be empty.' }),
    actionsAgreed: t.stringList({
      required: true,
      description: 'The actions agreed, each up to 500 characters; at most 50. May be empty. Assign them to agencies as partner actions to follow them up.',
    }),
  }),
});

definePlanMutation({
  name: 'scheduleReview',
  command: 'ScheduleReview',
  description: 'Schedules a supervisory review of the plan (4.7.4 item 6). A review id is used once per plan (`REVIEW_ALREADY_SCHEDULED`).',
  fields: (t) => ({
    reviewId: t.string({ required: true, description: 'Your id for the review in this plan: lower-case letters, digits and hyphens, up to 64, e.g. `review-1`.' }),
    dueOn: t.field({ type: 'Date', required: true, description: 'The day the review is due. Past it and not done, the plan shows `reviewOverdue`.' }),
  }),
});

definePlanMutation({
  name: 'completeReview',
  command: 'CompleteReview',
  description:
    'Records a scheduled review as done, with its finding and, optionally, the date of the next one. Only a supervisor (a sergeant or inspector) reviews a plan: anyone else is refused with `REVIEW_NEEDS_SUPERVISOR`. The reviewer recorded is the caller. Other codes: `REVIEW_NOT_FOUND`, `REVIEW_ALREADY_DONE`, `REVIEW_NEXT_NOT_AFTER_DONE`, `DATE_IN_FUTURE`.',
  fields: (t) => ({
    reviewId: t.string({ required: true, description: 'The scheduled review’s id, as given to `scheduleReview`.' }),
    doneOn: t.field({ type: 'Date', required: true, description: 'The day the review was done; not in the future.' }),
    finding: t.string({ required: true, description: 'What the review found. Up to 4,000 characters.' }),
    nextReviewOn: t.field({ type: 'Date', required: false, description: 'When the next review is due, after `doneOn`. Left out: none is set.' }),
  }),
});

definePlanMutation({
  name: 'advancePlanStage',
  command: 'AdvancePlanStage',
  description:
    'Moves the plan to its next SARA stage: scanning, analysis, response, assessment. A stage is entered only when the content it needs is there: analysis needs an owner and a scanning description (`PLAN_NOT_READY_FOR_ANALYSIS`), response an analysis and one objective or more (`PLAN_NOT_READY_FOR_RESPONSE`), assessment one response action or more (`PLAN_NOT_READY_FOR_ASSESSMENT`); the message names what is missing. Stages are not skipped (`PLAN_STAGE_OUT_OF_ORDER`). Asking for the stage the plan is in changes nothing. To close a plan use `closePlan`.',
  fields: (t) => ({
    to: t.field({ type: WorkingPlanStageEnum, required: true, description: 'The stage to enter: the one after the plan’s current stage.' }),
  }),
});

definePlanMutation({
  name: 'recordResultMeasurement',
  command: 'RecordResultMeasurement',
  description:
    'Records a measurement of one objective’s measure after the response, optionally with the same measure in a comparison area: the impact evaluation compares it with the baseline and target (`results` on the plan). Codes: `OBJECTIVE_NOT_FOUND`, `DATE_IN_FUTURE`.',
  fields: (t) => ({
    objectiveId: t.string({ required: true, description: 'The objective measured, as set by `setObjective`.' }),
    measuredOn: t.field({ type: 'Date', required: true, description: 'The day of the measurement; not in the future.' }),
    value: t.float({ required: true, description: 'The value of the objective’s measure, in the units of its baseline and target.' }),
    comparisonAreaValue: t.float({ required: false, description: 'The same measure in a comparison area without the response, if one is used.' }),
    note: t.string({ required: false, description: 'How it was measured, or anything that qualifies it. Up to 1,000 characters.' }),
  }),
});

definePlanMutation({
  name: 'concludeResultsAnalysis',
  command: 'ConcludeResultsAnalysis',
  description:
    'Concludes the results analysis of the Assessment stage (4.7.4 item 7): the impact evaluation of every objective, what worked and what did not, displacement by all five of its kinds, and any diffusion of benefits. The process evaluation (was each planned action done as planned?) is counted from the plan’s response actions. Codes: `PLAN_NOT_IN_ASSESSMENT`, `OBJECTIVE_NOT_FOUND`, `RESULTS_IMPACT_INCOMPLETE` (an objective not judged), `RESULTS_NOT_MEASURED` (an objective with no measurement), `DATE_IN_FUTURE`.',
  fields: (t) => ({
    concludedOn: t.field({ type: 'Date', required: true, description: 'The day the analysis was concluded; not in the future.' }),
    impact: t.field({ type: [ObjectiveImpactInput], required: true, description: 'Every objective of the plan, judged met or not: at least one, at most 50.' }),
    whatWorked: t.string({ required: true, description: 'What worked. Up to 4,000 characters.' }),
    whatDidNot: t.string({ required: true, description: 'What did not work. Up to 4,000 characters.' }),
    displacement: t.field({ type: DisplacementInput, required: true, description: 'Displacement looked for, by each of its five kinds: all five are required.' }),
    diffusionOfBenefits: t.string({
      required: true,
      description: 'Any diffusion of benefits: improvement beyond the places, times or people the response aimed at. Up to 2,000 characters.',
    }),
  }),
});
