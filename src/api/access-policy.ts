/**
 * Who may see what: the one place Casebook decides it (DOMAIN.md, roles).
 *
 * - Coordinators (the CSP's analysts and neighbourhood police), supervisors
 *   (who review plans across the partnership) and auditors see every plan and
 *   action in the partnership.
 * - A partner sees the plans its agency takes part in (it opened, owns, is a
 *   partner on, raised, or has an action on), the ASB cases its agency is on
 *   (owns, is a partner on, or has an action on), every action on those, and
 *   any action assigned to its agency.
 * - What a caller may not see does not exist for them: `RecordsInSight` is the
 *   only door from the API to plans, cases and actions (a lint rule keeps the
 *   read models out of the schema). The `AsbCase` type checks `seesCase` again
 *   on every case served, so a resolver that forgot the door fails loudly
 *   instead of leaking a case's people. `Plan` and `Action` do not: there the
 *   second check cost a quarter of a plan query's CPU (bench/api), and the
 *   security tests try every way in from outside instead.
 * - Personal data (a private person who raised a plan; the victims,
 *   witnesses and subjects of a case) only to the agencies on that record, and
 *   to auditors. A coordinator of another agency sees the case, not the people.
 *   The same goes for whatever the API derives from it (a repeat victim's
 *   cases, the complaints behind a case review).
 *
 * - Every read of those people's personal data by an agency other than the
 *   case's owner, and every auditor's read, is recorded in the disclosure
 *   ledger before the data is released (`disclose`).
 *
 * Changing: an auditor changes nothing (`mayChange`, asked by every mutation
 * before it reads its input); a record out of sight cannot be changed either
 * (it answers `NotFound`, word for word as for none); the rest is the
 * deciders' business (only the assigned agency updates an action, only the
 * answerable one reschedules it, only a supervisor reviews a plan...).
 */
import type { Principal } from './auth.js';
import { agenciesOnCase } from '../domain/asb-case/state.js';
import type { ActionDirectory, ActionView } from '../projections/actions.js';
import type { AsbCaseDirectory, AsbCaseView } from '../projections/asb-cases.js';
import type { PlanDirectory, PlanView } from '../projections/plans.js';
import type { DisclosedRole } from '../domain/disclosure/ledger.js';
import type { PersonalDataStanding, PersonalDataStandings } from '../projections/personal-data-standings.js';

/** One read of a person's personal data on a case, to be recorded in the disclosure ledger. */
export interface DisclosureRequest {
  readonly caseId: string;
  readonly reference: string;
  readonly personId: string;
  readonly role: DisclosedRole;
  readonly fields: readonly string[];
}

/** Writes one request's disclosures to the ledger, as one command; rejects if they could not be recorded. */
export type RecordDisclosures = (disclosures: readonly DisclosureRequest[]) => Promise<void>;

interface DisclosureBatch {
  readonly entries: Map<string, { readonly request: Omit<DisclosureRequest, 'fields'>; readonly fields: Set<string> }>;
  readonly recorded: Promise<void>;
}

/** The scopes Pothos scope-auth checks; the parameterised ones are asked per record. */
export interface AccessScopes {
  /** Any valid token (the server refuses a request without one before GraphQL runs). */
  signedIn: boolean;
  coordinator: boolean;
  supervisor: boolean;
  partner: boolean;
  auditor: boolean;
  seesCase: AsbCaseView;
  /** May read the personal data recorded on this plan. */
  personalDataOnPlan: PlanView;
  /** May read the personal data of the victims, witnesses and subjects of this case. */
  personalDataOnCase: AsbCaseView;
}

/** Roles that see the whole partnership. A partner sees what its agency takes part in. */
export function seesWholePartnership(principal: Principal): boolean {
  return principal.roles.some((role) => role === 'coordinator' || role === 'supervisor' || role === 'auditor');
}

/** The agencies taking part in a plan: the one that opened it, its owner's, its partners', those that raised it, and those with actions on it. */
export function agenciesOnPlan(view: PlanView): Set<string> {
  const { plan } = view;
  const agencies = new Set<string>([view.openedByAgency]);
  if (plan.owner?.agencyId) agencies.add(plan.owner.agencyId);
  for (const partner of plan.partners.values()) if (partner.agencyId) agencies.add(partner.agencyId);
  for (const raiser of plan.raisers.values()) if (raiser.agencyId) agencies.add(raiser.agencyId);
  for (const action of plan.actions.values()) agencies.add(action.agencyId);
  return agencies;
}

function takesPart(agencyId: string, view: PlanView): boolean {
  return agenciesOnPlan(view).has(agencyId);
}

/**
 * The agencies on a case: its owner, its partners, and those with its
 * actions, as the case decider counts them (the same agencies it lets work on
 * the case and alerts). Only a coordinator opens a case another agency owns,
 * and a coordinator sees every case anyway.
 */
export function agenciesOnCaseView(view: AsbCaseView): ReadonlySet<string> {
  return agenciesOnCase(view.asbCase);
}

