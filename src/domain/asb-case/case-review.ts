/**
 * The ASB case review, or Community Trigger: Anti-social Behaviour, Crime and
 * Policing Act 2014, s.104 and schedule 4 (DOMAIN.md).
 *
 * The law: the relevant bodies must decide the threshold is met when at least
 * three qualifying complaints (or a lower number the local procedure sets)
 * have been made about the behaviour (s.104(4)). A complaint qualifies when it
 * is made within the period of one month beginning with the day of the
 * behaviour, and the application is made within the period of six months
 * beginning with the day of the complaint. One incident reported to several
 * agencies is one complaint. Local procedures add routes of their own; the
 * ones in use here are switched on by the procedure given, never assumed.
 *
 * `judgeCaseReviewThreshold` is the whole judgement, explained complaint by
 * complaint: what counted, and why each other complaint did not.
 */
import { z } from 'zod';
import { agencyIdSchema } from '../shared/actor.js';
import { refuseFutureDay } from '../shared/dates.js';
import { DomainError } from '../shared/domain-error.js';
import { calendarDate, localId } from '../shared/values.js';
import { lastDayOfPeriod } from './calendar.js';
import type { AsbCaseCommandOf } from './commands.js';
import type { AsbCaseEvent } from './events.js';
import { householdKeySchema, personIdSchema } from './personal-data.js';
import type { CaseReview, OpenedAsbCase } from './state.js';

/** One complaint: one report of one incident to one agency. */
export const complaintSchema = z.object({
  complaintId: z.string().min(1, 'each complaint needs an id').max(200),
  /** The incident complained of: reports of one incident count once, whichever agencies they went to. */
  incidentId: z.string().min(1, 'say which incident the complaint is about').max(200),
  /** Who complained, by person id; none for an anonymous complaint. */
  complainantPersonId: personIdSchema.optional(),
  householdKey: householdKeySchema.optional(),
  receivedBy: agencyIdSchema,
  behaviourOn: calendarDate,
  complainedOn: calendarDate,
  hateMotivated: z.boolean(),
  /** The place the behaviour happened, when it is one of the partnership's known locations. */
  locationKey: localId.optional(),
});
export type Complaint = z.infer<typeof complaintSchema>;

/**
 * The local review procedure the relevant bodies publish (s.104(2)). The
 * Act lets it lower the number of complaints, never raise it above three.
 * The local routes are off unless the procedure switches them on.
 */
export const caseReviewProcedureSchema = z.object({
  qualifyingComplaints: z.number().int().min(1, 'at least one').max(3, 'the Act lets a local procedure set three at most').default(3),
  /** So many individuals or households complaining about the same problem within six months. */
  individualsOrHouseholds: z
    .object({ enabled: z.boolean().default(false), count: z.number().int().min(2, 'at least two').max(50).default(5) })
    .prefault({}),
  /** A single hate incident. */
  hateIncident: z.object({ enabled: z.boolean().default(false), count: z.number().int().min(1).max(10).default(1) }).prefault({}),
  /** So many incidents at one linked location, reported by more than one person. */
  linkedLocation: z
    .object({
      enabled: z.boolean().default(false),
      incidents: z.number().int().min(2, 'at least two').max(50).default(5),
      reporters: z.number().int().min(2, 'more than one person').max(50).default(2),
    })
    .prefault({}),
});
export type CaseReviewProcedure = z.output<typeof caseReviewProcedureSchema>;

/** The Act alone: three qualifying complaints, no local routes. */
export const statutoryProcedure: CaseReviewProcedure = caseReviewProcedureSchema.parse({});

export const thresholdRouteSchema = z.enum(['qualifying-complaints', 'individuals-or-households', 'hate-incident', 'linked-location']);
export type ThresholdRoute = z.infer<typeof thresholdRouteSchema>;

export type ComplaintStanding =
  | 'counted'
  | 'same-incident'
  | 'made-before-behaviour'
  | 'not-within-a-month-of-behaviour'
  | 'made-after-application'
  | 'application-over-six-months-later';

