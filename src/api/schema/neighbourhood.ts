/**
 * Neighbourhoods and the priorities their communities chose (ACPO 2006,
 * 4.7.1 to 4.7.3): about three each, chosen by a public vote or a
 * representative panel, classed by signal crime, reviewed at least quarterly.
 * More than three is recorded, with a warning in the answer.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { newEntityId } from '../../app/command-handler.js';
import { EntityNotFound } from '../../app/errors.js';
import { neighbourhoodStream, neighbourhoodStreamName } from '../../app/neighbourhood-stream.js';
import { type CoordinationMeeting, type NeighbourhoodCommand, neighbourhoodCommandSchema } from '../../domain/neighbourhood/commands.js';
import { type NeighbourhoodPriority, type NeighbourhoodWarning, prioritiesDueForReview, priorityWarnings } from '../../domain/neighbourhood/decider.js';
import { type NeighbourhoodView, neighbourhoodsProjection } from '../../projections/neighbourhoods.js';
import { type GraphQLContext, todayOf } from '../context.js';
import { builder, type InputFields } from './builder.js';
import { carryOut, commandOptions, controlFields, validated } from './commanding.js';
import { mutationErrors, resultUnion } from './errors.js';
import { PersonInput } from './plan/inputs.js';
import { memberOf, withoutNulls } from './stream-mutation.js';
import { PersonType } from './plan/plan-type.js';


const SignalClassEnum = builder.enumType('SignalClass', {
  description: 'The signal-crimes typology (ACPO 2006, 1.3.2).',
  values: {
    policing: { description: 'Non-negotiable crime: burglary, domestic abuse.' },
    acute: { description: 'Serious to a few, local: a problem family, drunken abuse.' },
    chronic: { description: 'Visible low-level disorder seen by most: graffiti, criminal damage, ASB, fly-tipping.' },
  } as const,
});

const PriorityChoiceEnum = builder.enumType('PriorityChoice', {
  description: 'How representative members of the community chose the priority. Police and partners record it; they do not choose it.',
  values: {
    PUBLIC_VOTE: { value: 'public-vote', description: 'Chosen by a public vote.' },
    REPRESENTATIVE_PANEL: { value: 'representative-panel', description: 'Chosen by a panel representative of the community.' },
  } as const,
});

const NeighbourhoodKindEnum = builder.enumType('NeighbourhoodKind', {
  description: 'What a neighbourhood is: an area agreed locally, or a community not bound to one place.',
  values: {
    WARD: { value: 'ward', description: 'An electoral ward.' },
    ESTATE: { value: 'estate', description: 'A housing estate.' },
    TOWN_CENTRE: { value: 'town-centre', description: 'A town centre.' },
    VILLAGE: { value: 'village', description: 'A village.' },
    COMMUNITY: { value: 'community', description: 'A community not bound to one place.' },
  } as const,
});

export const PriorityType = builder.objectRef<NeighbourhoodPriority>('NeighbourhoodPriority').implement({
  description: 'A current priority of a neighbourhood, chosen by its community, classed by signal crime and reviewed between monthly and quarterly.',
  fields: (t) => ({
    priorityId: t.exposeString('priorityId', { description: 'The priority’s UUID: give it to revise, review or retire the priority, and as a plan’s `priorityId`.' }),
    title: t.exposeString('title', { description: 'The priority, in a few words.' }),
    description: t.exposeString('description', { nullable: true, description: 'More about the priority; null if none was given.' }),
    chosenBy: t.field({ type: PriorityChoiceEnum, description: 'How the community chose it.', resolve: (p) => p.chosenBy }),
    chosenOn: t.field({ type: 'Date', description: 'The day the community chose it.', resolve: (p) => p.chosenOn }),
    signalClass: t.field({ type: SignalClassEnum, description: 'Its class in the signal-crimes typology.', resolve: (p) => p.signalClass }),
    nextReviewOn: t.field({
      type: 'Date',
      description: 'When its next review is due: the review day it was set or last revised with, or the next review day its last review gave, whichever was recorded last.',
      resolve: (p) => p.nextReviewOn,
    }),
    reviewOverdue: t.boolean({ description: 'The review day has passed, by the server’s clock.', resolve: (p, _a, ctx) => p.nextReviewOn < todayOf(ctx) }),
    reviewsDone: t.int({ description: 'How many reviews of it have been recorded.', resolve: (p) => p.reviews.length }),
  }),
});

const CoordinationMeetingType = builder.objectRef<CoordinationMeeting>('CoordinationMeeting').implement({
  description: 'A meeting of the neighbourhood’s co-ordination group: police, partners and community, with an agreed chair.',
  fields: (t) => ({
    meetingId: t.exposeString('meetingId', { description: 'The id it was recorded with, e.g. `2026-11`.' }),
    heldOn: t.field({ type: 'Date', description: 'The day it was held.', resolve: (m) => m.heldOn }),
    chair: t.exposeString('chair', { description: 'Who chaired it.' }),
    attendees: t.field({ type: [PersonType], description: 'Who attended.', resolve: (m) => m.attendees }),
    notes: t.exposeString('notes', { nullable: true, description: 'The notes of the meeting; null if none were recorded.' }),
  }),
});

export { CoordinationMeetingType };

const WarningType = builder.objectRef<NeighbourhoodWarning>('NeighbourhoodWarning').implement({
  description: 'Something recorded but worth a second look, e.g. more than the advised three priorities.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'A stable code to branch on, e.g. `MORE_THAN_THREE_PRIORITIES`.' }),
    message: t.exposeString('message', { description: 'The warning, in a sentence for a person.' }),
  }),
});

export const NeighbourhoodType = builder.objectRef<NeighbourhoodView>('Neighbourhood').implement({
  description: 'An area agreed locally (a ward, an estate, a town centre) or a community not bound to one place.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'neighbourhoodId' in value && 'state' in value,
  fields: (t) => ({
    neighbourhoodId: t.exposeString('neighbourhoodId', { description: 'The neighbourhood’s UUID: plans and filters name it by this.' }),
    revision: t.int({ description: 'The stream revision: send it as `expectedRevision` to change the neighbourhood only as you read it.', resolve: (v) => Number(v.revision) }),
    name: t.string({ description: 'Its name.', resolve: (v) => v.state.neighbourhood?.name ?? '' }),
    kind: t.field({ type: NeighbourhoodKindEnum, description: 'What kind of neighbourhood it is.', resolve: (v) => v.state.neighbourhood?.kind ?? 'ward' }),
    priorities: t.field({ type: [PriorityType], description: 'The current priorities, in the order they were set.', resolve: (v) => [...v.state.current.values()] }),
    prioritiesDueForReview: t.field({ type: [PriorityType], description: 'Current priorities whose review day has come, longest overdue first.', resolve: (v, _a, ctx) => prioritiesDueForReview(v.state, todayOf(ctx)) }),
    warnings: t.field({ type: [WarningType], description: 'What is worth a second look, e.g. more than three current priorities; empty when nothing is.', resolve: (v) => priorityWarnings(v.state) }),
    meetings: t.field({ type: [CoordinationMeetingType], description: 'The co-ordination group’s meetings, oldest first.', resolve: (v) => [...v.state.meetings] }),
  }),
});

const NeighbourhoodPayload = builder.objectRef<{ neighbourhood: NeighbourhoodView; deduplicated: boolean }>('NeighbourhoodPayload').implement({
  description: 'The neighbourhood after the change, and any warning about it (e.g. more than three current priorities: recorded, but worth a look).',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'neighbourhood' in value,
  fields: (t) => ({
    neighbourhood: t.field({ type: NeighbourhoodType, description: 'The neighbourhood as it stands after the change.', resolve: (p) => p.neighbourhood }),
    warnings: t.field({
      type: [WarningType],
      description: 'What is worth a second look in the neighbourhood as it now stands; the change was recorded either way. Empty when nothing is.',
      resolve: (p) => priorityWarnings(p.neighbourhood.state),
    }),
    deduplicated: t.exposeBoolean('deduplicated', { description: 'True when this idempotency key was handled before and this is that first result.' }),
  }),
});

function neighbourhoodView(ctx: GraphQLContext, neighbourhoodId: string): NeighbourhoodView | undefined {
  const view = ctx.casebook.projections.model(neighbourhoodsProjection).get(neighbourhoodId);
  return view?.state.neighbourhood ? view : undefined;
}

builder.queryField('neighbourhoods', (t) =>
  t.field({
    type: [NeighbourhoodType],
    description: 'Every neighbourhood of the partnership, by name.',
    resolve: (_root, _args, ctx) =>
      [...ctx.casebook.projections.model(neighbourhoodsProjection).values()].filter((v) => v.state.neighbourhood).sort((a, b) => a.state.neighbourhood!.name.localeCompare(b.state.neighbourhood!.name)),
  }),
);

builder.queryField('neighbourhoodPriorities', (t) =>
  t.field({
    type: NeighbourhoodType,
    nullable: true,
    description: 'A neighbourhood with its current priorities, those due for review, and warnings; null if there is none.',
    args: { neighbourhood: t.arg.string({ required: true, description: 'The neighbourhood’s UUID.' }) },
    resolve: (_root, args, ctx) => neighbourhoodView(ctx, args.neighbourhood) ?? null,
  }),
);

function schemaOf<T extends NeighbourhoodCommand['type']>(type: T): z.ZodType<Extract<NeighbourhoodCommand, { type: T }>> {
  return memberOf<NeighbourhoodCommand, T>(neighbourhoodCommandSchema, type);
}

/** A mutation on one neighbourhood: input { neighbourhoodId, ...command fields, controls } -> NeighbourhoodPayload. */
function defineNeighbourhoodMutation<T extends NeighbourhoodCommand['type']>(definition: {
  name: string;
  command: T;
  description: string;
  fields: (t: InputFields) => Record<string, ReturnType<InputFields['string']> | ReturnType<InputFields['field']>>;
  /** Fills what the caller may leave out (a new priority's id), before validation. */
  complete?: (fields: Record<string, unknown>, ctx: GraphQLContext, idempotencyKey: string | undefined) => Record<string, unknown>;
  mustExist: boolean;
}): void {
  const schema = schemaOf(definition.command);
  const Input = builder.inputType(`${definition.name[0]!.toUpperCase()}${definition.name.slice(1)}Input`, {
    description: `What \`${definition.name}\` takes: the neighbourhood’s id, the change, and optionally \`expectedRevision\` and \`idempotencyKey\`.`,
    fields: (t) => ({
      neighbourhoodId: t.string({ required: definition.mustExist, description: 'The neighbourhood’s UUID.' }),
      ...definition.fields(t),
      ...controlFields(t),
    }),
  });
  builder.mutationField(definition.name, (t) =>
    t.field({
      type: NeighbourhoodPayload,
      description: definition.description,
      errors: { types: mutationErrors, directResult: true, union: resultUnion(definition.name, 'NeighbourhoodPayload') },
      args: { input: t.arg({ type: Input, required: true, description: 'The neighbourhood, the change, and optionally expectedRevision and idempotencyKey.' }) },
      resolve: async (_root, { input }, ctx) => {
        const { expectedRevision, idempotencyKey, ...rest } = input as Record<string, unknown> & { expectedRevision?: number | null; idempotencyKey?: string | null };
        const options = commandOptions(ctx, { expectedRevision, idempotencyKey });
        const fields = withoutNulls(rest) as Record<string, unknown>;
        const completed = definition.complete ? definition.complete(fields, ctx, idempotencyKey ?? undefined) : fields;
        const { neighbourhoodId, ...commandFields } = completed;
        const command = validated(schema, { type: definition.command, ...(definition.command === 'DefineNeighbourhood' ? { neighbourhoodId } : {}), ...commandFields });
        const id = String(neighbourhoodId);
        if (definition.mustExist && !neighbourhoodView(ctx, id)) throw new EntityNotFound('The neighbourhood');
        const result = await carryOut(ctx, neighbourhoodStream, neighbourhoodStreamName(id), command, options);
        return { neighbourhood: neighbourhoodView(ctx, id)!, deduplicated: result.deduplicated };
      },
    }),
  );
}