/**
 * The plans and actions one caller may see, for one request. Built per
 * request; the filtered directories are made once, on first use, and only for
 * a partner (for everyone else they are the read models themselves).
 */
export class RecordsInSight {
  private visiblePlans: PlanDirectory | undefined;
  private visibleActions: ActionDirectory | undefined;
  private visibleCases: AsbCaseDirectory | undefined;
  /** Plans and cases this request changed: a caller always sees the answer to its own change, even one that takes the record out of its sight. */
  private readonly changedHere = new Set<string>();
  /** The disclosures of this request not yet written: written together once the current tick's resolvers have all asked. */
  private pendingDisclosures: DisclosureBatch | undefined;
  /** What this request has disclosed of each person on each case, and when it is (or was) recorded: each is recorded once. */
  private readonly disclosed = new Map<string, { readonly fields: Set<string>; recorded: Promise<void> }>();

  constructor(
    readonly principal: Principal,
    private readonly allPlans: () => PlanDirectory,
    private readonly allActions: () => ActionDirectory,
    private readonly allCases: () => AsbCaseDirectory,
    private readonly recordDisclosures: RecordDisclosures = () => Promise.reject(new Error('this request cannot record disclosures')),
    private readonly personalDataStandings: () => PersonalDataStandings = () => new Map(),
  ) {}

  get seesEverything(): boolean {
    return seesWholePartnership(this.principal);
  }

  /** Every role but auditor changes things (the deciders then judge each change). */
  get mayChange(): boolean {
    return this.principal.roles.some((role) => role !== 'auditor');
  }

  seesPlan(view: PlanView): boolean {
    return this.seesEverything || this.changedHere.has(view.planId) || takesPart(this.principal.agencyId, view);
  }

  seesAction(view: ActionView): boolean {
    if (this.seesEverything || view.action.agencyId === this.principal.agencyId) return true;
    const { parent } = view.action;
    if (parent.kind === 'asbcase') {
      const asbCase = this.allCases().cases.get(parent.id);
      return asbCase !== undefined && this.seesCase(asbCase);
    }
    const plan = this.allPlans().plans.get(parent.id);
    return plan !== undefined && this.seesPlan(plan);
  }

  seesCase(view: AsbCaseView): boolean {
    return this.seesEverything || this.changedHere.has(view.caseId) || agenciesOnCaseView(view).has(this.principal.agencyId);
  }

  /** The victims, witnesses and subjects of a case: the agencies on it, and auditors. */
  readsPersonalDataOnCase(view: AsbCaseView): boolean {
    return this.principal.roles.includes('auditor') || agenciesOnCaseView(view).has(this.principal.agencyId);
  }

  /**
   * A person's data on a case: need-to-know (`readsPersonalDataOnCase`), and,
   * while the person is restricted (DPA 2018 s.47(2)), auditors only.
   */
  readsPersonOnCase(view: AsbCaseView, personId: string): boolean {
    if (!this.readsPersonalDataOnCase(view)) return false;
    return this.principal.roles.includes('auditor') || !this.isRestricted(personId);
  }

  /**
   * A resident's name and contact on a plan: the agencies taking part in it,
   * and auditors; while the resident is restricted (s.47(2)), auditors only.
   */
  readsResidentOnPlan(view: PlanView, personId: string | undefined): boolean {
    if (!this.readsPersonalDataOnPlan(view)) return false;
    return personId === undefined || this.principal.roles.includes('auditor') || !this.isRestricted(personId);
  }

  /** Whether the person's data is restricted: kept as evidence, read by auditors only. */
  isRestricted(personId: string): boolean {
    return this.personalDataStandings().get(personId)?.restricted != null;
  }

  /** The person's data-protection standing, or undefined if nothing was ever decided about it. */
  personalDataStandingOf(personId: string): PersonalDataStanding | undefined {
    return this.personalDataStandings().get(personId);
  }

  /**
   * Whether this caller's reads of the case's people are disclosures: its
   * agency is not the case's owner (which holds the data; every other agency
   * receives it under a gateway), or it reads as an auditor.
   */
  disclosesOnRead(view: AsbCaseView): boolean {
    return this.principal.roles.includes('auditor') || view.asbCase.owningAgencyId !== this.principal.agencyId;
  }