export interface ComplaintJudgement {
  readonly complaintId: string;
  readonly incidentId: string;
  readonly standing: ComplaintStanding;
  /** Qualifying complaints are `counted` or `same-incident`: both count towards the local routes that count people. */
  readonly qualifies: boolean;
  /** For `same-incident`: the complaint that counted for the incident. */
  readonly sameAs?: string;
  readonly why: string;
}

export interface RouteJudgement {
  readonly route: ThresholdRoute;
  readonly enabled: boolean;
  readonly met: boolean;
  readonly needed: number;
  readonly found: number;
  /** The complaints this route rests on. */
  readonly complaintIds: readonly string[];
  readonly why: string;
}

export interface ThresholdJudgement {
  readonly applicationOn: string;
  readonly met: boolean;
  readonly routesMet: readonly ThresholdRoute[];
  readonly routes: readonly RouteJudgement[];
  /** Every complaint given, earliest first. */
  readonly complaints: readonly ComplaintJudgement[];
}

function howMany(n: number): string {
  return n === 1 ? 'one' : String(n);
}

function judgeComplaint(complaint: Complaint, applicationOn: string): Omit<ComplaintJudgement, 'complaintId' | 'incidentId' | 'qualifies'> {
  const { behaviourOn, complainedOn } = complaint;
  const monthEnds = lastDayOfPeriod(behaviourOn, 1);
  const sixMonthsEnd = lastDayOfPeriod(complainedOn, 6);
  if (complainedOn < behaviourOn) return { standing: 'made-before-behaviour', why: `made on ${complainedOn}, before the behaviour it is about (${behaviourOn})` };
  if (complainedOn > monthEnds) {
    return { standing: 'not-within-a-month-of-behaviour', why: `made on ${complainedOn}, after the month beginning with the behaviour on ${behaviourOn} (it ended on ${monthEnds})` };
  }
  if (complainedOn > applicationOn) return { standing: 'made-after-application', why: `made on ${complainedOn}, after the application on ${applicationOn}` };
  if (applicationOn > sixMonthsEnd) {
    return { standing: 'application-over-six-months-later', why: `the application on ${applicationOn} comes after the six months beginning with the complaint on ${complainedOn} (they ended on ${sixMonthsEnd})` };
  }
  return {
    standing: 'counted',
    why: `made to ${complaint.receivedBy} on ${complainedOn}, within the month beginning with the behaviour on ${behaviourOn}; the application on ${applicationOn} is within the six months beginning with the complaint (to ${sixMonthsEnd})`,
  };
}

/** An individual or household: their household when known, else the person; an anonymous complaint is no one's. */
function householdOf(complaint: Complaint): string | null {
  if (complaint.householdKey !== undefined) return `household:${complaint.householdKey}`;
  if (complaint.complainantPersonId !== undefined) return `person:${complaint.complainantPersonId}`;
  return null;
}

/**
 * Whether the threshold for an ASB case review is met for an application
 * made on `applicationOn`, on these complaints (the application gathers them
 * from every case about the behaviour), under this procedure.
 */
export function judgeCaseReviewThreshold(complaints: readonly Complaint[], applicationOn: string, procedure: CaseReviewProcedure = statutoryProcedure): ThresholdJudgement {
  const ordered = [...complaints].sort((a, b) => (a.complainedOn === b.complainedOn ? a.complaintId.localeCompare(b.complaintId) : a.complainedOn < b.complainedOn ? -1 : 1));
  const countedFor = new Map<string, string>();
  const judged: ComplaintJudgement[] = ordered.map((complaint) => {
    const { standing, why } = judgeComplaint(complaint, applicationOn);
    const base = { complaintId: complaint.complaintId, incidentId: complaint.incidentId };
    if (standing !== 'counted') return { ...base, standing, qualifies: false, why };
    const first = countedFor.get(complaint.incidentId);
    if (first !== undefined) {
      return { ...base, standing: 'same-incident', qualifies: true, sameAs: first, why: `the same incident (${complaint.incidentId}) as ${first}, already counted: one incident reported to several agencies counts once` };
    }
    countedFor.set(complaint.incidentId, complaint.complaintId);
    return { ...base, standing, qualifies: true, why };
  });
  const qualifying = ordered.filter((_, i) => judged[i]!.qualifies);
  const routes: RouteJudgement[] = [
    qualifyingComplaintsRoute(judged, procedure),
    individualsOrHouseholdsRoute(qualifying, procedure),
    hateIncidentRoute(qualifying, procedure),
    linkedLocationRoute(qualifying, procedure),
  ];
  const routesMet = routes.filter((r) => r.met).map((r) => r.route);
  return { applicationOn, met: routesMet.length > 0, routesMet, routes, complaints: judged };
}

