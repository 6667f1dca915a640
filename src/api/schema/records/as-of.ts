/**
 * Time travel: `planAsOf`, `asbCaseAsOf` and `actionAsOf` answer a record
 * exactly as it stood at a past instant, as the same types as the live
 * queries, so every field an auditor knows works on it. How the record is
 * built, whose access it is judged on, and how its fields and the records
 * beside it read: `as-of-view.ts`.
 */
import { ActionRef } from '../action/action-type.js';
import { AsbCaseRef } from '../asb-case/case-type.js';
import type { MaybePromise, ObjectRef } from '@pothos/core';
import type { GraphQLContext } from '../../context.js';
import { builder, type CasebookTypes } from '../builder.js';
import { PlanRef } from '../plan/plan-type.js';
import { actionAsOf, type AsOf, asbCaseAsOf, asOfInstant, planAsOf } from './as-of-view.js';

const HOW =
  'It is the record’s own events up to that instant (by each event’s `occurredAt`, as `history` shows it; the stream is cut at the first event that occurred later, so the answer is always a state the record had, at its `revision`), put through the same code as the live record. ' +
  'Fields judged against today (overdue, in force) are judged against the instant’s day (today’s, for an instant still to come); related records (a plan’s actions, an action’s plan or case, a case’s plan and actions) are given as of the same instant; its `history` runs up to it. ' +
  'Access is judged now: null if there is no such record, or none the caller may see now, or if it did not exist yet at that instant; and what the caller may read of the people on it is what it may read today.';

/** One `…AsOf` query: the record of that type by its global id, as it stood at `at`. */
function asOfQuery<V extends object>(
  name: string,
  ref: ObjectRef<PothosSchemaTypes.ExtendDefaultTypes<CasebookTypes>, V>,
  typename: string,
  what: string,
  load: (ctx: GraphQLContext, id: string, asOf: AsOf) => MaybePromise<V | null>,
): void {
  builder.queryField(name, (t) =>
    t.field({
      type: ref,
      nullable: true,
      description: `${what[0]!.toUpperCase()}${what.slice(1)} exactly as it stood at a past instant. ${HOW}`,
      args: {
        id: t.arg.globalID({ required: true, description: `The ${what.replace(/^(a|an) /, '')}’s global id.` }),
        at: t.arg({ type: 'DateTime', required: true, description: 'The instant, in ISO-8601, e.g. 2026-10-01T12:00:00Z.' }),
      },
      // Pothos cannot relate a generic record type to its resolver's (as in stream-mutation.ts); `load` is typed instead.
      resolve: ((_root: unknown, { id, at }: { id: { typename: string; id: string }; at: string }, ctx: GraphQLContext) =>
        id.typename === typename ? load(ctx, id.id, asOfInstant(ctx, at)) : null) as never,
    }),
  );
}

asOfQuery('planAsOf', PlanRef, 'Plan', 'a plan', planAsOf);
asOfQuery('asbCaseAsOf', AsbCaseRef, 'AsbCase', 'an ASB case', asbCaseAsOf);
asOfQuery('actionAsOf', ActionRef, 'Action', 'a partner action', actionAsOf);