defineNeighbourhoodMutation({
  name: 'defineNeighbourhood',
  command: 'DefineNeighbourhood',
  mustExist: false,
  description: 'Defines a neighbourhood (coordinators only). Leave neighbourhoodId out for a new one.',
  fields: (t) => ({
    name: t.string({ required: true, description: '2 to 120 characters.' }),
    kind: t.field({ type: NeighbourhoodKindEnum, required: true, description: 'What kind of neighbourhood it is.' }),
    area: t.string({ required: false, description: 'The area it covers, in words, up to 500 characters.' }),
  }),
  complete: (fields, ctx, key) => ({ ...fields, neighbourhoodId: fields.neighbourhoodId ?? newEntityId(ctx.principal, key, 'neighbourhood') }),
});

defineNeighbourhoodMutation({
  name: 'setNeighbourhoodPriority',
  command: 'SetNeighbourhoodPriority',
  mustExist: true,
  description:
    'Records a priority the community chose, or revises a current one (give its priorityId). Coordinators only. More than three current priorities is recorded, with a MORE_THAN_THREE_PRIORITIES warning. Rules: PRIORITY_REVIEW_BEFORE_CHOSEN, PRIORITY_RETIRED.',
  fields: (t) => ({
    priorityId: t.string({ required: false, description: 'Leave out for a new priority; give it to revise a current one.' }),
    title: t.string({ required: true, description: '2 to 160 characters.' }),
    description: t.string({ required: false, description: 'Up to 2,000 characters.' }),
    chosenBy: t.field({ type: PriorityChoiceEnum, required: true, description: 'How the community chose it.' }),
    chosenOn: t.field({ type: 'Date', required: true, description: 'The day the community chose it.' }),
    signalClass: t.field({ type: SignalClassEnum, required: true, description: 'Its class in the signal-crimes typology.' }),
    reviewOn: t.field({ type: 'Date', required: true, description: 'Priorities are reviewed between monthly and quarterly.' }),
  }),
  complete: (fields, ctx, key) => ({ ...fields, priorityId: fields.priorityId ?? (key ? newEntityId(ctx.principal, key, 'priority') : randomUUID()) }),
});

