/**
 * MoPI retention (DOMAIN.md): `retentionDue(date)` lists the closed plans and
 * ASB cases in the caller's sight whose retention review falls due by a day,
 * and `recordRetentionReview` records a review of one (retain, with the
 * reason and the next review; or dispose). The review date is worked out,
 * never stored (domain/shared/retention.ts). A record marked for disposal is
 * only marked: disposing of it (erasure) is not done here.
 */
import { resolveArrayConnection } from '@pothos/plugin-relay';
import type { z } from 'zod';
import { asbCaseStream, asbCaseStreamName } from '../../../app/asb-case-stream.js';
import { EntityNotFound, InputValidationError } from '../../../app/errors.js';
import { planStream, planStreamName } from '../../../app/plan-stream.js';
import { type AsbCaseCommand, asbCaseCommandSchema } from '../../../domain/asb-case/commands.js';
import { retentionRecordOf } from '../../../domain/asb-case/state.js';
import { type PlanCommand, planCommandSchema } from '../../../domain/plan/commands.js';
import { mopiReviewDueOf, type RetentionRecord, type RetentionReview, type RetentionRules, reviewsOfLatestClosing } from '../../../domain/shared/retention.js';
import type { AsbCaseView } from '../../../projections/asb-cases.js';
import type { PlanView } from '../../../projections/plans.js';
import type { GraphQLContext } from '../../context.js';
import { AsbCaseRef } from '../asb-case/case-type.js';
import { builder } from '../builder.js';
import { carryOut, commandOptions, controlFields, validated } from '../commanding.js';
import { mutationErrors, resultUnion } from '../errors.js';
import { PlanRef, RetentionReviewType } from '../plan/plan-type.js';
import { pageSizeOf } from '../plan/queries.js';
import { memberOf, withoutNulls } from '../stream-mutation.js';

// ---------------------------------------------------------------------------
// What falls due

interface RetentionDueEntry {
  readonly kind: 'plan' | 'asbCase';
  readonly reference: string;
  readonly title: string;
  readonly closedOn: string;
  readonly reviewDueOn: string;
  readonly lastDecision: RetentionReview | null;
  readonly plan: PlanView | null;
  readonly asbCase: AsbCaseView | null;
}

const RetentionRecordKindEnum = builder.enumType('RetentionRecordKind', {
  description: 'The kind of record a MoPI retention review is of.',
  values: {
    PLAN: { value: 'plan', description: 'A SARA problem-solving plan.' },
    ASB_CASE: { value: 'asbCase', description: 'An ASB case.' },
  } as const,
});

const RetentionDecisionEnum = builder.enumType('RetentionDecision', {
  description: 'What a MoPI retention review decides.',
  values: {
    retain: { value: 'retain', description: 'Keep the record, with the reason, until the next review.' },
    dispose: { value: 'dispose', description: 'Mark the record for disposal: it is not reviewed again (disposing of it is not done by Casebook yet).' },
  } as const,
});

const RetentionDueType = builder.objectRef<RetentionDueEntry>('RetentionDue').implement({
  description: 'A closed plan or ASB case whose MoPI retention review falls due.',
  fields: (t) => ({
    kind: t.field({ type: RetentionRecordKindEnum, description: 'A plan or an ASB case.', resolve: (e) => e.kind }),
    reference: t.exposeString('reference', { description: 'The record’s reference, e.g. PSP-2026-0007 or ASB-2026-0003.' }),
    title: t.exposeString('title', { description: 'The record’s title.' }),
    closedOn: t.field({ type: 'Date', description: 'The day of its latest closing.', resolve: (e) => e.closedOn }),
    reviewDueOn: t.field({ type: 'Date', description: 'The day its review falls due.', resolve: (e) => e.reviewDueOn }),
    lastDecision: t.field({
      type: RetentionReviewType,
      nullable: true,
      description: 'The latest review of this closing (a decision to retain); null before its first review.',
      resolve: (e) => e.lastDecision,
    }),
    plan: t.field({ type: PlanRef, nullable: true, description: 'The plan, when the record is a plan.', resolve: (e) => e.plan }),
    asbCase: t.field({ type: AsbCaseRef, nullable: true, description: 'The ASB case, when the record is a case.', resolve: (e) => e.asbCase }),
  }),
});

