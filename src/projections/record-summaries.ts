/**
 * One line for people about each event of a plan, an action or an ASB case,
 * for the audit history (`history`). Plain British English, and no personal
 * data: a resident who raised a plan is "a resident", the people on a case
 * are "a victim", "a witness", "a subject". The lines of cases and actions
 * say what happened, by whom and when, never what was written (a description,
 * a reason, a note), since free text is where people get named (an action
 * on a case may well name its victim); the event's data, as the caller may
 * read it, is beside the line for the rest.
 *
 * A plan's lines are its timeline's own (`projections/plans.ts`), so a plan
 * reads the same in its history as on its timeline.
 */
import type { ActionEvent } from '../domain/action/events.js';
import type { AsbCaseEvent } from '../domain/asb-case/events.js';
import { parseStreamName, streamCategories } from '../domain/shared/streams.js';
import type { RecordedEvent } from '../eventstore/event-store.js';
import { planViewFrom } from './plans.js';

/** A domain value in words: `intimidation-or-harassment` is "intimidation or harassment". */
const words = (value: string) => value.replaceAll('-', ' ');
const sentence = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** An event type in words, for an event no summary knows: `PlanOpened` is "Plan opened". */
export function eventTypeInWords(type: string): string {
  return sentence(type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
}

export function actionEventSummary(event: ActionEvent): string {
  switch (event.type) {
    case 'ActionAssigned':
      return `Assigned as ${event.reference} to ${event.assignee.agencyId}${event.assignee.person ? ` (${event.assignee.person})` : ''}, due ${event.dueOn}`;
    case 'ActionAccepted':
      return `Accepted by ${event.by.name} (${event.by.agencyId})`;
    case 'ActionProgressReported':
      return `Progress reported by ${event.by.name} (${event.by.agencyId})`;
    case 'ActionBlocked':
      return `Blocked by ${event.by.name} (${event.by.agencyId})`;
    case 'ActionCompleted':
      return `Done on ${event.doneOn}, reported by ${event.by.name} (${event.by.agencyId})`;
    case 'ActionCancelled':
      return `Cancelled on ${event.on} by ${event.by.name} (${event.by.agencyId})`;
    case 'ActionReassigned':
      return `Handed from ${event.previous.agencyId} to ${event.assignee.agencyId}${event.assignee.person ? ` (${event.assignee.person})` : ''}`;
    case 'ActionRescheduled':
      return `Due day moved from ${event.previousDueOn} to ${event.dueOn}`;
  }
}

export function asbCaseEventSummary(event: AsbCaseEvent): string {
  switch (event.type) {
    case 'AsbCaseOpened':
      return `Opened as ${event.reference}, owned by ${event.owningAgencyId}`;
    case 'CasePartnerAdded':
      return `Partner added: ${event.agencyId}`;
    case 'CasePartnerRemoved':
      return `Partner removed: ${event.agencyId}`;
    case 'IncidentReported':
      return `Incident ${event.incidentId} of ${event.occurredOn} reported to ${event.report.receivedBy}: ${words(event.kind)}${event.hateMotivation.length > 0 ? ', hate-motivated' : ''}`;
    case 'IncidentReportAdded':
      return `Incident ${event.incidentId} reported again, to ${event.report.receivedBy}`;
    case 'VictimRecorded':
      return 'A victim recorded';
    case 'WitnessRecorded':
      return 'A witness recorded';
    case 'SubjectRecorded':
      return `A subject recorded${event.ageBand === 'unknown' ? '' : `, age band ${event.ageBand}${event.ageBandEstimated ? ' (estimated)' : ''}`}`;
    case 'PersonalDetailsCorrected':
      return 'A person’s details corrected';
    case 'PersonFlagged':
      return `A ${event.role} flagged ${event.flag}`;
    case 'VictimRiskAssessed':
      return `A victim assessed ${event.level} risk (score ${event.score}${event.judgement ? `, raised from ${event.scoredLevel} by professional judgement` : ''}) by ${event.assessor.name} (${event.assessor.agencyId})`;
    case 'VictimRiskReviewed':
      return `A victim’s risk reviewed by ${event.by.name} (${event.by.agencyId}) as ${event.reviewer}`;
    case 'InterventionRecorded':
      return `${sentence(words(event.kind))} ${event.interventionId} issued by ${event.issuingAgencyId} on ${event.issuedOn}${event.subjectPersonId !== undefined ? ' to a subject' : ''}`;
    case 'BreachRecorded':
      return `Breach of ${event.interventionId} on ${event.occurredOn} recorded`;
    case 'ReferralMade':
      return `Referred to ${event.service === 'marac' ? 'MARAC' : words(event.service)}${event.toAgencyId ? ` (${event.toAgencyId})` : ''}`;
    case 'CaseReviewRequested':
      return `Case review ${event.applicationId} applied for by ${event.madeBy === 'victim' ? 'a victim' : 'a representative'}: ${plural(event.complaints.length, 'complaint')} gathered, threshold ${event.thresholdShown.met ? 'met' : 'not met'} on them`;
    case 'CaseReviewDecided':
      return `Case review ${event.applicationId}: threshold decided ${event.thresholdMet ? 'met' : 'not met'}`;
    case 'CaseReviewHeld':
      return `Case review ${event.applicationId} held with ${event.agencies.join(', ')}: ${plural(event.recommendations.length, 'recommendation')}`;
    case 'CaseReviewAppealed':
      return `Case review ${event.applicationId}: appeal against the ${event.against}`;
    case 'CaseReviewAppealDecided':
      return `Case review ${event.applicationId}: appeal ${event.upheld ? 'upheld' : 'not upheld'}`;
    case 'CaseLinkedToPlan':
      return event.previousPlanId === undefined ? 'Linked to a plan' : 'Linked to another plan';
    case 'AsbCaseClosed':
      return `Closed on ${event.closedOn}: ${words(event.outcome)}`;
    case 'AsbCaseReopened':
      return `Reopened on ${event.reopenedOn}`;
    case 'RetentionReviewRecorded':
      return event.decision === 'retain' ? `MoPI review on ${event.reviewedOn}: retain until ${event.nextReviewOn ?? '?'}` : `MoPI review on ${event.reviewedOn}: marked for disposal`;
    case 'CaseActionLinked':
      return `Action given to ${event.agencyId}, due ${event.dueOn}`;
    case 'CaseActionReassigned':
      return `Action handed to ${event.agencyId}`;
    case 'CaseActionOutcomeNoted':
      return `Action ${event.status} on ${event.on}`;
    case 'AlertAcknowledged':
      return `Alert ${event.alertId} acknowledged by ${event.agencyId}`;
  }
}

/**
 * The summary of each event of one plan's, action's or case's stream, by
 * revision. `events` is the stream in revision order; an event of a type no
 * summary knows reads as its type in words.
 */
export function summariesOf(events: readonly RecordedEvent[]): Map<bigint, string> {
  const summaries = new Map<bigint, string>();
  const category = events[0] ? parseStreamName(events[0].streamId)?.category : undefined;
  if (category === streamCategories.plan) {
    for (const happening of planViewFrom(events)?.happenings ?? []) if (!summaries.has(happening.revision)) summaries.set(happening.revision, happening.summary);
  }
  for (const recorded of events) {
    if (summaries.has(recorded.revision)) continue;
    summaries.set(recorded.revision, summaryOf(category, recorded));
  }
  return summaries;
}

function summaryOf(category: string | undefined, recorded: RecordedEvent): string {
  try {
    if (category === streamCategories.action) return actionEventSummary(recorded.data as unknown as ActionEvent) ?? eventTypeInWords(recorded.type);
    if (category === streamCategories.asbCase) return asbCaseEventSummary(recorded.data as unknown as AsbCaseEvent) ?? eventTypeInWords(recorded.type);
  } catch {
    // An event of an older shape than the summaries know: its type still says what happened.
  }
  return eventTypeInWords(recorded.type);
}
