/**
 * Plans, cases and actions as they stood at a past instant, and what their
 * fields need to serve them so.
 *
 * - **Built by the live code.** A record as of an instant is its stream read
 *   from the store and cut at the first event that occurred later
 *   (`metadata.occurredAt`, which the hash chain covers), then put through the
 *   read model's own `apply` (`planViewFrom` and the like), so it is always a
 *   state the record really had, at one revision. `occurredAt` is the
 *   command handler's clock and need not rise along a stream (instances'
 *   clocks differ; the demo tells its stories on past days while Casebook
 *   relays action news at the real time): cutting at the first later event,
 *   rather than leaving such events out, never serves a state the record
 *   never had. Events of the same instant (one command's, say) come or go
 *   together.
 * - **Access is judged now.** The caller must see the record as it stands
 *   now (`ctx.records`), or it does not exist for them at any instant; and
 *   what it may read of the people on it is judged on the record as it stands
 *   now too (`liveViewOf`), never on who was on it then.
 * - **Never cached with the live records.** The view is built for the
 *   request and remembered only for it (so a plan's twenty actions, each
 *   asking for their plan as of the same instant, read its stream once).
 * - **The day it is judged on.** Fields that judge "overdue" or "in force"
 *   against today judge a record read as of an instant against that
 *   instant's day (`dayFor`).
 * - **Related records as of the same instant.** A plan's actions, an
 *   action's plan or case, a case's plan and actions: beside a record read as
 *   of an instant, they are read as of the same instant (`planBeside` and the
 *   like); beside a live record, live.
 */
import { GraphQLError } from 'graphql';
import { actionStreamName } from '../../../app/action-stream.js';
import { asbCaseStreamName } from '../../../app/asb-case-stream.js';
import { planStreamName } from '../../../app/plan-stream.js';
import type { RecordedEvent } from '../../../eventstore/event-store.js';
import { type ActionView, actionViewFrom } from '../../../projections/actions.js';
import { type AsbCaseView, asbCaseViewFrom } from '../../../projections/asb-cases.js';
import { type PlanView, planViewFrom } from '../../../projections/plans.js';
import { type GraphQLContext, todayOf } from '../../context.js';

/** A past instant a record is read as of. */
export interface AsOf {
  /** The instant, in ISO-8601 UTC. */
  readonly at: string;
  readonly atMs: number;
  /** The calendar day (UTC) fields judge "overdue" and "in force" on: the instant's, or today's if the instant is later. */
  readonly day: string;
}

interface Mark extends AsOf {
  /** The record as it stands now: what access is judged on. */
  readonly live: object;
}

/** The views (and, on a case, the victims and interventions) built as of an instant, with that instant. */
const marks = new WeakMap<object, Mark>();

/** The instant a view was read as of; undefined for a live one. */
export function asOfOf(value: object): AsOf | undefined {
  return marks.get(value);
}

/** The record as it stands now, for a view read as of an instant; the view itself when it is live. Access is judged on it. */
export function liveViewOf<V extends object>(view: V): V {
  return (marks.get(view)?.live as V | undefined) ?? view;
}

/**
 * The day "overdue" and "in force" are judged on for this view (or victim,
 * or intervention): the as-of day for one read as of an instant, else today
 * by the server's clock.
 */
export function dayFor(ctx: Pick<GraphQLContext, 'casebook'>, value: object): string {
  return marks.get(value)?.day ?? todayOf(ctx);
}

/** The instant an `at` argument names. */
export function asOfInstant(ctx: Pick<GraphQLContext, 'casebook'>, at: string): AsOf {
  const atMs = Date.parse(at);
  if (Number.isNaN(atMs)) throw new GraphQLError(`at: ${JSON.stringify(at)} is not an instant`, { extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'at', message: 'an ISO-8601 date and time' }] } });
  const iso = new Date(atMs).toISOString();
  const today = todayOf(ctx);
  return { at: iso, atMs, day: iso.slice(0, 10) < today ? iso.slice(0, 10) : today };
}

/** A stream's events up to an instant: in revision order, up to (not including) the first that occurred later. */
async function eventsUntil(ctx: GraphQLContext, stream: string, atMs: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const recorded of ctx.casebook.store.readStream(stream)) {
    if (Date.parse(recorded.metadata.occurredAt) > atMs) break;
    events.push(recorded);
  }
  return events;
}

