/**
 * An ASB case as its events leave it. Personal details live in one place,
 * `people`, by person id; victims, witnesses and subjects hold only what is
 * not a person's identity, so that erasing a person empties one entry and
 * leaves the rules working on the rest. Histories are kept: every risk
 * assessment and review, every report of an incident, every breach.
 */
import type { z } from 'zod';
import { type RetentionRecord, type RetentionReview, retentionReviewKept } from '../shared/retention.js';
import type { Complaint, CaseReviewProcedure, ThresholdRoute } from './case-review.js';
import type { IncidentReport, incidentSchema, Place, recommendationSchema, ReferralService, Satisfaction, ThresholdBasis } from './commands.js';
import type { AsbCaseEvent, Author } from './events.js';
import type { Breach, Intervention } from './interventions.js';
import type { AgeBand, PersonalDetails } from './personal-data.js';
import { alertRaisedBy, type PersonFlag, type VictimAlert, type VictimRisk } from './risk-assessment.js';

export interface Flag {
  readonly flag: PersonFlag;
  readonly reason: string;
  readonly flaggedOn: string;
}

export interface Victim {
  readonly personId: string;
  readonly householdKey?: string | undefined;
  readonly recordedOn: string;
  readonly flags: readonly Flag[];
  readonly risk: VictimRisk;
}

export interface Witness {
  readonly personId: string;
  readonly householdKey?: string | undefined;
  readonly recordedOn: string;
  readonly flags: readonly Flag[];
}

export interface Subject {
  readonly personId: string;
  readonly householdKey?: string | undefined;
  readonly recordedOn: string;
  readonly ageBand: AgeBand;
  readonly ageBandEstimated: boolean;
}

export type Incident = z.infer<typeof incidentSchema> & { readonly reports: readonly IncidentReport[] };

export type RecordedIntervention = Intervention & { readonly subjectAgeBandOnIssue?: AgeBand | undefined; readonly breaches: readonly Breach[] };

export interface Referral {
  readonly referralId: string;
  readonly service: ReferralService;
  readonly personId: string;
  readonly referredOn: string;
  readonly reason: string;
  readonly toAgencyId?: string | undefined;
}

export interface CaseReviewHearing {
  readonly heldOn: string;
  readonly agencies: readonly string[];
  readonly findings: string;
  readonly recommendations: readonly z.infer<typeof recommendationSchema>[];
}

export interface CaseReview {
  readonly applicationId: string;
  readonly appliedOn: string;
  readonly applicantPersonId: string;
  readonly madeBy: 'victim' | 'representative';
  readonly representative?: string | undefined;
  readonly complaints: readonly Complaint[];
  readonly procedure: CaseReviewProcedure;
  readonly thresholdShown: { readonly met: boolean; readonly routesMet: readonly ThresholdRoute[]; readonly countedComplaintIds: readonly string[] };
  readonly decision: { readonly decidedOn: string; readonly thresholdMet: boolean; readonly basis?: ThresholdBasis | undefined; readonly reason: string } | null;
  /** The review meetings held: a second only after an appeal against the first was upheld. */
  readonly hearings: readonly CaseReviewHearing[];
  readonly appeal: {
    readonly appealedOn: string;
    readonly against: 'decision' | 'outcome';
    readonly grounds: string;
    readonly decision: { readonly decidedOn: string; readonly upheld: boolean; readonly reason: string } | null;
  } | null;
}

export interface CaseAction {
  readonly actionId: string;
  readonly agencyId: string;
  readonly description: string;
  readonly dueOn: string;
  readonly outcome: { readonly status: 'done' | 'cancelled'; readonly on: string } | null;
}

export interface Closure {
  readonly closedOn: string;
  readonly outcome: string;
  readonly summary: string;
  readonly victimSatisfaction: readonly { readonly personId: string; readonly satisfaction: Satisfaction; readonly comment?: string | undefined }[];
}

