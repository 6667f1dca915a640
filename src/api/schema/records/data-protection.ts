/**
 * Erasure and restriction of a person's personal data (DPA 2018 s.47;
 * UK GDPR art. 17): `erasePerson`, `restrictPerson`, `liftPersonRestriction`,
 * and `personalDataStanding(personId)` to read where a person stands.
 *
 * A person is known by the id the application gave them, on every case they
 * are on. One on no case in the caller's sight is, to the caller, no one: the
 * same `NotFound` as for an id never used, checked before anything else.
 */
import type { z } from 'zod';
import { EntityNotFound } from '../../../app/errors.js';
import { decideOnPersonalData } from '../../../app/person-data-protection.js';
import {
  type DataProtectionCommand,
  erasePersonSchema,
  liftPersonRestrictionSchema,
  restrictPersonSchema,
} from '../../../domain/person/data-protection.js';
import type { AsbCaseView } from '../../../projections/asb-cases.js';
import type { PlanView } from '../../../projections/plans.js';
import type { PersonalDataStanding } from '../../../projections/personal-data-standings.js';
import type { GraphQLContext } from '../../context.js';
import { AsbCaseRef } from '../asb-case/case-type.js';
import { PlanRef } from '../plan/plan-type.js';
import { builder, type InputFields } from '../builder.js';
import { commandOptions, controlFields, readYourWrites, typedRefusal, validated } from '../commanding.js';
import { mutationErrors, resultUnion } from '../errors.js';
import { withoutNulls } from '../stream-mutation.js';

interface StandingShape {
  readonly personId: string;
  readonly standing: PersonalDataStanding | undefined;
  readonly cases: readonly AsbCaseView[];
  readonly plans: readonly PlanView[];
}

/** The cases in the caller's sight the person is on. */
function casesOf(ctx: GraphQLContext, personId: string): AsbCaseView[] {
  return [...ctx.records.cases.cases.values()].filter((view) => view.asbCase.people.has(personId));
}

/** The plans in the caller's sight the person raised, as a resident. */
function plansOf(ctx: GraphQLContext, personId: string): PlanView[] {
  return [...ctx.records.plans.plans.values()].filter((view) => [...view.plan.raisers.values()].some((party) => party.personId === personId));
}

/** Need-to-know: the caller may read the person's data on one of their records. */
function readsPersonSomewhere(ctx: GraphQLContext, cases: readonly AsbCaseView[], plans: readonly PlanView[]): boolean {
  return cases.some((view) => ctx.records.readsPersonalDataOnCase(view)) || plans.some((view) => ctx.records.readsPersonalDataOnPlan(view));
}

const ErasureGroundEnum = builder.enumType('ErasureGround', {
  description: 'Why a person’s personal data is erased.',
  values: {
    subject_request: { value: 'subject-request', description: 'The person asked (DPA 2018 s.47(1)(b); UK GDPR art. 17), and nothing requires the data to be kept.' },
    retention_disposal: { value: 'retention-disposal', description: 'A MoPI retention review decided the record is to be disposed of.' },
    unlawful_processing: { value: 'unlawful-processing', description: 'The data should never have been processed (s.47(1)(a)): recorded against the wrong person, say.' },
  } as const,
});

const DecidedByType = builder.objectRef<{ readonly userId: string; readonly agencyId: string; readonly at: string }>('DataProtectionDecision').implement({
  description: 'Who decided on a person’s data, and when.',
  fields: (t) => ({
    userId: t.exposeString('userId', { description: 'The supervisor’s or coordinator’s user id.' }),
    agencyId: t.exposeString('agencyId', { description: 'Their agency.' }),
    at: t.field({ type: 'DateTime', description: 'When, by the server’s clock.', resolve: (d) => d.at }),
  }),
});

