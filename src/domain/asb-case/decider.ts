/**
 * The ASB case (seed 004, paras 15 to 19; DOMAIN.md): incidents, victims,
 * witnesses and subjects, the shared risk assessment, interventions and
 * their breaches, referrals, the case review, the link to a plan, closure.
 * Every rule a case keeps is here or in the module it names, each broken
 * rule a DomainError with a stable code.
 *
 * Access: the owning agency answers for the case (partners, the plan link,
 * closing and reopening); any agency on the case works on it; a
 * coordinator may do either; an auditor nothing.
 */
import { type Actor, hasRole } from '../shared/actor.js';
import { refuseFutureDay } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { DomainError, DomainForbidden } from '../shared/domain-error.js';
import { decideRetentionReview, retentionRuleCodes } from '../shared/retention.js';
import { caseReviewRuleCodes, decideCaseReview } from './case-review.js';
import type { AsbCaseCommand, AsbCaseCommandOf } from './commands.js';
import type { AsbCaseEvent } from './events.js';
import { decideBreach, decideIntervention, interventionRecordRuleCodes, interventionRuleCodes } from './interventions.js';
import { ageBandOn, carryPerson, type PersonalDetails } from './personal-data.js';
import { isHigherLevel, riskAssessmentRuleCodes, scoreRiskAnswers } from './risk-assessment.js';
import { agenciesOnCase, type AsbCaseState, evolveAsbCase, initialAsbCaseState, type OpenedAsbCase, retentionRecordOf } from './state.js';

const caseRuleCodes = [
  'ASB_CASE_NOT_OPENED',
  'ASB_CASE_ALREADY_OPENED',
  'ASB_CASE_CLOSED',
  'ASB_CASE_NOT_CLOSED',
  'ASB_CASE_OWNER_ONLY',
  'ASB_CASE_NOT_ON_CASE',
  'CASE_PARTNER_NOT_FOUND',
  'CASE_SATISFACTION_MISSING',
  'CASE_ACTION_NOT_FOUND',
  'PERSON_ALREADY_RECORDED',
  'PERSON_NOT_ON_CASE',
  'PERSON_NOT_FLAGGABLE',
  'VICTIM_NOT_FOUND',
  'SUBJECT_NOT_FOUND',
  'INCIDENT_ID_TAKEN',
  'INCIDENT_NOT_FOUND',
  'INCIDENT_REPORTER_NOT_FOUND',
  'RISK_JUDGEMENT_NOT_HIGHER',
  'RISK_NOT_ASSESSED',
  'RISK_REVIEW_NEEDS_SUPERVISOR',
  'REFERRAL_ALREADY_MADE',
  'ALERT_NOT_FOUND',
  'ALERT_NOT_FOR_AGENCY',
  'PERSON_ERASED',
  'DATE_IN_FUTURE',
  'FORBIDDEN',
  ...retentionRuleCodes,
] as const;
type CaseRuleCode = (typeof caseRuleCodes)[number];

/** The stable codes of every rule of a case, for the API's documentation and for partners' systems. */
export const asbCaseRuleCodes = [...caseRuleCodes, ...riskAssessmentRuleCodes, ...interventionRuleCodes, ...interventionRecordRuleCodes, ...caseReviewRuleCodes] as const;
export type AsbCaseRuleCode = (typeof asbCaseRuleCodes)[number];

function broken(code: CaseRuleCode, message: string): DomainError {
  return new DomainError(code, message);
}

/** What the owning agency answers for. */
const OWNER_ONLY: readonly AsbCaseCommand['type'][] = ['AddCasePartner', 'RemoveCasePartner', 'LinkCaseToPlan', 'CloseAsbCase', 'ReopenAsbCase'];

/**
 * What goes on after a case closes: a victim often applies for a case review
 * because the case was closed without a remedy, and partner actions finish
 * in their own time.
 */
const OPEN_TO_A_CLOSED_CASE: readonly AsbCaseCommand['type'][] = [
  'ReopenAsbCase',
  'RequestCaseReview',
  'RecordCaseReviewDecision',
  'RecordCaseReviewOutcome',
  'AppealCaseReview',
  'DecideCaseReviewAppeal',
  'NoteCaseActionReassigned',
  'NoteCaseActionOutcome',
  'AcknowledgeAlert',
];