export interface OpenedAsbCase {
  readonly reference: string;
  readonly title: string;
  readonly summary: string;
  readonly owningAgencyId: string;
  readonly location: Place;
  readonly neighbourhoodId?: string | undefined;
  readonly openedOn: string;
  readonly status: 'open' | 'closed';
  /** Agencies added to the case as partners, with why. */
  readonly partners: ReadonlyMap<string, { readonly reason?: string | undefined }>;
  readonly actions: ReadonlyMap<string, CaseAction>;
  /** The only personal data on the case, by person id. */
  /** Null for a person erased: their details are gone for good. */
  readonly people: ReadonlyMap<string, PersonalDetails | null>;
  readonly victims: ReadonlyMap<string, Victim>;
  readonly witnesses: ReadonlyMap<string, Witness>;
  readonly subjects: ReadonlyMap<string, Subject>;
  readonly incidents: ReadonlyMap<string, Incident>;
  /** In the order recorded. */
  readonly interventions: ReadonlyMap<string, RecordedIntervention>;
  readonly referrals: ReadonlyMap<string, Referral>;
  readonly caseReviews: ReadonlyMap<string, CaseReview>;
  readonly plan: { readonly planId: string; readonly linkedOn: string } | null;
  readonly closure: Closure | null;
  /** Every closure, the current one last: a reopened case keeps why it was closed before. */
  readonly closures: readonly Closure[];
  readonly reopenings: readonly { readonly reason: string; readonly reopenedOn: string }[];
  /** Every MoPI retention review, oldest first, those of earlier closings included. */
  readonly retentionReviews: readonly RetentionReview[];
  /** Alerts about victims and witnesses, oldest first: `alert-1`, `alert-2`... */
  readonly alerts: readonly CaseAlert[];
}

/**
 * An alert to every agency on the case at the moment it was raised (seed 004,
 * para 16: "alerts partners at once"). Each of those agencies acknowledges it
 * for itself; an agency joining later reads the case, not the alert.
 */
export interface CaseAlert extends VictimAlert {
  readonly alertId: string;
  readonly agencies: readonly string[];
  readonly acknowledgements: ReadonlyMap<string, { readonly by: Author; readonly on: string }>;
}

/** Before its first event a case does not exist. */
export type AsbCaseState = { readonly opened: false } | ({ readonly opened: true } & OpenedAsbCase);

export const initialAsbCaseState = (): AsbCaseState => ({ opened: false });

function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

function withoutEntry<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}

function updated<K, V>(map: ReadonlyMap<K, V>, key: K, change: (value: V) => V): ReadonlyMap<K, V> {
  const value = map.get(key);
  return value === undefined ? map : withEntry(map, key, change(value));
}

export function evolveAsbCase(state: AsbCaseState, event: AsbCaseEvent): AsbCaseState {
  const next = evolveCaseRecord(state, event);
  const alert = next.opened ? alertRaisedBy(event) : null;
  if (!alert || !next.opened) return next;
  const raised: CaseAlert = { ...alert, alertId: `alert-${next.alerts.length + 1}`, agencies: [...agenciesOnCase(next)].sort(), acknowledgements: new Map() };
  return { ...next, alerts: [...next.alerts, raised] };
}

