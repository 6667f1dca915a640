/**
 * Every ASB case in the partnership, as the case decider's own fold, with the
 * queries over them: find and search, the risk register, each agency's
 * alerts, and the complaints a case review gathers across cases.
 *
 * The figures the law and the briefing ask for (enforcement counts,
 * effectiveness, case-review statistics, repeat victims) are the domain's own
 * pure functions over these states (domain/asb-case/figures.ts).
 */
import { asbCaseEventSchema, type AsbCaseEvent } from '../domain/asb-case/events.js';
import type { Complaint } from '../domain/asb-case/case-review.js';
import { type CaseAlert, complaintsOfCase, evolveAsbCase, initialAsbCaseState, type OpenedAsbCase } from '../domain/asb-case/state.js';
import { currentAssessment, defaultReviewCadence, isRiskReviewOverdue, reviewDueOn, type ReviewCadence, type RiskAssessment, type VictimRiskLevel } from '../domain/asb-case/risk-assessment.js';
import { parseStreamName, streamCategories } from '../domain/shared/streams.js';
import type { RecordedEvent } from '../eventstore/event-store.js';
import type { Projection } from './projection.js';

export interface AsbCaseView {
  readonly caseId: string;
  readonly streamId: string;
  revision: bigint;
  asbCase: OpenedAsbCase;
  readonly openedByAgency: string;
  lastChangedAt: string;
  /** Which event raised each alert (its stream revision), so the live alert feed can find the alert an event raised. */
  readonly alertRaisedAt: Map<bigint, string>;
}

export interface AsbCaseDirectory {
  readonly cases: Map<string, AsbCaseView>;
  readonly byReference: Map<string, string>;
  /** People erased: whatever reaches the model about them later (an event written in the moment before their key went) is blanked too. */
  readonly erased?: Set<string>;
}

const CASE_EVENT_TYPES = asbCaseEventSchema.options.map((option) => option.shape.type.value);

export const asbCasesProjection: Projection<AsbCaseDirectory> = {
  name: 'asb-cases',
  handles: [...CASE_EVENT_TYPES, 'PersonErased'],
  init: () => ({ cases: new Map(), byReference: new Map(), erased: new Set<string>() }),
  apply(model, recorded) {
    if (recorded.type === 'PersonErased') {
      const personId = String(recorded.data.personId);
      model.erased?.add(personId);
      return forgetPerson(model, personId);
    }
    const parsed = parseStreamName(recorded.streamId);
    if (parsed?.category !== streamCategories.asbCase) return;
    const existing = model.cases.get(parsed.id);
    const state = evolveAsbCase(existing ? { opened: true, ...existing.asbCase } : initialAsbCaseState(), recorded.data as unknown as AsbCaseEvent);
    if (!state.opened) return;
    const { opened: _opened, ...asbCase } = state;
    const view: AsbCaseView = existing ?? {
      caseId: parsed.id,
      streamId: recorded.streamId,
      revision: recorded.revision,
      asbCase,
      openedByAgency: recorded.metadata.actor.agencyId,
      lastChangedAt: recorded.metadata.occurredAt,
      alertRaisedAt: new Map(),
    };
    if (existing && asbCase.alerts.length > existing.asbCase.alerts.length) view.alertRaisedAt.set(recorded.revision, asbCase.alerts[asbCase.alerts.length - 1]!.alertId);
    view.asbCase = asbCase;
    view.revision = recorded.revision;
    view.lastChangedAt = recorded.metadata.occurredAt;
    if (!existing) {
      model.cases.set(parsed.id, view);
      model.byReference.set(asbCase.reference, parsed.id);
    }
    if (model.erased && model.erased.size > 0) for (const personId of peopleIn(recorded.data)) if (model.erased.has(personId)) forgetPerson(model, personId);
  },
};

/** The people an event names with data of theirs: the person it carries, and each complainant of a case review. */
function peopleIn(data: RecordedEvent['data']): string[] {
  const people: string[] = [];
  const person = data.person;
  if (typeof person === 'object' && person !== null && !Array.isArray(person) && typeof person.personId === 'string') people.push(person.personId);
  if (Array.isArray(data.complaints)) {
    for (const complaint of data.complaints) {
      if (typeof complaint === 'object' && complaint !== null && !Array.isArray(complaint) && typeof complaint.complainantPersonId === 'string') people.push(complaint.complainantPersonId);
    }
  }
  return people;
}