  /**
   * Records, in the disclosure ledger, that this caller is reading these
   * fields of a person on the case; resolves once the record is written, and
   * the caller releases the data only then (a rejection: never released
   * unrecorded). The owner's own reads resolve at once. Every disclosure asked
   * for in the same tick is written in one command; one already recorded (or
   * on its way) in this request is not recorded again.
   */
  disclose(view: AsbCaseView, personId: string, role: DisclosedRole, fields: readonly string[]): Promise<void> {
    if (fields.length === 0 || !this.disclosesOnRead(view)) return Promise.resolve();
    const key = JSON.stringify([view.caseId, personId, role]);
    const known = this.disclosed.get(key);
    const fresh = fields.filter((field) => !known?.fields.has(field));
    if (known && fresh.length === 0) return known.recorded;
    const batch = (this.pendingDisclosures ??= this.newDisclosureBatch());
    let entry = batch.entries.get(key);
    if (!entry) {
      entry = { request: { caseId: view.caseId, reference: view.asbCase.reference, personId, role }, fields: new Set() };
      batch.entries.set(key, entry);
    }
    for (const field of fresh) entry.fields.add(field);
    if (known) {
      for (const field of fresh) known.fields.add(field);
      known.recorded = Promise.all([known.recorded, batch.recorded]).then(() => undefined);
      return known.recorded;
    }
    this.disclosed.set(key, { fields: new Set(fresh), recorded: batch.recorded });
    return batch.recorded;
  }

  private newDisclosureBatch(): DisclosureBatch {
    const entries: DisclosureBatch['entries'] = new Map();
    const recorded = new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.pendingDisclosures = undefined;
        const requests = [...entries.values()].map(({ request, fields }) => ({ ...request, fields: [...fields] }));
        Promise.resolve()
          .then(() => this.recordDisclosures(requests))
          .then(resolve, reject);
      });
    });
    return { entries, recorded };
  }

  /**
   * Every case in the partnership, whoever asks, for one purpose only:
   * gathering the complaints a case review counts, which the Act counts
   * wherever they were made. What the caller is then shown of each case is
   * still `seesCase`'s to decide.
   */
  everyCaseForCaseReview(): AsbCaseDirectory {
    return this.allCases();
  }

  asbCase(caseId: string): AsbCaseView | undefined {
    const view = this.allCases().cases.get(caseId);
    return view && this.seesCase(view) ? view : undefined;
  }

  /** The cases in sight, shaped as the cases read model. */
  get cases(): AsbCaseDirectory {
    if (this.seesEverything) return this.allCases();
    if (!this.visibleCases) {
      const all = this.allCases();
      const cases = new Map([...all.cases].filter(([, view]) => this.seesCase(view)));
      const byReference = new Map([...all.byReference].filter(([, caseId]) => cases.has(caseId)));
      this.visibleCases = { cases, byReference };
    }
    return this.visibleCases;
  }

  /** Personal data on a plan: the agencies taking part in it, and auditors (whose reads the disclosure ledger will record). */
  readsPersonalDataOnPlan(view: PlanView): boolean {
    return this.principal.roles.includes('auditor') || takesPart(this.principal.agencyId, view);
  }

  plan(planId: string): PlanView | undefined {
    const view = this.allPlans().plans.get(planId);
    return view && this.seesPlan(view) ? view : undefined;
  }

  action(actionId: string): ActionView | undefined {
    const view = this.allActions().get(actionId);
    return view && this.seesAction(view) ? view : undefined;
  }

  /** The plans in sight, shaped as the plans read model so every query over it works unchanged. */
  get plans(): PlanDirectory {
    if (this.seesEverything) return this.allPlans();
    if (!this.visiblePlans) {
      const all = this.allPlans();
      const plans = new Map([...all.plans].filter(([, view]) => this.seesPlan(view)));
      const byReference = new Map([...all.byReference].filter(([, planId]) => plans.has(planId)));
      this.visiblePlans = { plans, byReference };
    }
    return this.visiblePlans;
  }

  /** The actions in sight, shaped as the actions read model. */
  get actions(): ActionDirectory {
    if (this.seesEverything) return this.allActions();
    this.visibleActions ??= new Map([...this.allActions()].filter(([, view]) => this.seesAction(view)));
    return this.visibleActions;
  }

  /**
   * Forgets the filtered directories, for a context that outlives one answer
   * (a subscription serves each event as a request of its own would be).
   */
  refresh(): void {
    this.visiblePlans = undefined;
    this.visibleActions = undefined;
    this.visibleCases = undefined;
  }

  /** Records that this request changed the plan or case, so its answer shows it (see `changedHere`). */
  changed(recordId: string): void {
    this.changedHere.add(recordId);
    this.refresh();
  }

  /** Records that this request changed the action, so its answer shows the action and its plan. */
  changedAction(actionId: string): void {
    const parent = this.allActions().get(actionId)?.action.parent;
    if (parent) this.changed(parent.id);
  }
}

/** The scopes for Pothos, asked of this request's `RecordsInSight`. */
export function accessScopes(records: RecordsInSight) {
  const roles = records.principal.roles;
  return {
    signedIn: true,
    coordinator: roles.includes('coordinator'),
    supervisor: roles.includes('supervisor'),
    partner: roles.includes('partner'),
    auditor: roles.includes('auditor'),
    seesCase: (view: AsbCaseView) => records.seesCase(view),
    personalDataOnPlan: (view: PlanView) => records.readsPersonalDataOnPlan(view),
    personalDataOnCase: (view: AsbCaseView) => records.readsPersonalDataOnCase(view),
  };
}