function dueEntry(record: RetentionRecord & { readonly title: string }, rules: RetentionRules, by: string): Omit<RetentionDueEntry, 'kind' | 'plan' | 'asbCase'> | null {
  const reviewDueOn = mopiReviewDueOf(record, rules);
  if (reviewDueOn === null || record.closedOn === null || reviewDueOn > by) return null;
  return { reference: record.reference, title: record.title, closedOn: record.closedOn, reviewDueOn, lastDecision: reviewsOfLatestClosing(record).at(-1) ?? null };
}

/** The closed plans and cases in the caller's sight whose review falls due on or before `by`, the oldest due first. */
function retentionDue(ctx: GraphQLContext, by: string): RetentionDueEntry[] {
  const entries: RetentionDueEntry[] = [];
  for (const view of ctx.records.plans.plans.values()) {
    const entry = dueEntry(view.plan, ctx.casebook.retention.plan, by);
    if (entry) entries.push({ ...entry, kind: 'plan', plan: view, asbCase: null });
  }
  for (const view of ctx.records.cases.cases.values()) {
    const entry = dueEntry({ ...retentionRecordOf(view.asbCase), title: view.asbCase.title }, ctx.casebook.retention.asbCase, by);
    if (entry) entries.push({ ...entry, kind: 'asbCase', plan: null, asbCase: view });
  }
  return entries.sort((a, b) => a.reviewDueOn.localeCompare(b.reviewDueOn) || a.reference.localeCompare(b.reference));
}

builder.queryField('retentionDue', (t) =>
  t.connection(
    {
      type: RetentionDueType,
      description:
        'The closed plans and ASB cases the caller may see whose MoPI retention review falls due on or before the date, the oldest due first: the first review the partnership’s years after the latest closing (six by default, `CASEBOOK_RETENTION`), a later one on the day the last decision to retain set. A record marked for disposal is not listed. Pages of at most 100.',
      args: { date: t.arg({ type: 'Date', required: true, description: 'List the reviews due on or before this day.' }) },
      resolve: (_root, args, ctx) => {
        pageSizeOf(args);
        const due = retentionDue(ctx, args.date);
        return { ...resolveArrayConnection({ args }, due), totalCount: due.length };
      },
    },
    {
      description: 'A page of the records whose retention review falls due.',
      fields: (c) => ({ totalCount: c.int({ description: 'How many records are due, on every page.', resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }) }),
    },
    { description: 'One record due for review, with its cursor.', nodeField: { description: 'The record due for review.' } },
  ),
);

// ---------------------------------------------------------------------------
// Recording a review

interface RetentionReviewPayloadShape {
  readonly retentionOf: 'plan' | 'asbCase';
  readonly plan: PlanView | null;
  readonly asbCase: AsbCaseView | null;
  readonly deduplicated: boolean;
}

const RetentionReviewPayload = builder.objectRef<RetentionReviewPayloadShape>('RetentionReviewPayload').implement({
  description: 'The plan or ASB case as it stands after the review (read-your-writes: the review is in it).',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'retentionOf' in value && 'deduplicated' in value,
  fields: (t) => ({
    plan: t.field({ type: PlanRef, nullable: true, description: 'The plan reviewed; null when it was a case.', resolve: (p) => p.plan }),
    asbCase: t.field({ type: AsbCaseRef, nullable: true, description: 'The ASB case reviewed; null when it was a plan.', resolve: (p) => p.asbCase }),
    deduplicated: t.exposeBoolean('deduplicated', { description: 'True when this idempotency key was handled before and this is that first result.' }),
  }),
});

