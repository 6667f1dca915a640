/**
 * `history`: every event of one plan, ASB case or action, oldest first, with
 * who recorded it, when, a line for people, its data as the caller may read
 * it, and its links in the hash chain. Also a field of `Plan`, `AsbCase` and
 * `Action`.
 *
 * The record must be in the caller's sight now (ctx.records); otherwise the
 * answer is null, as for an id never used. The data is the event's own, read
 * from the store, less what the access model withholds from this caller
 * today, each such value replaced by `{ "withheld": true }`:
 *
 * - on a case, for a caller that may not read its people (its agency is not
 *   on the case now, and it is not an auditor): a person's details (the
 *   `person` of VictimRecorded, WitnessRecorded, SubjectRecorded and
 *   PersonalDetailsCorrected, which keeps its `personId`), household keys,
 *   and who made each complaint a case review gathered;
 * - on a plan, for a caller that may not read its personal data: a
 *   resident's name among those who raised it, and every raiser's contact;
 * - on any record: what would name a plan or case the caller may not see (a
 *   case linked to such a plan, a complaint made on such a case, the plan or
 *   case an action is on), as everywhere else in the API.
 *
 * A case event's person served unwithheld to an agency other than the case's
 * owner (or to an auditor) is a disclosure: recorded in the ledger before the
 * entry's `data` is served.
 */
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { actionStreamName } from '../../../app/action-stream.js';
import { personCarriedBy } from '../../../domain/asb-case/personal-data.js';
import type { DisclosedRole } from '../../../domain/disclosure/ledger.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../../../eventstore/event-store.js';
import type { ActionView } from '../../../projections/actions.js';
import type { AsbCaseView } from '../../../projections/asb-cases.js';
import type { PlanView } from '../../../projections/plans.js';
import { eventTypeInWords, summariesOf } from '../../../projections/record-summaries.js';
import type { GraphQLContext } from '../../context.js';
import { ActionRef } from '../action/action-type.js';
import { AsbCaseRef, ComplaintSight, detailsFieldsOf, releasePersonalData } from '../asb-case/case-type.js';
import type { ObjectRef } from '@pothos/core';
import { builder, type CasebookTypes } from '../builder.js';
import { PlanRef } from '../plan/plan-type.js';
import { pageSizeOf } from '../plan/queries.js';
import { asOfOf, liveViewOf } from './as-of-view.js';

/** A record the caller sees now, as it stands now: what its history's data is judged on. */
type RecordInSight =
  | { readonly kind: 'plan'; readonly view: PlanView; readonly stream: string }
  | { readonly kind: 'asbcase'; readonly view: AsbCaseView; readonly stream: string }
  | { readonly kind: 'action'; readonly view: ActionView; readonly stream: string };

interface HistoryItem {
  readonly recorded: RecordedEvent;
  readonly summary: string;
  readonly record: RecordInSight;
}

interface DataSeen {
  readonly data: JsonObject;
  /** A person's details, a household key, a complainant, a resident raiser's name, a raiser's contact. */
  readonly personalDataWithheld: boolean;
  /** Anything at all, those included. */
  readonly dataWithheld: boolean;
}

const WITHHELD: JsonObject = { withheld: true };