function evolveCaseRecord(state: AsbCaseState, event: AsbCaseEvent): AsbCaseState {
  if (event.type === 'AsbCaseOpened') {
    return {
      opened: true,
      reference: event.reference,
      title: event.title,
      summary: event.summary,
      owningAgencyId: event.owningAgencyId,
      location: event.location,
      neighbourhoodId: event.neighbourhoodId,
      openedOn: event.openedOn,
      status: 'open',
      partners: new Map(),
      actions: new Map(),
      people: new Map(),
      victims: new Map(),
      witnesses: new Map(),
      subjects: new Map(),
      incidents: new Map(),
      interventions: new Map(),
      referrals: new Map(),
      caseReviews: new Map(),
      plan: null,
      closure: null,
      closures: [],
      reopenings: [],
      retentionReviews: [],
      alerts: [],
    };
  }
  if (!state.opened) return state;
  switch (event.type) {
    case 'CasePartnerAdded':
      return { ...state, partners: withEntry(state.partners, event.agencyId, { reason: event.reason }) };
    case 'CasePartnerRemoved':
      return { ...state, partners: withoutEntry(state.partners, event.agencyId) };

    case 'IncidentReported': {
      const { type: _type, report, ...incident } = event;
      return { ...state, incidents: withEntry(state.incidents, event.incidentId, { ...incident, reports: [report] }) };
    }
    case 'IncidentReportAdded':
      return { ...state, incidents: updated(state.incidents, event.incidentId, (incident) => ({ ...incident, reports: [...incident.reports, event.report] })) };

    case 'VictimRecorded': {
      const { personId, details } = event.person;
      const victim: Victim = { personId, householdKey: event.householdKey, recordedOn: event.recordedOn, flags: [], risk: { assessments: [], reviews: [], singlePointOfContact: null } };
      return { ...state, people: withEntry(state.people, personId, details), victims: withEntry(state.victims, personId, victim) };
    }
    case 'WitnessRecorded': {
      const { personId, details } = event.person;
      const witness: Witness = { personId, householdKey: event.householdKey, recordedOn: event.recordedOn, flags: [] };
      return { ...state, people: withEntry(state.people, personId, details), witnesses: withEntry(state.witnesses, personId, witness) };
    }
    case 'SubjectRecorded': {
      const { personId, details } = event.person;
      const subject: Subject = { personId, householdKey: event.householdKey, recordedOn: event.recordedOn, ageBand: event.ageBand, ageBandEstimated: event.ageBandEstimated };
      return { ...state, people: withEntry(state.people, personId, details), subjects: withEntry(state.subjects, personId, subject) };
    }
    case 'PersonalDetailsCorrected': {
      const { personId, details } = event.person;
      const band = event.subjectAgeBand;
      const subjects = band === undefined ? state.subjects : updated(state.subjects, personId, (s) => ({ ...s, ageBand: band, ageBandEstimated: false }));
      return { ...state, people: withEntry(state.people, personId, details), subjects };
    }
    case 'PersonFlagged': {
      const flag: Flag = { flag: event.flag, reason: event.reason, flaggedOn: event.flaggedOn };
      if (event.role === 'victim') return { ...state, victims: updated(state.victims, event.personId, (v) => ({ ...v, flags: [...v.flags, flag] })) };
      return { ...state, witnesses: updated(state.witnesses, event.personId, (w) => ({ ...w, flags: [...w.flags, flag] })) };
    }

    case 'VictimRiskAssessed': {
      const assessment = {
        questionnaireVersion: event.questionnaireVersion,
        answers: event.answers,
        score: event.score,
        scoredLevel: event.scoredLevel,
        level: event.level,
        judgement: event.judgement,
        assessedOn: event.assessedOn,
        assessor: event.assessor.name,
      };
      return {
        ...state,
        victims: updated(state.victims, event.personId, (v) => ({
          ...v,
          risk: { ...v.risk, assessments: [...v.risk.assessments, assessment], singlePointOfContact: event.singlePointOfContact ?? v.risk.singlePointOfContact },
        })),
      };
    }
    case 'VictimRiskReviewed': {
      const review = { reviewer: event.reviewer, reviewedOn: event.reviewedOn, note: event.note, by: event.by.name };
      return { ...state, victims: updated(state.victims, event.personId, (v) => ({ ...v, risk: { ...v.risk, reviews: [...v.risk.reviews, review] } })) };
    }

    case 'InterventionRecorded': {
      const { type: _type, ...intervention } = event;
      return { ...state, interventions: withEntry(state.interventions, event.interventionId, { ...intervention, breaches: [] }) };
    }
    case 'BreachRecorded': {
      const { type: _type, ...breach } = event;
      return { ...state, interventions: updated(state.interventions, event.interventionId, (i) => ({ ...i, breaches: [...i.breaches, breach] })) };
    }
    case 'ReferralMade': {
      const { type: _type, ...referral } = event;
      return { ...state, referrals: withEntry(state.referrals, event.referralId, referral) };
    }

    case 'CaseReviewRequested': {
      const { type: _type, ...application } = event;
      return { ...state, caseReviews: withEntry(state.caseReviews, event.applicationId, { ...application, decision: null, hearings: [], appeal: null }) };
    }
    case 'CaseReviewDecided':
      return {
        ...state,
        caseReviews: updated(state.caseReviews, event.applicationId, (r) => ({
          ...r,
          decision: { decidedOn: event.decidedOn, thresholdMet: event.thresholdMet, basis: event.basis, reason: event.reason },
        })),
      };
    case 'CaseReviewHeld': {
      const { type: _type, applicationId: _id, ...hearing } = event;
      return { ...state, caseReviews: updated(state.caseReviews, event.applicationId, (r) => ({ ...r, hearings: [...r.hearings, hearing] })) };
    }
    case 'CaseReviewAppealed':
      return {
        ...state,
        caseReviews: updated(state.caseReviews, event.applicationId, (r) => ({ ...r, appeal: { appealedOn: event.appealedOn, against: event.against, grounds: event.grounds, decision: null } })),
      };
    case 'CaseReviewAppealDecided':
      return {
        ...state,
        caseReviews: updated(state.caseReviews, event.applicationId, (r) =>
          r.appeal ? { ...r, appeal: { ...r.appeal, decision: { decidedOn: event.decidedOn, upheld: event.upheld, reason: event.reason } } } : r,
        ),
      };

    case 'CaseLinkedToPlan':
      return { ...state, plan: { planId: event.planId, linkedOn: event.linkedOn } };
    case 'AsbCaseClosed': {
      const closure: Closure = { closedOn: event.closedOn, outcome: event.outcome, summary: event.summary, victimSatisfaction: event.victimSatisfaction };
      return { ...state, status: 'closed', closure, closures: [...state.closures, closure] };
    }
    case 'RetentionReviewRecorded': {
      const review = retentionReviewKept(event, retentionRecordOf(state));
      return review ? { ...state, retentionReviews: [...state.retentionReviews, review] } : state;
    }
    case 'AsbCaseReopened':
      return { ...state, status: 'open', closure: null, reopenings: [...state.reopenings, { reason: event.reason, reopenedOn: event.reopenedOn }] };

    case 'CaseActionLinked':
      return {
        ...state,
        actions: withEntry(state.actions, event.actionId, { actionId: event.actionId, agencyId: event.agencyId, description: event.description, dueOn: event.dueOn, outcome: null }),
      };
    case 'CaseActionReassigned':
      return { ...state, actions: updated(state.actions, event.actionId, (a) => ({ ...a, agencyId: event.agencyId })) };
    case 'CaseActionOutcomeNoted':
      return { ...state, actions: updated(state.actions, event.actionId, (a) => ({ ...a, outcome: { status: event.status, on: event.on } })) };
    case 'AlertAcknowledged':
      return {
        ...state,
        alerts: state.alerts.map((a) => (a.alertId === event.alertId ? { ...a, acknowledgements: withEntry(a.acknowledgements, event.agencyId, { by: event.by, on: event.acknowledgedOn }) } : a)),
      };
    default:
      return state;
  }
}