function authorOf(actor: Actor) {
  return { userId: actor.userId, agencyId: actor.agencyId, name: actor.displayName ?? actor.userId };
}

/** An erased person's details are gone for good: nothing about them is recorded again, here or (the keyring refuses their key) on any case. */
function refuseErased(asbCase: OpenedAsbCase, personId: string): void {
  if (asbCase.people.get(personId) === null) throw broken('PERSON_ERASED', `Person ${personId} on ${asbCase.reference} has been erased: nothing more can be recorded about them.`);
}

function sameDetails(a: PersonalDetails | null | undefined, b: PersonalDetails): boolean {
  if (!a) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof PersonalDetails)[]);
  return [...keys].every((key) => a[key] === b[key]);
}

function refuseAccess(command: AsbCaseCommand, asbCase: OpenedAsbCase, actor: Actor): void {
  if (hasRole(actor, 'coordinator')) return;
  if (OWNER_ONLY.includes(command.type)) {
    if (actor.agencyId !== asbCase.owningAgencyId) throw broken('ASB_CASE_OWNER_ONLY', `Only ${asbCase.owningAgencyId}, which owns ${asbCase.reference}, or a coordinator does this.`);
    return;
  }
  if (!agenciesOnCase(asbCase).has(actor.agencyId)) {
    throw broken('ASB_CASE_NOT_ON_CASE', `${actor.agencyId} is not on ${asbCase.reference}: the owner adds an agency as a partner, or assigns it an action.`);
  }
}

function recordParty(command: AsbCaseCommandOf<'RecordVictim' | 'RecordWitness' | 'RecordSubject'>, asbCase: OpenedAsbCase, now: Date): AsbCaseEvent[] {
  const role = command.type === 'RecordVictim' ? 'victim' : command.type === 'RecordWitness' ? 'witness' : 'subject';
  const recorded = role === 'victim' ? asbCase.victims : role === 'witness' ? asbCase.witnesses : asbCase.subjects;
  refuseErased(asbCase, command.personId);
  if (recorded.has(command.personId)) {
    throw broken('PERSON_ALREADY_RECORDED', `Person ${command.personId} is already a ${role} on ${asbCase.reference}: correct their details instead.`);
  }
  refuseFutureDay(command.recordedOn, `The ${role}’s recording`, now);
  if (command.details.dateOfBirth !== undefined) refuseFutureDay(command.details.dateOfBirth, 'The date of birth', now);
  const party = { ...carryPerson(command.personId, command.details), ...(command.householdKey !== undefined ? { householdKey: command.householdKey } : {}), recordedOn: command.recordedOn };
  if (command.type === 'RecordSubject') {
    const born = command.details.dateOfBirth;
    const estimated = born === undefined && command.estimatedAgeBand !== undefined;
    const ageBand = born !== undefined ? ageBandOn(born, command.recordedOn) : (command.estimatedAgeBand ?? 'unknown');
    return [{ type: 'SubjectRecorded', ...party, ageBand, ageBandEstimated: estimated }];
  }
  const flagRole: 'victim' | 'witness' = role === 'victim' ? 'victim' : 'witness';
  return [
    { type: command.type === 'RecordVictim' ? 'VictimRecorded' : 'WitnessRecorded', ...party },
    ...command.flags.map((f) => ({ type: 'PersonFlagged' as const, personId: command.personId, role: flagRole, flag: f.flag, reason: f.reason, flaggedOn: command.recordedOn })),
  ];
}

function reportIncident(command: AsbCaseCommandOf<'ReportIncident'>, asbCase: OpenedAsbCase, now: Date): AsbCaseEvent[] {
  const { reporter } = command.report;
  if (reporter.kind === 'person' && !asbCase.victims.has(reporter.personId) && !asbCase.witnesses.has(reporter.personId)) {
    throw broken('INCIDENT_REPORTER_NOT_FOUND', `Person ${reporter.personId} is not a victim or witness on ${asbCase.reference}: record who reported first.`);
  }
  for (const subjectId of command.subjectPersonIds) {
    if (!asbCase.subjects.has(subjectId)) throw broken('SUBJECT_NOT_FOUND', `Person ${subjectId} is not a subject on ${asbCase.reference}: record them as a subject first.`);
  }
  refuseFutureDay(command.occurredOn, 'The incident', now);
  refuseFutureDay(command.report.reportedOn, 'The report', now);
  const existing = asbCase.incidents.get(command.incidentId);
  if (existing) {
    // The same incident reported again (to another agency, by someone else) is one incident with another report.
    const same = existing.occurredOn === command.occurredOn && existing.kind === command.kind && existing.where.description === command.where.description;
    if (!same) throw broken('INCIDENT_ID_TAKEN', `The incident id "${command.incidentId}" is already a ${existing.kind} incident of ${existing.occurredOn} on ${asbCase.reference}.`);
    if (existing.reports.some((r) => JSON.stringify(r) === JSON.stringify(command.report))) return [];
    return [{ type: 'IncidentReportAdded', incidentId: command.incidentId, report: command.report }];
  }
  const { type: _type, ...incident } = command;
  return [{ type: 'IncidentReported', ...incident }];
}