const isObject = (value: JsonValue | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function recordInSight(ctx: GraphQLContext, id: { readonly typename: string; readonly id: string }): RecordInSight | null {
  switch (id.typename) {
    case 'Plan': {
      const view = ctx.records.plan(id.id);
      return view ? { kind: 'plan', view, stream: view.streamId } : null;
    }
    case 'AsbCase': {
      const view = ctx.records.asbCase(id.id);
      return view ? { kind: 'asbcase', view, stream: view.streamId } : null;
    }
    case 'Action': {
      const view = ctx.records.action(id.id);
      return view ? { kind: 'action', view, stream: actionStreamName(id.id) } : null;
    }
    default:
      return null;
  }
}

/** The record's events, oldest first, up to `upTo` (a revision) when given. */
async function historyOf(ctx: GraphQLContext, record: RecordInSight, upTo?: bigint): Promise<HistoryItem[]> {
  const events: RecordedEvent[] = [];
  for await (const recorded of ctx.casebook.store.readStream(record.stream)) {
    if (upTo !== undefined && recorded.revision > upTo) break;
    events.push(recorded);
  }
  const summaries = summariesOf(events);
  return events.map((recorded) => ({ recorded, summary: summaries.get(recorded.revision) ?? eventTypeInWords(recorded.type), record }));
}

/** A party who raised a plan, less the personal data the caller may not read (need-to-know; a restricted resident's, auditors only). */
function raiserSeen(party: JsonValue | undefined, view: PlanView, ctx: GraphQLContext, withheld: { personal: boolean }): JsonValue | undefined {
  if (!isObject(party)) return party;
  if (ctx.records.readsResidentOnPlan(view, typeof party.personId === 'string' ? party.personId : undefined)) return party;
  const seen: JsonObject = { ...party };
  if (party.kind === 'resident' && 'name' in party && party.name !== null) {
    seen.name = WITHHELD;
    withheld.personal = true;
  }
  if ('contact' in party) {
    seen.contact = WITHHELD;
    withheld.personal = true;
  }
  return seen;
}

function planDataSeen(data: JsonObject, view: PlanView, ctx: GraphQLContext): DataSeen {
  const withheld = { personal: false };
  let seen = data;
  if (data.type === 'PlanOpened' && Array.isArray(data.raisedBy)) seen = { ...data, raisedBy: data.raisedBy.map((party) => raiserSeen(party, view, ctx, withheld) ?? null) };
  if (data.type === 'RaisingPartyAdded' && isObject(data.party)) seen = { ...data, party: raiserSeen(data.party, view, ctx, withheld) ?? null };
  return { data: withheld.personal ? seen : data, personalDataWithheld: withheld.personal, dataWithheld: withheld.personal };
}

function caseDataSeen(data: JsonObject, view: AsbCaseView, ctx: GraphQLContext): DataSeen {
  const seen: JsonObject = { ...data };
  let personal = false;
  let other = false;
  const person = personCarriedBy(data);
  // A household key is the person's beside whom it is carried: withheld with them, restricted with them.
  if (!ctx.records.readsPersonalDataOnCase(view) || (person && !ctx.records.readsPersonOnCase(view, person.personId))) {
    if (person) {
      seen.person = { personId: person.personId, withheld: true };
      personal = true;
    }
    if ('householdKey' in data) {
      seen.householdKey = WITHHELD;
      personal = true;
    }
  }
  if (data.type === 'CaseReviewRequested') {
    // As the case review's complaints are served: a complainant only to who may read the personal data of the case it was made on, and a case out of sight never named.
    const sight = new ComplaintSight(ctx);
    if (Array.isArray(data.complaints)) {
      seen.complaints = data.complaints.map((complaint) => {
        if (!isObject(complaint) || typeof complaint.complaintId !== 'string') return complaint;
        const hidden = sight.hidden(complaint.complaintId);
        const complaintSeen: JsonObject = { ...complaint };
        if (hidden) {
          complaintSeen.complaintId = sight.masked(complaint.complaintId);
          if (typeof complaint.incidentId === 'string') complaintSeen.incidentId = sight.masked(complaint.incidentId);
          other = true;
        }
        const made = sight.caseOf(complaint.complaintId) ?? view;
        const complainant = typeof complaint.complainantPersonId === 'string' ? complaint.complainantPersonId : null;
        if (hidden || !ctx.records.readsPersonalDataOnCase(made)) {
          for (const key of ['complainantPersonId', 'householdKey']) {
            if (key in complaint) {
              complaintSeen[key] = WITHHELD;
              personal = true;
            }
          }
        } else if (complainant !== null && 'householdKey' in complaint && !ctx.records.readsPersonOnCase(made, complainant)) {
          // The household key copied into the complaint is the complainant's: auditors' only while they are restricted. (Once erased, it is gone: sealed under their key.)
          complaintSeen.householdKey = WITHHELD;
          personal = true;
        }
        return complaintSeen;
      });
    }
    const shown = data.thresholdShown;
    const ids = isObject(shown) ? shown.countedComplaintIds : undefined;
    if (isObject(shown) && Array.isArray(ids)) {
      const counted = ids.map((id) => (typeof id === 'string' ? sight.masked(id) : id));
      if (counted.some((id, i) => id !== ids[i])) other = true;
      seen.thresholdShown = { ...shown, countedComplaintIds: counted };
    }
  }
  if (data.type === 'CaseLinkedToPlan') {
    // As `AsbCase.plan`: a plan the caller may not see is not named, nor why the case was linked to it.
    if (typeof data.planId === 'string' && !ctx.records.plan(data.planId)) {
      seen.planId = WITHHELD;
      if ('reason' in data) seen.reason = WITHHELD;
      other = true;
    }
    if (typeof data.previousPlanId === 'string' && !ctx.records.plan(data.previousPlanId)) {
      seen.previousPlanId = WITHHELD;
      other = true;
    }
  }
  return { data: personal || other ? seen : data, personalDataWithheld: personal, dataWithheld: personal || other };
}

function actionDataSeen(data: JsonObject, ctx: GraphQLContext): DataSeen {
  // As `Action.plan` and `Action.asbCase`: the record an action is on is named only if the caller sees it.
  const parent = data.parent;
  if (data.type !== 'ActionAssigned' || !isObject(parent) || typeof parent.id !== 'string') return { data, personalDataWithheld: false, dataWithheld: false };
  const inSight = parent.kind === 'asbcase' ? ctx.records.asbCase(parent.id) : ctx.records.plan(parent.id);
  if (inSight) return { data, personalDataWithheld: false, dataWithheld: false };
  return { data: { ...data, parent: { ...parent, id: WITHHELD } }, personalDataWithheld: false, dataWithheld: true };
}

const seenData = new WeakMap<HistoryItem, DataSeen>();

/** The event's data as the caller may read it, worked out once per entry. */
function dataSeen(item: HistoryItem, ctx: GraphQLContext): DataSeen {
  let seen = seenData.get(item);
  if (!seen) {
    const { record } = item;
    const data = item.recorded.data;
    seen = record.kind === 'plan' ? planDataSeen(data, record.view, ctx) : record.kind === 'asbcase' ? caseDataSeen(data, record.view, ctx) : actionDataSeen(data, ctx);
    seenData.set(item, seen);
  }
  return seen;
}

/**
 * The person whose data a case event's `data` serves unwithheld, for the
 * disclosure ledger: the `person` it carries (with the household key beside
 * them), when the caller may read the case's people.
 */
function personDisclosedBy(item: HistoryItem, ctx: GraphQLContext): { view: AsbCaseView; personId: string; role: DisclosedRole; fields: string[] } | null {
  const { record } = item;
  if (record.kind !== 'asbcase' || !ctx.records.readsPersonalDataOnCase(record.view)) return null;
  const data = item.recorded.data;
  const person = personCarriedBy(data);
  if (!person || !ctx.records.readsPersonOnCase(record.view, person.personId)) return null;
  const { asbCase } = record.view;
  const role: DisclosedRole =
    data.type === 'VictimRecorded' ? 'victim'
    : data.type === 'WitnessRecorded' ? 'witness'
    : data.type === 'SubjectRecorded' ? 'subject'
    : asbCase.victims.has(person.personId) ? 'victim'
    : asbCase.witnesses.has(person.personId) ? 'witness'
    : 'subject';
  const fields = [...(person.details ? detailsFieldsOf(person.details) : []), ...('householdKey' in data ? ['householdKey'] : [])];
  return { view: record.view, personId: person.personId, role, fields };
}

const EventActorType = builder.objectRef<RecordedEvent['metadata']['actor']>('EventActor').implement({
  description: 'Who recorded an event: a person of an agency, in their roles. Casebook itself relays an action’s news to its plan or case under the user id `casebook:plan-action-reactor`, with the agency of whoever made that news.',
  fields: (t) => ({
    userId: t.exposeString('userId', { description: 'Their user id, as their token gave it.' }),
    agencyId: t.exposeString('agencyId', { description: 'Their agency.' }),
    roles: t.exposeStringList('roles', { description: 'Their roles when they recorded it: coordinator, supervisor, partner or auditor.' }),
  }),
});

const HistoryEntryRef = builder.objectRef<HistoryItem>('HistoryEntry').implement({
  description:
    'One event in a record’s history, as the store holds it: what happened, when, who recorded it, its data as the caller may read it, and its links in the record’s hash chain.',
  fields: (t) => ({
    revision: t.int({ description: 'Its revision in the record’s stream: 0 for the first event, then one more for each.', resolve: (e) => Number(e.recorded.revision) }),
    eventId: t.string({ description: 'The event’s own id (a UUID): what a later event’s `causationId` names when this event caused it.', resolve: (e) => e.recorded.id }),
    type: t.string({ description: 'What happened, as the event type, e.g. PlanOpened, VictimRiskAssessed, ActionCompleted.', resolve: (e) => e.recorded.type }),
    summary: t.string({
      description:
        'One line for people, e.g. “Moved from scanning to analysis”. It names no private person: a resident who raised a plan is “a resident”, the people on a case are “a victim”, “a witness” or “a subject”.',
      resolve: (e) => e.summary,
    }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When it happened, by the clock of the Casebook that recorded it. `planAsOf`, `asbCaseAsOf` and `actionAsOf` go by this instant. Covered by the hash chain.',
      resolve: (e) => e.recorded.metadata.occurredAt,
    }),
    recordedAt: t.field({
      type: 'DateTime',
      description: 'When the store committed it. Not covered by the hash chain. The demo’s stories are told on past days, so there it is later than `occurredAt`.',
      resolve: (e) => e.recorded.recordedAt.toISOString(),
    }),
    actor: t.field({ type: EventActorType, description: 'Who recorded it.', resolve: (e) => e.recorded.metadata.actor }),
    correlationId: t.string({ description: 'The id of the request that recorded it (`x-correlation-id`), or of what Casebook was doing, e.g. `demo-data`: events with the same one were written for the same request.', resolve: (e) => e.recorded.metadata.correlationId }),
    causationId: t.string({ description: 'What caused it: the command it was decided on, or the event (by `eventId`) whose news it relays.', resolve: (e) => e.recorded.metadata.causationId }),
    schemaVersion: t.int({ description: 'The version of the shape of its data.', resolve: (e) => e.recorded.metadata.schemaVersion }),
    data: t.field({
      type: 'JSON',
      description:
        'The event’s data as the caller may read it: the event as stored, less what the access model withholds from the caller now, each such value replaced by `{"withheld": true}` (a person on a case keeps their `personId`: `{"personId": "...", "withheld": true}`). A person erased reads `{"personId": "...", "details": null}`, with no household key, here and in a case review’s complaints. See `personalDataWithheld` and `dataWithheld`. A person on a case served to an agency other than the case’s owner, or to an auditor, is recorded in the disclosure ledger first.',
      resolve: async (e, _a, ctx) => {
        const seen = dataSeen(e, ctx);
        const disclosed = personDisclosedBy(e, ctx);
        return disclosed ? releasePersonalData(ctx, disclosed.view, disclosed.personId, disclosed.role, disclosed.fields, seen.data) : seen.data;
      },
    }),
    personalDataWithheld: t.boolean({
      description:
        'True when personal data in `data` is withheld from the caller: a person’s details, a household key or a complainant on a case whose people it may not read (its agency is not on the case, and it is not an auditor), or a resident’s name or a raiser’s contact on a plan whose personal data it may not read.',
      resolve: (e, _a, ctx) => dataSeen(e, ctx).personalDataWithheld,
    }),
    dataWithheld: t.boolean({
      description: 'True when anything in `data` is withheld: the personal data above, or what would name a plan or case the caller may not see.',
      resolve: (e, _a, ctx) => dataSeen(e, ctx).dataWithheld,
    }),
    prevHash: t.string({ description: 'The `hash` of the event before it in the record’s stream (64 zeros before the first): check that each entry’s `prevHash` is the `hash` of the one before.', resolve: (e) => e.recorded.metadata.prevHash }),
    hash: t.string({
      description:
        'sha-256 (hex) over `prevHash` and the event as stored (RFC 8785 JSON of its stream, revision, id, type, data and metadata). It covers the whole event, withheld data included, so recompute it from the store (`casebook verify`, `verifyIntegrity`); compare the last one with a head you keep.',
      resolve: (e) => e.recorded.metadata.hash,
    }),
  }),
});