/** The case as the MoPI retention rules see it: its latest closing (none while open) and its retention reviews. */
export function retentionRecordOf(asbCase: Pick<OpenedAsbCase, 'reference' | 'status' | 'closure' | 'reopenings' | 'retentionReviews'>): RetentionRecord {
  return {
    reference: asbCase.reference,
    closedOn: asbCase.status === 'closed' ? (asbCase.closure?.closedOn ?? null) : null,
    reopenings: asbCase.reopenings,
    retentionReviews: asbCase.retentionReviews,
  };
}

/**
 * The agencies on the case, who need to know (DOMAIN.md: a partner sees the
 * cases it takes part in): the owner, the partners added, and each agency an
 * action of the case is now assigned to. An agency whose action was
 * reassigned away is no longer on the case through it.
 */
export function agenciesOnCase(asbCase: Pick<OpenedAsbCase, 'owningAgencyId' | 'partners' | 'actions'>): ReadonlySet<string> {
  const agencies = new Set<string>([asbCase.owningAgencyId, ...asbCase.partners.keys()]);
  for (const action of asbCase.actions.values()) agencies.add(action.agencyId);
  return agencies;
}

/**
 * The case's incident reports as Community Trigger complaints. A report made
 * by a victim or witness, or anonymously, is a complaint; a report by an
 * agency's own staff is not a complaint from the community. Each complaint's
 * id is the case reference, the incident and the report's number, unique
 * across cases. An incident is at a linked location only when its own place
 * is keyed: the case's location is not assumed.
 */
export function complaintsOfCase(asbCase: Pick<OpenedAsbCase, 'reference' | 'incidents' | 'victims' | 'witnesses'>): Complaint[] {
  const complaints: Complaint[] = [];
  for (const incident of asbCase.incidents.values()) {
    incident.reports.forEach((report, index) => {
      if (report.reporter.kind === 'agency-staff') return;
      const personId = report.reporter.kind === 'person' ? report.reporter.personId : undefined;
      const householdKey = personId === undefined ? undefined : (asbCase.victims.get(personId)?.householdKey ?? asbCase.witnesses.get(personId)?.householdKey);
      const locationKey = incident.where.locationKey;
      complaints.push({
        complaintId: `${asbCase.reference}/${incident.incidentId}/${index + 1}`,
        incidentId: `${asbCase.reference}/${incident.incidentId}`,
        ...(personId !== undefined ? { complainantPersonId: personId } : {}),
        ...(householdKey !== undefined ? { householdKey } : {}),
        receivedBy: report.receivedBy,
        behaviourOn: incident.occurredOn,
        complainedOn: report.reportedOn,
        hateMotivated: incident.hateMotivation.length > 0,
        ...(locationKey !== undefined ? { locationKey } : {}),
      });
    });
  }
  return complaints;
}