function decideOnOpenCase(command: Exclude<AsbCaseCommand, { type: 'OpenAsbCase' | 'RecordRetentionReview' }>, asbCase: OpenedAsbCase, actor: Actor, now: Date): AsbCaseEvent[] {
  switch (command.type) {
    case 'AddCasePartner':
      if (command.agencyId === asbCase.owningAgencyId || asbCase.partners.has(command.agencyId)) return [];
      return [{ type: 'CasePartnerAdded', agencyId: command.agencyId, ...(command.reason !== undefined ? { reason: command.reason } : {}) }];

    case 'RemoveCasePartner':
      if (!asbCase.partners.has(command.agencyId)) throw broken('CASE_PARTNER_NOT_FOUND', `${command.agencyId} is not a partner on ${asbCase.reference}.`);
      return [{ type: 'CasePartnerRemoved', agencyId: command.agencyId, reason: command.reason }];

    case 'ReportIncident':
      return reportIncident(command, asbCase, now);

    case 'RecordVictim':
    case 'RecordWitness':
    case 'RecordSubject':
      return recordParty(command, asbCase, now);

    case 'CorrectPersonalDetails': {
      if (!asbCase.people.has(command.personId)) throw broken('PERSON_NOT_ON_CASE', `Person ${command.personId} is not on ${asbCase.reference}.`);
      refuseErased(asbCase, command.personId);
      if (sameDetails(asbCase.people.get(command.personId), command.details)) return [];
      refuseFutureDay(command.correctedOn, 'The correction', now);
      if (command.details.dateOfBirth !== undefined) refuseFutureDay(command.details.dateOfBirth, 'The date of birth', now);
      const born = command.details.dateOfBirth;
      const subjectAgeBand = asbCase.subjects.has(command.personId) && born !== undefined ? { subjectAgeBand: ageBandOn(born, command.correctedOn) } : {};
      return [{ type: 'PersonalDetailsCorrected', ...carryPerson(command.personId, command.details), correctedOn: command.correctedOn, ...subjectAgeBand }];
    }

    case 'FlagPerson': {
      const victim = asbCase.victims.get(command.personId);
      const party = victim ?? asbCase.witnesses.get(command.personId);
      if (!party) {
        if (asbCase.subjects.has(command.personId)) throw broken('PERSON_NOT_FLAGGABLE', `Person ${command.personId} is a subject on ${asbCase.reference}: victims and witnesses are flagged vulnerable or intimidated.`);
        throw broken('PERSON_NOT_ON_CASE', `Person ${command.personId} is not on ${asbCase.reference}.`);
      }
      if (party.flags.some((f) => f.flag === command.flag)) return [];
      refuseFutureDay(command.flaggedOn, 'The flag', now);
      return [{ type: 'PersonFlagged', personId: command.personId, role: victim ? 'victim' : 'witness', flag: command.flag, reason: command.reason, flaggedOn: command.flaggedOn }];
    }

    case 'AssessVictimRisk': {
      if (!asbCase.victims.has(command.personId)) throw broken('VICTIM_NOT_FOUND', `Person ${command.personId} is not a victim on ${asbCase.reference}: the risk assessment is a victim’s.`);
      refuseFutureDay(command.assessedOn, 'The assessment', now);
      const { score, level: scoredLevel } = scoreRiskAnswers(command.questionnaireVersion, command.answers);
      if (command.judgement && !isHigherLevel(command.judgement.raiseTo, scoredLevel)) {
        throw broken('RISK_JUDGEMENT_NOT_HIGHER', `The answers score ${score}, ${scoredLevel} risk: professional judgement raises the level, it never lowers or repeats it (${command.judgement.raiseTo}).`);
      }
      return [
        {
          type: 'VictimRiskAssessed',
          personId: command.personId,
          questionnaireVersion: command.questionnaireVersion,
          answers: command.answers,
          score,
          scoredLevel,
          level: command.judgement?.raiseTo ?? scoredLevel,
          ...(command.judgement ? { judgement: command.judgement } : {}),
          assessedOn: command.assessedOn,
          assessor: authorOf(actor),
          ...(command.singlePointOfContact ? { singlePointOfContact: command.singlePointOfContact } : {}),
        },
      ];
    }

    case 'ReviewVictimRisk': {
      // Supervisory review (DOMAIN.md's cadences are a sergeant's, an inspector's, a chief inspector's).
      if (!hasRole(actor, 'supervisor')) throw broken('RISK_REVIEW_NEEDS_SUPERVISOR', 'A victim’s risk is reviewed by a supervisor (a sergeant or above).');
      const victim = asbCase.victims.get(command.personId);
      if (!victim) throw broken('VICTIM_NOT_FOUND', `Person ${command.personId} is not a victim on ${asbCase.reference}.`);
      if (victim.risk.assessments.length === 0) throw broken('RISK_NOT_ASSESSED', `Person ${command.personId} has not been assessed: there is no risk to review yet.`);
      refuseFutureDay(command.reviewedOn, 'The review', now);
      return [{ type: 'VictimRiskReviewed', personId: command.personId, reviewer: command.reviewer, reviewedOn: command.reviewedOn, note: command.note, by: authorOf(actor) }];
    }

    case 'RecordIntervention':
      return decideIntervention(command, asbCase, now);

    case 'RecordBreach':
      return decideBreach(command, asbCase, now);

    case 'MakeReferral': {
      if (asbCase.referrals.has(command.referralId)) throw broken('REFERRAL_ALREADY_MADE', `A referral "${command.referralId}" is already recorded on ${asbCase.reference}.`);
      const onCase = asbCase.victims.has(command.personId) || asbCase.witnesses.has(command.personId) || asbCase.subjects.has(command.personId);
      if (!onCase) throw broken('PERSON_NOT_ON_CASE', `Person ${command.personId} is not on ${asbCase.reference}: a referral is for a victim, witness or subject of the case.`);
      refuseFutureDay(command.referredOn, 'The referral', now);
      const { type: _type, ...referral } = command;
      return [{ type: 'ReferralMade', ...referral }];
    }

    case 'RequestCaseReview':
    case 'RecordCaseReviewDecision':
    case 'RecordCaseReviewOutcome':
    case 'AppealCaseReview':
    case 'DecideCaseReviewAppeal':
      return decideCaseReview(command, asbCase, now);

    case 'LinkCaseToPlan':
      if (asbCase.plan?.planId === command.planId) return [];
      refuseFutureDay(command.linkedOn, 'The link', now);
      return [
        {
          type: 'CaseLinkedToPlan',
          planId: command.planId,
          linkedOn: command.linkedOn,
          ...(command.reason !== undefined ? { reason: command.reason } : {}),
          ...(asbCase.plan ? { previousPlanId: asbCase.plan.planId } : {}),
        },
      ];

    case 'CloseAsbCase': {
      for (const answer of command.victimSatisfaction) {
        if (!asbCase.victims.has(answer.personId)) throw broken('VICTIM_NOT_FOUND', `Person ${answer.personId} is not a victim on ${asbCase.reference}: satisfaction is a victim’s.`);
      }
      const answered = new Set(command.victimSatisfaction.map((s) => s.personId));
      const unanswered = [...asbCase.victims.keys()].filter((id) => !answered.has(id));
      if (unanswered.length > 0) {
        throw broken(
          'CASE_SATISFACTION_MISSING',
          `${asbCase.reference} closes with each victim’s satisfaction recorded (or that they declined, or could not be reached): ${unanswered.length} ${unanswered.length === 1 ? 'victim has' : 'victims have'} none (${unanswered.join(', ')}).`,
        );
      }
      refuseFutureDay(command.closedOn, 'The closure', now);
      return [{ type: 'AsbCaseClosed', closedOn: command.closedOn, outcome: command.outcome, summary: command.summary, victimSatisfaction: command.victimSatisfaction }];
    }

    case 'ReopenAsbCase':
      if (asbCase.status !== 'closed') throw broken('ASB_CASE_NOT_CLOSED', `${asbCase.reference} is open: only a closed case is reopened.`);
      refuseFutureDay(command.reopenedOn, 'The reopening', now);
      return [{ type: 'AsbCaseReopened', reason: command.reason, reopenedOn: command.reopenedOn }];

    case 'LinkCaseAction':
      if (asbCase.actions.has(command.actionId)) return [];
      return [{ type: 'CaseActionLinked', actionId: command.actionId, agencyId: command.agencyId, description: command.description, dueOn: command.dueOn }];

    case 'NoteCaseActionReassigned': {
      const action = asbCase.actions.get(command.actionId);
      if (!action) throw broken('CASE_ACTION_NOT_FOUND', `Action ${command.actionId} is not an action of ${asbCase.reference}.`);
      // A case whose copy no longer holds the agency replaced has heard this already (a replay): nothing to record.
      if (action.agencyId !== command.previousAgencyId) return [];
      return [{ type: 'CaseActionReassigned', actionId: command.actionId, agencyId: command.agencyId }];
    }

    case 'NoteCaseActionOutcome': {
      const action = asbCase.actions.get(command.actionId);
      if (!action) throw broken('CASE_ACTION_NOT_FOUND', `Action ${command.actionId} is not an action of ${asbCase.reference}.`);
      if (action.outcome?.status === command.status) return [];
      return [{ type: 'CaseActionOutcomeNoted', actionId: command.actionId, status: command.status, on: command.on }];
    }

    case 'AcknowledgeAlert': {
      const alert = asbCase.alerts.find((a) => a.alertId === command.alertId);
      if (!alert) throw broken('ALERT_NOT_FOUND', `${asbCase.reference} has no ${command.alertId}.`);
      // Each agency acknowledges for itself, a coordinator included: the alert is the agency's to act on.
      if (!alert.agencies.includes(actor.agencyId)) throw broken('ALERT_NOT_FOR_AGENCY', `${command.alertId} on ${asbCase.reference} went to ${alert.agencies.join(', ')}, not to ${actor.agencyId}.`);
      if (alert.acknowledgements.has(actor.agencyId)) return [];
      return [{ type: 'AlertAcknowledged', alertId: alert.alertId, agencyId: actor.agencyId, by: authorOf(actor), acknowledgedOn: now.toISOString().slice(0, 10) }];
    }
  }
}