const remembered = new WeakMap<object, Map<string, Promise<unknown>>>();

/** One view per record and instant for the request. */
function once<T>(ctx: GraphQLContext, key: string, build: () => Promise<T>): Promise<T> {
  let views = remembered.get(ctx);
  if (!views) remembered.set(ctx, (views = new Map()));
  let view = views.get(key) as Promise<T> | undefined;
  if (!view) views.set(key, (view = build()));
  return view;
}

function marked<V extends object>(view: V, asOf: AsOf, live: object, alongside: Iterable<object> = []): V {
  const mark: Mark = { at: asOf.at, atMs: asOf.atMs, day: asOf.day, live };
  marks.set(view, mark);
  for (const part of alongside) marks.set(part, mark);
  return view;
}

/** The plan as it stood at the instant; null if the caller may not see it now, or it was not yet opened then. */
export function planAsOf(ctx: GraphQLContext, planId: string, asOf: AsOf): Promise<PlanView | null> {
  const live = ctx.records.plan(planId);
  if (!live) return Promise.resolve(null);
  return once(ctx, `plan:${planId}@${asOf.atMs}`, async () => {
    const view = planViewFrom(await eventsUntil(ctx, planStreamName(planId), asOf.atMs));
    return view ? marked(view, asOf, live) : null;
  });
}

/** The action as it stood at the instant; null if the caller may not see it now, or it was not yet assigned then. */
export function actionAsOf(ctx: GraphQLContext, actionId: string, asOf: AsOf): Promise<ActionView | null> {
  const live = ctx.records.action(actionId);
  if (!live) return Promise.resolve(null);
  return once(ctx, `action:${actionId}@${asOf.atMs}`, async () => {
    const view = actionViewFrom(await eventsUntil(ctx, actionStreamName(actionId), asOf.atMs));
    return view ? marked(view, asOf, live) : null;
  });
}

/** The case as it stood at the instant; null if the caller may not see it now, or it was not yet opened then. */
export function asbCaseAsOf(ctx: GraphQLContext, caseId: string, asOf: AsOf): Promise<AsbCaseView | null> {
  const live = ctx.records.asbCase(caseId);
  if (!live) return Promise.resolve(null);
  return once(ctx, `asbcase:${caseId}@${asOf.atMs}`, async () => {
    const view = asbCaseViewFrom(await eventsUntil(ctx, asbCaseStreamName(caseId), asOf.atMs));
    // Its victims and interventions judge their reviews and expiry on the as-of day too.
    return view ? marked(view, asOf, live, [...view.asbCase.victims.values(), ...view.asbCase.interventions.values()]) : null;
  });
}

type MaybePromise<T> = T | Promise<T>;

/** The plan a record names, as the record is read: as of the same instant beside one read as of an instant, else live. */
export function planBeside(ctx: GraphQLContext, from: object, planId: string): MaybePromise<PlanView | null> {
  const asOf = marks.get(from);
  return asOf ? planAsOf(ctx, planId, asOf) : (ctx.records.plan(planId) ?? null);
}

/** The case a record names, as the record is read (see `planBeside`). */
export function asbCaseBeside(ctx: GraphQLContext, from: object, caseId: string): MaybePromise<AsbCaseView | null> {
  const asOf = marks.get(from);
  return asOf ? asbCaseAsOf(ctx, caseId, asOf) : (ctx.records.asbCase(caseId) ?? null);
}

/**
 * A record's actions, as the record is read: beside one read as of an
 * instant, each of `live` (those the caller sees now) as it stood then, less
 * those not yet assigned, soonest due first as they were then.
 */
export function actionsBeside(ctx: GraphQLContext, from: object, live: ActionView[]): MaybePromise<ActionView[]> {
  const asOf = marks.get(from);
  if (!asOf) return live;
  return Promise.all(live.map((view) => actionAsOf(ctx, view.actionId, asOf))).then((views) =>
    views
      .filter((view): view is ActionView => view !== null)
      .sort((a, b) => a.action.dueOn.localeCompare(b.action.dueOn) || a.action.reference.localeCompare(b.action.reference)),
  );
}

/** `f` of a value that may not be there yet. */
export function whenReady<T, U>(value: MaybePromise<T>, f: (value: T) => U): MaybePromise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}