const HistoryConnection = builder.connectionObject(
  {
    type: HistoryEntryRef,
    name: 'HistoryConnection',
    description: 'A page of a record’s history, oldest event first.',
    fields: (c) => ({ totalCount: c.int({ description: 'How many events the history holds, on every page.', resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }) }),
  },
  { name: 'HistoryEdge', description: 'One event on the page, with its cursor.', nodeField: { description: 'The event.' } },
);

type PageArgs = { readonly first?: number | null | undefined; readonly last?: number | null | undefined; readonly after?: string | null | undefined; readonly before?: string | null | undefined };

function pageOf(args: PageArgs, items: readonly HistoryItem[]) {
  return { ...resolveArrayConnection({ args }, items), totalCount: items.length };
}

builder.queryField('history', (t) =>
  t.connection(
    {
      type: HistoryEntryRef,
      nullable: true,
      description:
        'The audit history of a plan, an ASB case or an action: every event, oldest first, with who recorded it, when, a line for people, its data as the caller may read it (personal data the caller may not read withheld), and its hash chain. Null if there is no such record, or none the caller may see now. Pages of at most 100.',
      args: { id: t.arg.globalID({ required: true, description: 'The global id of the plan, case or action.' }) },
      resolve: async (_root, args, ctx) => {
        pageSizeOf(args);
        const record = recordInSight(ctx, args.id);
        return record ? pageOf(args, await historyOf(ctx, record)) : null;
      },
    },
    HistoryConnection,
  ),
);