/**
 * A person erased: their details and household key leave every case they are
 * on, as they would be if the cases were folded again from the store now
 * (their events read back with no details once the key is destroyed).
 */
function forgetPerson(model: AsbCaseDirectory, personId: string): void {
  for (const view of model.cases.values()) {
    const { asbCase } = view;
    const complains = [...asbCase.caseReviews.values()].some((r) => r.complaints.some((c) => c.complainantPersonId === personId));
    if (!asbCase.people.has(personId) && !complains) continue;
    const withoutHousehold = <T extends { readonly householdKey?: string | undefined }>(parties: ReadonlyMap<string, T>): ReadonlyMap<string, T> => {
      const party = parties.get(personId);
      return party ? new Map(parties).set(personId, { ...party, householdKey: undefined }) : parties;
    };
    view.asbCase = {
      ...asbCase,
      people: asbCase.people.has(personId) ? new Map(asbCase.people).set(personId, null) : asbCase.people,
      victims: withoutHousehold(asbCase.victims),
      witnesses: withoutHousehold(asbCase.witnesses),
      subjects: withoutHousehold(asbCase.subjects),
      caseReviews: withoutComplainantHousehold(asbCase.caseReviews, personId),
    };
  }
}

/** A case review's complaints keep copies of each complainant's household key: an erased complainant's go. */
function withoutComplainantHousehold(reviews: OpenedAsbCase['caseReviews'], personId: string): OpenedAsbCase['caseReviews'] {
  let changed = false;
  const next = new Map(reviews);
  for (const [applicationId, review] of reviews) {
    if (!review.complaints.some((c) => c.complainantPersonId === personId && c.householdKey !== undefined)) continue;
    changed = true;
    next.set(applicationId, { ...review, complaints: review.complaints.map((c) => (c.complainantPersonId === personId ? { ...c, householdKey: undefined } : c)) });
  }
  return changed ? next : reviews;
}

/**
 * One case as its own events leave it (its stream's events in revision order,
 * or a prefix of them), through this projection's own `apply` on a fresh
 * model: the same code and `evolve` as the live read model. Undefined while
 * the events hold no opening.
 */
export function asbCaseViewFrom(events: Iterable<RecordedEvent>): AsbCaseView | undefined {
  const model = asbCasesProjection.init();
  let caseId: string | undefined;
  const handled = new Set<string>(CASE_EVENT_TYPES);
  for (const recorded of events) {
    if (!handled.has(recorded.type)) continue;
    caseId ??= parseStreamName(recorded.streamId)?.id;
    asbCasesProjection.apply(model, recorded);
  }
  return caseId === undefined ? undefined : model.cases.get(caseId);
}

export interface AsbCaseFilter {
  readonly status?: 'open' | 'closed';
  readonly owningAgency?: string;
  readonly neighbourhoodId?: string;
  readonly planId?: string;
  /** Cases with a victim whose current risk level is this. */
  readonly riskLevel?: VictimRiskLevel;
  /** Every word must appear in the title, the summary or the location, in any case. */
  readonly text?: string;
}

/** Cases matching the filter, most recently changed first. */
export function findCases(directory: AsbCaseDirectory, filter: AsbCaseFilter): AsbCaseView[] {
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  return [...directory.cases.values()]
    .filter(({ asbCase }) => {
      if (filter.status !== undefined && asbCase.status !== filter.status) return false;
      if (filter.owningAgency !== undefined && asbCase.owningAgencyId !== filter.owningAgency) return false;
      if (filter.neighbourhoodId !== undefined && asbCase.neighbourhoodId !== filter.neighbourhoodId) return false;
      if (filter.planId !== undefined && asbCase.plan?.planId !== filter.planId) return false;
      if (filter.riskLevel !== undefined && ![...asbCase.victims.values()].some((v) => currentAssessment(v.risk)?.level === filter.riskLevel)) return false;
      if (words.length > 0) {
        const haystack = `${asbCase.title} ${asbCase.summary} ${asbCase.location.description}`.toLowerCase();
        if (!words.every((w) => haystack.includes(w))) return false;
      }
      return true;
    })
    .sort((a, b) => (a.lastChangedAt < b.lastChangedAt ? 1 : a.lastChangedAt > b.lastChangedAt ? -1 : a.caseId.localeCompare(b.caseId)));
}