const ErasureType = builder.objectRef<NonNullable<PersonalDataStanding['erased']>>('PersonErasure').implement({
  description: 'An erasure: the person’s key was destroyed, and their details and household key are gone from every event for good.',
  fields: (t) => ({
    ground: t.field({ type: ErasureGroundEnum, description: 'On what ground.', resolve: (e) => e.ground }),
    reason: t.exposeString('reason', { description: 'Why, as the decision gave it.' }),
    by: t.field({ type: DecidedByType, description: 'Who erased the person, and when.', resolve: (e) => e.by }),
  }),
});

const RestrictionType = builder.objectRef<NonNullable<PersonalDataStanding['restricted']>>('PersonRestriction').implement({
  description: 'A restriction in force (DPA 2018 s.47(2)): the data is kept as evidence, read by auditors only, each read recorded in the disclosure ledger.',
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'The evidence it is kept for.' }),
    by: t.field({ type: DecidedByType, description: 'Who restricted it, and when.', resolve: (r) => r.by }),
  }),
});

const PersonalDataStandingType = builder.objectRef<StandingShape>('PersonalDataStanding').implement({
  description: 'Where a person’s personal data stands: held, restricted or erased, and the cases and plans in the caller’s sight they are on.',
  fields: (t) => ({
    personId: t.exposeID('personId', { description: 'The person’s id, the same on every case they are on.' }),
    revision: t.int({
      nullable: true,
      description: 'The revision of the person’s data-protection record, for `expectedRevision`; null while nothing has been decided about them.',
      resolve: (s) => (s.standing ? Number(s.standing.revision) : null),
    }),
    erasure: t.field({ type: ErasureType, nullable: true, description: 'The erasure, if the person has been erased.', resolve: (s) => s.standing?.erased ?? null }),
    restriction: t.field({ type: RestrictionType, nullable: true, description: 'The restriction in force, if any.', resolve: (s) => s.standing?.restricted ?? null }),
    cases: t.field({ type: [AsbCaseRef], description: 'The ASB cases in the caller’s sight the person is on, as victim, witness or subject.', resolve: (s) => [...s.cases] }),
    plans: t.field({ type: [PlanRef], description: 'The plans in the caller’s sight the person raised, as a resident.', resolve: (s) => [...s.plans] }),
  }),
});

/** Where the person stands, for a caller that may read their data on one of their cases; null for any other. */
function standingIn(ctx: GraphQLContext, personId: string): StandingShape | null {
  const cases = casesOf(ctx, personId);
  const plans = plansOf(ctx, personId);
  if (!readsPersonSomewhere(ctx, cases, plans)) return null;
  return { personId, standing: ctx.records.personalDataStandingOf(personId), cases, plans };
}

builder.queryField('personalDataStanding', (t) =>
  t.field({
    type: PersonalDataStandingType,
    nullable: true,
    description:
      'Where a person’s personal data stands (held, restricted or erased), for the agencies that may read their data on one of their cases and for auditors. Null if the person is on no case or plan whose personal data the caller may read.',
    args: { personId: t.arg.id({ required: true, description: 'The person’s id, as their case gives it (`Victim.personId`, say).' }) },
    resolve: (_root, args, ctx) => standingIn(ctx, String(args.personId)),
  }),
);

interface PersonMutation {
  readonly name: string;
  readonly description: string;
  readonly command: DataProtectionCommand['type'];
  readonly schema: z.ZodType<DataProtectionCommand>;
  readonly fields: (t: InputFields) => Record<string, ReturnType<InputFields['string']> | ReturnType<InputFields['field']>>;
}