export const asbCaseDecider: Decider<AsbCaseCommand, AsbCaseEvent, AsbCaseState> = {
  initialState: initialAsbCaseState,
  evolve: evolveAsbCase,
  decide(command, state, { actor, now }) {
    if (actor.roles.every((role) => role === 'auditor')) throw new DomainForbidden('Auditors read ASB cases; they change nothing.');
    if (command.type === 'OpenAsbCase') {
      if (state.opened) throw broken('ASB_CASE_ALREADY_OPENED', `This case is already open as ${state.reference}.`);
      if (!hasRole(actor, 'coordinator') && actor.agencyId !== command.owningAgencyId) {
        throw broken('ASB_CASE_OWNER_ONLY', `A partner opens cases its own agency owns; ${actor.agencyId} cannot open one for ${command.owningAgencyId}.`);
      }
      refuseFutureDay(command.openedOn, 'The opening', now);
      const { type: _type, ...opening } = command;
      return [{ type: 'AsbCaseOpened', ...opening }];
    }
    if (!state.opened) throw broken('ASB_CASE_NOT_OPENED', 'There is no such case: open it first.');
    // MoPI retention review: a supervisor's or coordinator's, whatever their agency (supervisors review across the partnership).
    if (command.type === 'RecordRetentionReview') {
      return [{ type: 'RetentionReviewRecorded', ...decideRetentionReview(command, retentionRecordOf(state), actor, now) }];
    }
    refuseAccess(command, state, actor);
    // A replay of the reactor links an action the case already has: nothing to do, and nothing to refuse, closed or not.
    if (command.type === 'LinkCaseAction' && state.actions.has(command.actionId)) return [];
    if (state.status === 'closed' && !OPEN_TO_A_CLOSED_CASE.includes(command.type)) {
      throw broken('ASB_CASE_CLOSED', `${state.reference} is closed: nothing changes on a closed case until it is reopened, with a reason.`);
    }
    return decideOnOpenCase(command, state, actor, now);
  },
};
