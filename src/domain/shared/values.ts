/**
 * Value types shared by plans, cases and actions. Each is a zod schema (the
 * API validates input against it) and the type inferred from it.
 */
import { z } from 'zod';
import { agencyIdSchema } from './actor.js';

/** Free text as people type it: trimmed, never empty, with a stated limit. */
export function plainText(max: number, what = 'this') {
  return z.string().trim().min(1, `${what} cannot be empty`).max(max, `at most ${max} characters`);
}

/** A calendar day, YYYY-MM-DD. Compared as text, which orders such days correctly. */
export const calendarDate = z.iso.date({ message: 'a date as YYYY-MM-DD' });
export type CalendarDate = z.infer<typeof calendarDate>;

/** An id made by the caller for something inside a stream (an objective, a meeting, a party). */
export const localId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and hyphens, up to 64, e.g. `residents-panel`');

export const riskLevelSchema = z.enum(['low', 'medium', 'high']);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

/**
 * A named person of a partner agency or of a community group (4.7.4: the
 * owner is "a named person in the partner organisation or community group").
 * Exactly one of the two says where they belong.
 */
const belongsTo = {
  agencyId: agencyIdSchema.optional(),
  communityGroup: plainText(160, 'the community group').optional(),
};

function hasOneHome(p: { agencyId?: string | undefined; communityGroup?: string | undefined }): boolean {
  return (p.agencyId === undefined) !== (p.communityGroup === undefined);
}
const oneHomeIssue = { message: 'name either the agency (agencyId) or the community group (communityGroup), not both', path: ['agencyId'] };

/** An agency or a community group: whom a representative speaks for. */
export const representsSchema = z.object(belongsTo).refine(hasOneHome, oneHomeIssue);

export const personRefSchema = z
  .object({
    name: plainText(120, 'the name'),
    role: plainText(120, 'the role').optional(),
    ...belongsTo,
  })
  .refine(hasOneHome, oneHomeIssue);
export type PersonRef = z.infer<typeof personRefSchema>;

/** Who a person represents, as one key: an agency id, or `group:` and the group's name. */
export function representedBy(person: Pick<PersonRef, 'agencyId' | 'communityGroup'>): string {
  return person.agencyId ?? `group:${(person.communityGroup ?? '').toLowerCase()}`;
}

/** The kinds of party that raise a problem (DOMAIN.md: community members and groups raise issues; partners may too). */
export const partyKindSchema = z.enum(['resident', 'community-group', 'business', 'councillor', 'agency', 'school']);

/** Someone who raised the issue: they must be satisfied before the plan closes. They need not log in. */
export const raisingPartySchema = z.object({
  partyId: localId,
  name: plainText(160, 'the party’s name'),
  kind: partyKindSchema,
  agencyId: agencyIdSchema.optional(),
  contact: plainText(200, 'the contact').optional(),
  /**
   * A resident's person id, which the application gives them: the key their
   * name and contact are sealed under in the plan's events, so that erasing
   * them (as any person) reaches the plan too.
   */
  personId: z.uuid({ message: 'a person id: the uuid the application gives each person' }).optional(),
});
export type RaisingParty = z.infer<typeof raisingPartySchema>;

/**
 * A raising party as a plan's events carry it, read back: a resident erased
 * since has no name (null) and no contact; everything else about the party,
 * their sign-offs included, stands.
 */
export const recordedRaisingPartySchema = raisingPartySchema.extend({ name: plainText(160, 'the party’s name').nullable() });
export type RecordedRaisingParty = z.infer<typeof recordedRaisingPartySchema>;

/**
 * A raising party as named in summaries, boards and reports, which people off
 * the plan read and meetings show on a shared screen: a resident is a private
 * person, named only where their personal data may be read.
 */
export function publicNameOf(party: Pick<RecordedRaisingParty, 'kind' | 'name'>): string {
  return party.kind === 'resident' || party.name === null ? 'a resident' : party.name;
}