function definePersonMutation(spec: PersonMutation): void {
  const Input = builder.inputType(`${spec.name[0]!.toUpperCase()}${spec.name.slice(1)}Input`, {
    description: `What \`${spec.name}\` takes: the person’s id, the decision, and optionally \`expectedRevision\` (of the person’s data-protection record) and \`idempotencyKey\`.`,
    fields: (t) => ({
      personId: t.id({ required: true, description: 'The person’s id, as their case gives it (`Victim.personId`, say).' }),
      ...spec.fields(t),
      ...controlFields(t),
    }),
  });
  builder.mutationField(spec.name, (t) =>
    t.field({
      type: PersonalDataStandingType,
      description: spec.description,
      errors: { types: mutationErrors, directResult: true, union: resultUnion(spec.name, 'PersonalDataStanding') },
      args: { input: t.arg({ type: Input, required: true, description: 'The person, the decision, and optionally expectedRevision and idempotencyKey.' }) },
      resolve: (async (_root: unknown, { input }: { input: Record<string, unknown> }, ctx: GraphQLContext): Promise<StandingShape> => {
        const { personId: rawPersonId, expectedRevision, idempotencyKey, ...fields } = input as Record<string, unknown> & { expectedRevision?: number | null; idempotencyKey?: string | null };
        const personId = String(rawPersonId);
        // An auditor is refused first, as on every mutation; auditors see every case, so this tells them nothing.
        const options = commandOptions(ctx, { expectedRevision, idempotencyKey });
        // Need-to-know: a person is decided on only by an agency that may read their data on one of their cases. For any
        // other caller they are no one: the same answer as for an id never used, given before the input is read.
        if (!readsPersonSomewhere(ctx, casesOf(ctx, personId), plansOf(ctx, personId))) throw new EntityNotFound('The person');
        const command = validated(spec.schema, { ...(withoutNulls(fields) as Record<string, unknown>), personId, type: spec.command });
        let position;
        try {
          ({ position } = await decideOnPersonalData(ctx.casebook, command, options));
        } catch (error) {
          throw typedRefusal(error);
        }
        await readYourWrites(ctx, { position });
        return standingIn(ctx, personId) ?? { personId, standing: ctx.records.personalDataStandingOf(personId), cases: [], plans: [] };
      }) as never,
    }),
  );
}

const reasonField = (t: InputFields, description: string) => t.string({ required: true, description: `${description} 10 to 1,000 characters: an auditor reads it.` });

definePersonMutation({
  name: 'erasePerson',
  description:
    'Erases a person’s personal data, for good: the erasure is recorded (who, when, why, on what ground), then the person’s key is destroyed. Their details and household key (a resident who raised a plan: their name and contact) then read as erased on every case and plan, in every history, every past view and every export, while the rest of the records and their hash chains stay whole (`verifyIntegrity`). By a supervisor or a coordinator. Codes: `PERSON_ERASED` (already erased), `PERSON_RESTRICTED` (restricted as evidence: lift the restriction first).',
  command: 'ErasePerson',
  schema: erasePersonSchema as z.ZodType<DataProtectionCommand>,
  fields: (t) => ({
    ground: t.field({ type: ErasureGroundEnum, required: true, description: 'On what ground.' }) as ReturnType<InputFields['field']>,
    reason: reasonField(t, 'Why.'),
  }),
});

definePersonMutation({
  name: 'restrictPerson',
  description:
    'Restricts a person’s personal data where it must be kept as evidence (DPA 2018 s.47(2)): it is kept, but only auditors read it (on a case, each read recorded in the disclosure ledger); the agencies on the case or plan see `personalData: restricted` and no details. A restricted person cannot be erased until the restriction is lifted. By a supervisor or a coordinator. Codes: `PERSON_ALREADY_RESTRICTED`, `PERSON_ERASED`.',
  command: 'RestrictPerson',
  schema: restrictPersonSchema as z.ZodType<DataProtectionCommand>,
  fields: (t) => ({ reason: reasonField(t, 'The evidence the data is kept for.') }),
});

definePersonMutation({
  name: 'liftPersonRestriction',
  description: 'Lifts a restriction on a person’s personal data: the agencies on their cases read it again. By a supervisor or a coordinator. Codes: `PERSON_NOT_RESTRICTED`, `PERSON_ERASED`.',
  command: 'LiftPersonRestriction',
  schema: liftPersonRestrictionSchema as z.ZodType<DataProtectionCommand>,
  fields: (t) => ({ reason: reasonField(t, 'Why the data need no longer be restricted.') }),
});