const RecordRetentionReviewInput = builder.inputType('RecordRetentionReviewInput', {
  description: 'What `recordRetentionReview` takes: the plan or the case (exactly one), the review, and optionally `expectedRevision` and `idempotencyKey`.',
  fields: (t) => ({
    planId: t.globalID({ required: false, description: 'The closed plan’s global id; leave it out for a case.' }),
    asbCaseId: t.globalID({ required: false, description: 'The closed ASB case’s global id (`AsbCase.id`); leave it out for a plan.' }),
    reviewedOn: t.field({ type: 'Date', required: true, description: 'The day of the review: on or after the record closed, and not in the future.' }),
    decision: t.field({ type: RetentionDecisionEnum, required: true, description: '`retain` or `dispose`.' }),
    reason: t.string({ required: true, description: 'Why, up to 4,000 characters: required for either decision.' }),
    nextReviewOn: t.field({ type: 'Date', required: false, description: 'For `retain`: the next review, after this one and at most 10 years on. Leave it out for `dispose`.' }),
    ...controlFields(t),
  }),
});

const planReviewSchema = memberOf<PlanCommand, 'RecordRetentionReview'>(planCommandSchema, 'RecordRetentionReview') as z.ZodType<PlanCommand>;
const caseReviewSchema = memberOf<AsbCaseCommand, 'RecordRetentionReview'>(asbCaseCommandSchema, 'RecordRetentionReview') as z.ZodType<AsbCaseCommand>;

type GlobalId = { readonly typename: string; readonly id: string };

builder.mutationField('recordRetentionReview', (t) =>
  t.field({
    type: RetentionReviewPayload,
    description:
      'Records a MoPI retention review of a closed plan or ASB case: `retain` with the reason and the next review (the record leaves `retentionDue` until then), or `dispose` with the reason (the record is marked for disposal and reviewed no more; disposing of it is not done yet). By a supervisor or a coordinator. Codes: `RETENTION_REVIEW_NEEDS_SUPERVISOR`, `RETENTION_RECORD_OPEN` (the record is open), `RETENTION_REVIEW_BEFORE_CLOSE`, `RETENTION_DISPOSED` (already marked for disposal), `DATE_IN_FUTURE`.',
    errors: { types: mutationErrors, directResult: true, union: resultUnion('recordRetentionReview', 'RetentionReviewPayload') },
    args: { input: t.arg({ type: RecordRetentionReviewInput, required: true, description: 'The plan or the case, the review, and optionally expectedRevision and idempotencyKey.' }) },
    resolve: async (_root, { input }, ctx): Promise<RetentionReviewPayloadShape> => {
      const { planId, asbCaseId, expectedRevision, idempotencyKey, ...fields } = input as typeof input & { planId?: GlobalId | null; asbCaseId?: GlobalId | null };
      // Out of sight is nonexistent: checked before anything else, so the answer cannot tell the two apart.
      const plan = planId ? (planId.typename === 'Plan' ? ctx.records.plan(planId.id) : undefined) : null;
      if (plan === undefined) throw new EntityNotFound('The plan');
      const asbCase = asbCaseId ? (asbCaseId.typename === 'AsbCase' ? ctx.records.asbCase(asbCaseId.id) : undefined) : null;
      if (asbCase === undefined) throw new EntityNotFound('The ASB case');
      const options = commandOptions(ctx, { expectedRevision, idempotencyKey });
      if ((plan === null) === (asbCase === null)) {
        const message = 'name the record reviewed: a planId or an asbCaseId, not both';
        throw new InputValidationError([
          { path: 'planId', message },
          { path: 'asbCaseId', message },
        ]);
      }
      const given = { ...(withoutNulls(fields) as Record<string, unknown>), type: 'RecordRetentionReview' };
      if (plan) {
        const command = validated(planReviewSchema, given);
        const result = await carryOut(ctx, planStream, planStreamName(plan.planId), command, options);
        ctx.records.changed(plan.planId);
        const view = ctx.records.plan(plan.planId);
        if (!view) throw new EntityNotFound('The plan');
        return { retentionOf: 'plan', plan: view, asbCase: null, deduplicated: result.deduplicated };
      }
      const caseId = asbCase!.caseId;
      const command = validated(caseReviewSchema, given);
      const result = await carryOut(ctx, asbCaseStream, asbCaseStreamName(caseId), command, options);
      ctx.records.changed(caseId);
      const view = ctx.records.asbCase(caseId);
      if (!view) throw new EntityNotFound('The ASB case');
      return { retentionOf: 'asbCase', plan: null, asbCase: view, deduplicated: result.deduplicated };
    },
  }),
);