function qualifyingComplaintsRoute(judged: readonly ComplaintJudgement[], procedure: CaseReviewProcedure): RouteJudgement {
  const counted = judged.filter((j) => j.standing === 'counted').map((j) => j.complaintId);
  const needed = procedure.qualifyingComplaints;
  const met = counted.length >= needed;
  return {
    route: 'qualifying-complaints',
    enabled: true,
    met,
    needed,
    found: counted.length,
    complaintIds: counted,
    why: `${counted.length} qualifying complaint${counted.length === 1 ? '' : 's'} about separate incidents; ${needed} ${met ? 'meet' : 'are needed to meet'} the threshold`,
  };
}

function individualsOrHouseholdsRoute(qualifying: readonly Complaint[], procedure: CaseReviewProcedure): RouteJudgement {
  const { enabled, count: needed } = procedure.individualsOrHouseholds;
  const firstBy = new Map<string, string>();
  for (const complaint of qualifying) {
    const who = householdOf(complaint);
    if (who !== null && !firstBy.has(who)) firstBy.set(who, complaint.complaintId);
  }
  const found = firstBy.size;
  const met = enabled && found >= needed;
  return {
    route: 'individuals-or-households',
    enabled,
    met,
    needed,
    found,
    complaintIds: [...firstBy.values()],
    why: enabled
      ? `${howMany(found)} individual${found === 1 ? '' : 's'} or household${found === 1 ? '' : 's'} complained within six months; the local procedure needs ${needed}`
      : 'not in the local procedure',
  };
}

function hateIncidentRoute(qualifying: readonly Complaint[], procedure: CaseReviewProcedure): RouteJudgement {
  const { enabled, count: needed } = procedure.hateIncident;
  const firstOf = new Map<string, string>();
  for (const complaint of qualifying) if (complaint.hateMotivated && !firstOf.has(complaint.incidentId)) firstOf.set(complaint.incidentId, complaint.complaintId);
  const found = firstOf.size;
  const met = enabled && found >= needed;
  return {
    route: 'hate-incident',
    enabled,
    met,
    needed,
    found,
    complaintIds: [...firstOf.values()],
    why: enabled ? `${howMany(found)} hate incident${found === 1 ? '' : 's'} complained of; the local procedure needs ${needed}` : 'not in the local procedure',
  };
}

function linkedLocationRoute(qualifying: readonly Complaint[], procedure: CaseReviewProcedure): RouteJudgement {
  const { enabled, incidents: neededIncidents, reporters: neededReporters } = procedure.linkedLocation;
  const byPlace = new Map<string, { incidents: Set<string>; reporters: Set<string>; complaintIds: string[] }>();
  for (const complaint of qualifying) {
    if (complaint.locationKey === undefined) continue;
    const place = byPlace.get(complaint.locationKey) ?? { incidents: new Set<string>(), reporters: new Set<string>(), complaintIds: [] };
    place.incidents.add(complaint.incidentId);
    if (complaint.complainantPersonId !== undefined) place.reporters.add(complaint.complainantPersonId);
    place.complaintIds.push(complaint.complaintId);
    byPlace.set(complaint.locationKey, place);
  }
  let best: { key: string; incidents: number; reporters: number; complaintIds: string[]; met: boolean } | null = null;
  for (const [key, place] of byPlace) {
    const candidate = { key, incidents: place.incidents.size, reporters: place.reporters.size, complaintIds: place.complaintIds, met: place.incidents.size >= neededIncidents && place.reporters.size >= neededReporters };
    if (!best || (candidate.met && !best.met) || (candidate.met === best.met && candidate.incidents > best.incidents)) best = candidate;
  }
  const met = enabled && (best?.met ?? false);
  return {
    route: 'linked-location',
    enabled,
    met,
    needed: neededIncidents,
    found: best?.incidents ?? 0,
    complaintIds: best?.complaintIds ?? [],
    why: !enabled
      ? 'not in the local procedure'
      : best
        ? `${best.incidents} incident${best.incidents === 1 ? '' : 's'} at ${best.key}, reported by ${best.reporters} ${best.reporters === 1 ? 'person' : 'people'}; the local procedure needs ${neededIncidents} incidents reported by ${neededReporters} or more people`
        : 'no complaint names a linked location',
  };
}