const historyFieldDescription = (what: string) =>
  `The ${what}’s audit history: every event, oldest first, as \`history\` gives it. Read as of a past instant, the events up to that instant. Pages of at most 100.`;

/** The `history` field on one kind of record: that record's events, up to its revision when it is read as of an instant. */
function historyField<V extends PlanView | AsbCaseView | ActionView>(ref: ObjectRef<PothosSchemaTypes.ExtendDefaultTypes<CasebookTypes>, V>, what: string, recordOf: (live: V) => RecordInSight): void {
  builder.objectField(ref, 'history', (t) =>
    t.connection(
      {
        type: HistoryEntryRef,
        description: historyFieldDescription(what),
        resolve: async (v, args, ctx) => {
          pageSizeOf(args);
          return pageOf(args, await historyOf(ctx, recordOf(liveViewOf(v)), asOfOf(v) ? v.revision : undefined));
        },
      },
      HistoryConnection,
    ),
  );
}

historyField(PlanRef, 'plan', (view) => ({ kind: 'plan', view, stream: view.streamId }));
historyField(AsbCaseRef, 'case', (view) => ({ kind: 'asbcase', view, stream: view.streamId }));
historyField(ActionRef, 'action', (view) => ({ kind: 'action', view, stream: actionStreamName(view.actionId) }));