defineNeighbourhoodMutation({
  name: 'recordPriorityReview',
  command: 'RecordPriorityReview',
  mustExist: true,
  description: 'Records a review of a current priority and the next review day, at most 92 days on (PRIORITY_REVIEW_INTERVAL).',
  fields: (t) => ({
    priorityId: t.string({ required: true, description: 'The UUID of the current priority reviewed (`PRIORITY_NOT_FOUND` if there is none such, `PRIORITY_RETIRED` if it was retired).' }),
    reviewedOn: t.field({ type: 'Date', required: true, description: 'The day of the review.' }),
    outcome: t.string({ required: true, description: 'kept or revised.' }),
    note: t.string({ required: false, description: 'Up to 2,000 characters.' }),
    nextReviewOn: t.field({ type: 'Date', required: true, description: 'The day the next review is due: after `reviewedOn`, and at most 92 days after it (`PRIORITY_REVIEW_INTERVAL`).' }),
  }),
});

defineNeighbourhoodMutation({
  name: 'retireNeighbourhoodPriority',
  command: 'RetireNeighbourhoodPriority',
  mustExist: true,
  description: 'Retires a priority with a reason. Its id is never used again.',
  fields: (t) => ({
    priorityId: t.string({ required: true, description: 'The UUID of the current priority to retire (`PRIORITY_NOT_FOUND` if there is none such). Retiring it again changes nothing.' }),
    reason: t.string({ required: true, description: '2 to 500 characters.' }),
    retiredOn: t.field({ type: 'Date', required: true, description: 'The day it was retired.' }),
  }),
});

defineNeighbourhoodMutation({
  name: 'recordCoordinationMeeting',
  command: 'RecordCoordinationMeeting',
  mustExist: true,
  description:
    'Records a meeting of the neighbourhood’s co-ordination group once it has been held (DATE_IN_FUTURE otherwise). The next agenda shows what changed on each plan since the last meeting.',
  fields: (t) => ({
    meetingId: t.string({ required: true, description: 'Your id for the meeting: lower-case letters, digits and hyphens, e.g. `2026-11`.' }),
    heldOn: t.field({ type: 'Date', required: true, description: 'The day it was held; not in the future.' }),
    chair: t.string({ required: true, description: 'Up to 160 characters.' }),
    attendees: t.field({ type: [PersonInput], required: true, description: 'At least one.' }),
    notes: t.string({ required: false, description: 'Up to 4,000 characters.' }),
  }),
});