export const caseReviewRuleCodes = [
  'CASE_REVIEW_ALREADY_REQUESTED',
  'CASE_REVIEW_NOT_REQUESTED',
  'CASE_REVIEW_NOT_DECIDED',
  'CASE_REVIEW_ALREADY_DECIDED',
  'CASE_REVIEW_THRESHOLD_MET',
  'CASE_REVIEW_NOT_TO_BE_HELD',
  'CASE_REVIEW_ALREADY_HELD',
  'CASE_REVIEW_NOT_YET_HELD',
  'CASE_REVIEW_ALREADY_APPEALED',
  'CASE_REVIEW_NOT_APPEALED',
  'CASE_REVIEW_APPEAL_ALREADY_DECIDED',
  'CASE_REVIEW_DATE_OUT_OF_ORDER',
] as const;
type CaseReviewRuleCode = (typeof caseReviewRuleCodes)[number] | 'VICTIM_NOT_FOUND';

function refused(code: CaseReviewRuleCode, message: string): DomainError {
  return new DomainError(code, message);
}

type CaseReviewCommand = AsbCaseCommandOf<'RequestCaseReview' | 'RecordCaseReviewDecision' | 'RecordCaseReviewOutcome' | 'AppealCaseReview' | 'DecideCaseReviewAppeal'>;

/** Whether a review meeting is owed: the threshold was decided met, or an appeal against deciding otherwise was upheld. */
export function reviewToBeHeld(review: CaseReview): boolean {
  if (!review.decision) return false;
  return review.decision.thresholdMet || (review.appeal?.against === 'decision' && review.appeal.decision?.upheld === true);
}

/** How many review meetings the application is owed: one, and a second after an appeal against the first is upheld. */
function hearingsOwed(review: CaseReview): number {
  if (!reviewToBeHeld(review)) return 0;
  return review.appeal?.against === 'outcome' && review.appeal.decision?.upheld === true ? 2 : 1;
}

function notBefore(day: string, earlier: string, what: string, reference: string): void {
  if (day < earlier) throw refused('CASE_REVIEW_DATE_OUT_OF_ORDER', `${what} (${day}) cannot come before ${reference} (${earlier}).`);
}

/**
 * The case review's steps in their order: an application, the threshold
 * decision, the review meeting with its recommendations, and the
 * applicant's appeal. Each step refuses to come before the one it follows.
 */
