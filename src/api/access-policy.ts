/**
 * Who may see what: the one place Casebook decides it (DOMAIN.md, roles).
 *
 * - Coordinators (the CSP's analysts and neighbourhood police), supervisors
 *   (who review plans across the partnership) and auditors see every plan and
 *   action in the partnership.
 * - A partner sees the plans its agency takes part in (it opened, owns, is a
 *   partner on, raised, or has an action on) and, on them, every action; and
 *   any action assigned to its agency.
 * - What a caller may not see does not exist for them: `RecordsInSight` is the
 *   only door from the API to plans and actions (a lint rule keeps the
 *   projections out of the schema), and the `Plan` and `Action` types check
 *   `seesPlan` / `seesAction` again on every object served, so a resolver that
 *   forgot the door fails loudly instead of leaking.
 * - Personal data (a private person who raised a plan, and in cases the
 *   victims, witnesses and subjects) only to the agencies on that record, and
 *   to auditors.
 *
 * Changing: an auditor changes nothing (`mayChange`, asked by every mutation
 * before it reads its input); a record out of sight cannot be changed either
 * (it answers `NotFound`, word for word as for none); the rest is the
 * deciders' business (only the assigned agency updates an action, only the
 * answerable one reschedules it, only a supervisor reviews a plan...).
 */
import type { Principal } from './auth.js';
import type { ActionDirectory, ActionView } from '../projections/actions.js';
import type { PlanDirectory, PlanView } from '../projections/plans.js';

/** The scopes Pothos scope-auth checks; the parameterised ones are asked per record. */
export interface AccessScopes {
  /** Any valid token (the server refuses a request without one before GraphQL runs). */
  signedIn: boolean;
  coordinator: boolean;
  supervisor: boolean;
  partner: boolean;
  auditor: boolean;
  seesPlan: PlanView;
  seesAction: ActionView;
  /** May read the personal data recorded on this plan. */
  personalDataOnPlan: PlanView;
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
 * The plans and actions one caller may see, for one request. Built per
 * request; the filtered directories are made once, on first use, and only for
 * a partner (for everyone else they are the read models themselves).
 */
export class RecordsInSight {
  private visiblePlans: PlanDirectory | undefined;
  private visibleActions: ActionDirectory | undefined;
  /** Plans this request changed: a caller always sees the answer to its own change, even one that takes the plan out of its sight. */
  private readonly changedHere = new Set<string>();

  constructor(
    readonly principal: Principal,
    private readonly allPlans: () => PlanDirectory,
    private readonly allActions: () => ActionDirectory,
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
    if (parent.kind !== 'plan') return false;
    const plan = this.allPlans().plans.get(parent.id);
    return plan !== undefined && this.seesPlan(plan);
  }

  /** Personal data on a plan: the agencies taking part in it, and auditors (whose reads the disclosure ledger will record). */
  readsPersonalDataOn(view: PlanView): boolean {
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

  /** Records that this request changed the plan, so its answer shows the plan (see `changedHere`). */
  changed(planId: string): void {
    this.changedHere.add(planId);
    this.visiblePlans = undefined;
    this.visibleActions = undefined;
  }

  /** Records that this request changed the action, so its answer shows the action and its plan. */
  changedAction(actionId: string): void {
    const parent = this.allActions().get(actionId)?.action.parent;
    if (parent?.kind === 'plan') this.changed(parent.id);
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
    seesPlan: (view: PlanView) => records.seesPlan(view),
    seesAction: (view: ActionView) => records.seesAction(view),
    personalDataOnPlan: (view: PlanView) => records.readsPersonalDataOn(view),
  };
}