/** One victim on the risk register: where their risk stands and when it is next reviewed. */
export interface RiskRegisterEntry {
  readonly view: AsbCaseView;
  readonly personId: string;
  readonly assessment: RiskAssessment | null;
  readonly level: VictimRiskLevel | null;
  readonly reviewDueOn: string | null;
  readonly reviewOverdue: boolean;
  readonly flags: readonly string[];
}

const LEVEL_ORDER: Record<VictimRiskLevel, number> = { high: 0, medium: 1, standard: 2 };

/**
 * Every victim on an open case, high risk first, then medium, then standard,
 * then not yet assessed; within a level, an overdue review first, then the
 * soonest due, then the latest assessed.
 */
export function riskRegister(directory: AsbCaseDirectory, today: string, cadence: ReviewCadence = defaultReviewCadence, filter: { readonly level?: VictimRiskLevel; readonly includeClosed?: boolean } = {}): RiskRegisterEntry[] {
  const entries: RiskRegisterEntry[] = [];
  for (const view of directory.cases.values()) {
    if (view.asbCase.status === 'closed' && !filter.includeClosed) continue;
    for (const [personId, victim] of view.asbCase.victims) {
      const assessment = currentAssessment(victim.risk);
      const level = assessment?.level ?? null;
      if (filter.level !== undefined && level !== filter.level) continue;
      entries.push({
        view,
        personId,
        assessment,
        level,
        reviewDueOn: reviewDueOn(victim.risk, cadence),
        reviewOverdue: isRiskReviewOverdue(victim.risk, today, cadence),
        flags: victim.flags.map((f) => f.flag),
      });
    }
  }
  const rank = (e: RiskRegisterEntry) => (e.level === null ? 3 : LEVEL_ORDER[e.level]);
  return entries.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(b.reviewOverdue) - Number(a.reviewOverdue) ||
      (a.reviewDueOn ?? '9999').localeCompare(b.reviewDueOn ?? '9999') ||
      (b.assessment?.assessedOn ?? '').localeCompare(a.assessment?.assessedOn ?? '') ||
      a.view.asbCase.reference.localeCompare(b.view.asbCase.reference),
  );
}

export interface AlertOnCase {
  readonly view: AsbCaseView;
  readonly alert: CaseAlert;
}

/** An agency's alerts, newest first: those raised to it, acknowledged by it or not. */
export function alertsFor(directory: AsbCaseDirectory, agencyId: string, acknowledged?: boolean): AlertOnCase[] {
  const found: AlertOnCase[] = [];
  for (const view of directory.cases.values()) {
    for (const alert of view.asbCase.alerts) {
      if (!alert.agencies.includes(agencyId)) continue;
      if (acknowledged !== undefined && alert.acknowledgements.has(agencyId) !== acknowledged) continue;
      found.push({ view, alert });
    }
  }
  return found.sort((a, b) => b.alert.on.localeCompare(a.alert.on) || a.view.asbCase.reference.localeCompare(b.view.asbCase.reference) || b.alert.alertId.localeCompare(a.alert.alertId));
}

/**
 * The complaints a case review gathers for victims on a case: those of this
 * case and of every other on which the same person (by person id) or the same
 * household (by household key) is a victim, whichever agency holds it. The
 * Act counts complaints to any agency, so `directory` is every case in the
 * partnership; one incident reported to several agencies is still counted
 * once, by the domain's judgement.
 */
export function complaintsAboutVictims(directory: AsbCaseDirectory, view: AsbCaseView, personIds: ReadonlySet<string>): { complaints: Complaint[]; cases: AsbCaseView[] } {
  const households = new Set<string>();
  for (const personId of personIds) {
    const key = view.asbCase.victims.get(personId)?.householdKey;
    if (key !== undefined) households.add(key);
  }
  const cases = [...directory.cases.values()].filter(
    (other) => other.caseId === view.caseId || [...other.asbCase.victims.values()].some((v) => personIds.has(v.personId) || (v.householdKey !== undefined && households.has(v.householdKey))),
  );
  const complaints = new Map<string, Complaint>();
  for (const other of cases) for (const complaint of complaintsOfCase(other.asbCase)) complaints.set(complaint.complaintId, complaint);
  return { complaints: [...complaints.values()], cases };
}