export function decideCaseReview(command: CaseReviewCommand, asbCase: OpenedAsbCase, now: Date): AsbCaseEvent[] {
  const review = asbCase.caseReviews.get(command.applicationId);
  if (command.type === 'RequestCaseReview') {
    if (review) throw refused('CASE_REVIEW_ALREADY_REQUESTED', `An application "${command.applicationId}" is already recorded on ${asbCase.reference}.`);
    if (!asbCase.victims.has(command.applicantPersonId)) {
      throw refused('VICTIM_NOT_FOUND', `Person ${command.applicantPersonId} is not a victim on ${asbCase.reference}: a case review is applied for by or for a victim.`);
    }
    refuseFutureDay(command.appliedOn, 'The application', now);
    const judgement = judgeCaseReviewThreshold(command.complaints, command.appliedOn, command.procedure);
    const { type: _type, ...application } = command;
    return [
      {
        type: 'CaseReviewRequested',
        ...application,
        thresholdShown: {
          met: judgement.met,
          routesMet: [...judgement.routesMet],
          countedComplaintIds: judgement.complaints.filter((c) => c.standing === 'counted').map((c) => c.complaintId),
        },
      },
    ];
  }
  if (!review) throw refused('CASE_REVIEW_NOT_REQUESTED', `No application "${command.applicationId}" for a case review on ${asbCase.reference}: record the application first.`);
  switch (command.type) {
    case 'RecordCaseReviewDecision': {
      if (review.decision) throw refused('CASE_REVIEW_ALREADY_DECIDED', `The threshold for "${command.applicationId}" was decided on ${review.decision.decidedOn}.`);
      notBefore(command.decidedOn, review.appliedOn, 'The decision', 'the application');
      refuseFutureDay(command.decidedOn, 'The decision', now);
      if (!command.thresholdMet && review.thresholdShown.met) {
        throw refused(
          'CASE_REVIEW_THRESHOLD_MET',
          `The complaints on "${command.applicationId}" meet the threshold (${review.thresholdShown.routesMet.join(', ')}): the relevant bodies must decide it is met and hold the review.`,
        );
      }
      const { type: _type, ...decision } = command;
      return [{ type: 'CaseReviewDecided', ...decision }];
    }
    case 'RecordCaseReviewOutcome': {
      if (!review.decision) throw refused('CASE_REVIEW_NOT_DECIDED', `The threshold for "${command.applicationId}" is not yet decided: a review is held once it is decided met.`);
      if (!reviewToBeHeld(review)) throw refused('CASE_REVIEW_NOT_TO_BE_HELD', `The threshold for "${command.applicationId}" was decided not met on ${review.decision.decidedOn}: no review is held unless an appeal is upheld.`);
      if (review.hearings.length >= hearingsOwed(review)) {
        throw refused('CASE_REVIEW_ALREADY_HELD', `The review for "${command.applicationId}" was held on ${review.hearings.at(-1)!.heldOn}; it is held again only if an appeal against it is upheld.`);
      }
      // After an upheld appeal the meeting follows the appeal's decision; otherwise the threshold decision.
      const upheld = review.appeal?.decision?.upheld ? review.appeal.decision : null;
      notBefore(command.heldOn, upheld?.decidedOn ?? review.decision.decidedOn, 'The review meeting', upheld ? 'the appeal’s decision' : 'the threshold decision');
      refuseFutureDay(command.heldOn, 'The review meeting', now);
      const { type: _type, ...hearing } = command;
      return [{ type: 'CaseReviewHeld', ...hearing }];
    }
    case 'AppealCaseReview': {
      if (!review.decision) throw refused('CASE_REVIEW_NOT_DECIDED', `The threshold for "${command.applicationId}" is not yet decided: there is nothing to appeal.`);
      if (review.appeal) throw refused('CASE_REVIEW_ALREADY_APPEALED', `"${command.applicationId}" was appealed on ${review.appeal.appealedOn}.`);
      const lastHearing = review.hearings.at(-1);
      if (!lastHearing && review.decision.thresholdMet) {
        throw refused('CASE_REVIEW_NOT_YET_HELD', `The threshold for "${command.applicationId}" was decided met: the review is to be held, and its outcome may be appealed once it is.`);
      }
      const against = lastHearing ? 'outcome' : 'decision';
      notBefore(command.appealedOn, lastHearing?.heldOn ?? review.decision.decidedOn, 'The appeal', lastHearing ? 'the review meeting' : 'the threshold decision');
      refuseFutureDay(command.appealedOn, 'The appeal', now);
      return [{ type: 'CaseReviewAppealed', applicationId: command.applicationId, appealedOn: command.appealedOn, against, grounds: command.grounds }];
    }
    case 'DecideCaseReviewAppeal': {
      if (!review.appeal) throw refused('CASE_REVIEW_NOT_APPEALED', `"${command.applicationId}" has not been appealed.`);
      if (review.appeal.decision) throw refused('CASE_REVIEW_APPEAL_ALREADY_DECIDED', `The appeal on "${command.applicationId}" was decided on ${review.appeal.decision.decidedOn}.`);
      notBefore(command.decidedOn, review.appeal.appealedOn, 'The appeal’s decision', 'the appeal');
      refuseFutureDay(command.decidedOn, 'The appeal’s decision', now);
      const { type: _type, ...decision } = command;
      return [{ type: 'CaseReviewAppealDecided', ...decision }];
    }
  }
}
