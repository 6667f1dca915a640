/**
 * Interventions along the escalation ladder (DOMAIN.md), and the
 * preconditions the Anti-social Behaviour, Crime and Policing Act 2014 puts
 * on its powers: checked, not just recorded, each broken one a DomainError
 * with a stable code.
 */
import { z } from 'zod';
import { agencyIdSchema } from '../shared/actor.js';
import { refuseFutureDay } from '../shared/dates.js';
import { DomainError } from '../shared/domain-error.js';
import { calendarDate, localId, plainText } from '../shared/values.js';
import { addDays, lastDayOfPeriod } from './calendar.js';
import type { AsbCaseCommandOf } from './commands.js';
import type { AsbCaseEvent } from './events.js';
import { type AgeBand, ageBandOn, personIdSchema } from './personal-data.js';
import type { OpenedAsbCase } from './state.js';

/** The usual escalation ladder, lightest first. */
export const interventionKindSchema = z.enum([
  'verbal-warning',
  'warning-letter',
  'mediation',
  'acceptable-behaviour-contract',
  'parenting-contract',
  'community-protection-warning',
  'community-protection-notice',
  'fixed-penalty-notice',
  'civil-injunction',
  'criminal-behaviour-order',
  'closure-notice',
  'closure-order',
  'dispersal-direction',
  'public-spaces-protection-order',
]);
export type InterventionKind = z.infer<typeof interventionKindSchema>;

export const escalationLadder: readonly InterventionKind[] = interventionKindSchema.options;

/** Powers over a place rather than a person: they need no subject. */
const PLACE_POWERS: readonly InterventionKind[] = ['closure-notice', 'closure-order', 'dispersal-direction', 'public-spaces-protection-order'];
/** Powers measured in hours, not days. */
const HOURLY_POWERS: readonly InterventionKind[] = ['dispersal-direction', 'closure-notice'];
/** Powers over an area, which must be named. */
const AREA_POWERS: readonly InterventionKind[] = ['dispersal-direction', 'public-spaces-protection-order'];

export function needsSubject(kind: InterventionKind): boolean {
  return !PLACE_POWERS.includes(kind);
}

/**
 * What kind of body an agency is, as far as the Act's powers go. The
 * partnership register names agencies, not their legal standing: the
 * application says which kind the issuing agency is.
 */
export const agencyKindSchema = z.enum([
  'police',
  'council',
  /** A social landlord the council has designated to issue community protection notices (s.53). */
  'designated-landlord',
  'housing-provider',
  'fire-and-rescue',
  'youth-services',
  'health',
  'probation',
  'education',
  'third-sector',
  'other',
]);
export type AgencyKind = z.infer<typeof agencyKindSchema>;

export const policeRankSchema = z.enum(['constable', 'sergeant', 'inspector', 'chief-inspector', 'superintendent', 'chief-superintendent', 'chief-officer']);
export type PoliceRank = z.infer<typeof policeRankSchema>;

export const interventionSchema = z.object({
  interventionId: localId,
  kind: interventionKindSchema,
  /** The person it is issued to; none for a power over a place (closure, dispersal of a group, PSPO). */
  subjectPersonId: personIdSchema.optional(),
  issuingAgencyId: agencyIdSchema,
  issuingAgencyKind: agencyKindSchema,
  issuedOn: calendarDate,
  terms: plainText(4000, 'the terms'),
  /** The last day it is in force; none for one that lasts until discharged. */
  expiresOn: calendarDate.optional(),
  /** For a dispersal direction or a closure notice, which the Act limits in hours. */
  durationHours: z.number().int('whole hours').min(1, 'at least one hour').max(8784, 'at most a year of hours').optional(),
  /** The area of a dispersal direction or PSPO. Name a place, not a person's address: an occupier is named as the subject. */
  place: plainText(500, 'the place').optional(),
  /** A dispersal direction's authorisation (s.34): by an inspector or above. */
  authorisation: z.object({ rank: policeRankSchema, officer: plainText(120, 'the authorising officer') }).optional(),
  /** The conviction a criminal behaviour order is made on (s.22). */
  conviction: z.object({ convictedOn: calendarDate, court: plainText(200, 'the court'), offence: plainText(500, 'the offence') }).optional(),
  /** What a fixed penalty notice is for (a CPN or PSPO not complied with), or what a later intervention follows on. */
  followsInterventionId: localId.optional(),
});
export type Intervention = z.infer<typeof interventionSchema>;

/** Shape checks across fields, answered as validation errors on the field at fault. */
export function checkInterventionShape(value: Intervention, ctx: z.RefinementCtx): void {
  if (needsSubject(value.kind) && value.subjectPersonId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['subjectPersonId'], message: `a ${value.kind.replaceAll('-', ' ')} is issued to a person: name the subject` });
  }
  if (HOURLY_POWERS.includes(value.kind) && value.durationHours === undefined) {
    ctx.addIssue({ code: 'custom', path: ['durationHours'], message: `say how many hours the ${value.kind.replaceAll('-', ' ')} lasts` });
  }
  if (AREA_POWERS.includes(value.kind) && value.place === undefined) {
    ctx.addIssue({ code: 'custom', path: ['place'], message: `name the area the ${value.kind.replaceAll('-', ' ')} covers` });
  }
  if (value.expiresOn !== undefined && value.expiresOn < value.issuedOn) {
    ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'the expiry cannot come before the day it was issued' });
  }
}

export const interventionRuleCodes = [
  'CPN_NEEDS_PRIOR_WARNING',
  'CPN_SUBJECT_UNDER_16',
  'CPN_ISSUER_NOT_EMPOWERED',
  'INJUNCTION_RESPONDENT_UNDER_10',
  'INJUNCTION_TOO_LONG_FOR_UNDER_18',
  'CBO_NEEDS_CONVICTION',
  'DISPERSAL_NEEDS_INSPECTOR',
  'DISPERSAL_POLICE_ONLY',
  'DISPERSAL_TOO_LONG',
  'CLOSURE_NOTICE_TOO_LONG',
  'CLOSURE_ORDER_TOO_LONG',
  'PSPO_COUNCIL_ONLY',
  'PSPO_TOO_LONG',
  'SUBJECT_AGE_UNKNOWN',
] as const;
export type InterventionRuleCode = (typeof interventionRuleCodes)[number];

function broken(code: InterventionRuleCode, message: string): DomainError {
  return new DomainError(code, message);
}

/** What a precondition may need besides the intervention: earlier ones on the case, and the subject's date of birth if known. */
export interface PreconditionContext {
  readonly earlier: Iterable<Pick<Intervention, 'kind' | 'subjectPersonId' | 'issuedOn' | 'interventionId'>>;
  readonly subjectDateOfBirth?: string | undefined;
}

const RANKS = policeRankSchema.options;

function issuer(intervention: Pick<Intervention, 'issuingAgencyId' | 'issuingAgencyKind'>): string {
  return `${intervention.issuingAgencyId} (${intervention.issuingAgencyKind.replaceAll('-', ' ')})`;
}

const CPN_ISSUERS: readonly AgencyKind[] = ['police', 'council', 'designated-landlord'];

function ageBandFor(kind: InterventionKind, ctx: PreconditionContext, issuedOn: string, why: string): AgeBand {
  if (ctx.subjectDateOfBirth === undefined) {
    throw broken('SUBJECT_AGE_UNKNOWN', `A ${kind.replaceAll('-', ' ')} turns on the subject’s age (${why}): record the subject’s date of birth first.`);
  }
  return ageBandOn(ctx.subjectDateOfBirth, issuedOn);
}

/**
 * Checks the Act's preconditions and answers the subject's age band on the
 * day of issue, when the date of birth is known: the evidence an age
 * precondition was met stays with the intervention, without the date itself.
 */
export function checkPreconditions(intervention: Intervention, ctx: PreconditionContext): { readonly subjectAgeBandOnIssue?: AgeBand } {
  const { kind, issuedOn, expiresOn } = intervention;
  switch (kind) {
    case 'community-protection-notice': {
      if (!CPN_ISSUERS.includes(intervention.issuingAgencyKind)) {
        throw broken('CPN_ISSUER_NOT_EMPOWERED', `A community protection notice is issued by the police, the council or a landlord the council has designated, not by ${issuer(intervention)}.`);
      }
      // s.43(5): a written warning first, and enough time to deal with the matter, so a warning of the same day is not enough.
      const warned = [...ctx.earlier].some((e) => e.kind === 'community-protection-warning' && e.subjectPersonId === intervention.subjectPersonId && e.issuedOn < issuedOn);
      if (!warned) {
        throw broken('CPN_NEEDS_PRIOR_WARNING', `A community protection notice needs a written warning (a CPW) given to the subject before ${issuedOn}, and time to comply with it.`);
      }
      const band = ageBandFor(kind, ctx, issuedOn, 'it is issued only to a person aged 16 or more');
      if (band === 'under-10' || band === '10-15') throw broken('CPN_SUBJECT_UNDER_16', `A community protection notice is issued only to a person aged 16 or more: the subject is under 16 on ${issuedOn}.`);
      return { subjectAgeBandOnIssue: band };
    }
    case 'civil-injunction': {
      const band = ageBandFor(kind, ctx, issuedOn, 'the respondent must be 10 or more, and one under 18 is bound for 12 months at most');
      if (band === 'under-10') throw broken('INJUNCTION_RESPONDENT_UNDER_10', `A civil injunction is granted only against a person aged 10 or more: the subject is under 10 on ${issuedOn}.`);
      if (band === '10-15' || band === '16-17') {
        const limit = lastDayOfPeriod(issuedOn, 12);
        if (expiresOn === undefined || expiresOn > limit) {
          throw broken('INJUNCTION_TOO_LONG_FOR_UNDER_18', `A civil injunction against a person under 18 lasts 12 months at most: this one must expire by ${limit}${expiresOn === undefined ? ', and needs an expiry' : `, not ${expiresOn}`}.`);
        }
      }
      return { subjectAgeBandOnIssue: band };
    }
    case 'criminal-behaviour-order': {
      const conviction = intervention.conviction;
      if (!conviction) throw broken('CBO_NEEDS_CONVICTION', 'A criminal behaviour order is made only on a conviction: record the conviction it is made on.');
      if (conviction.convictedOn > issuedOn) {
        throw broken('CBO_NEEDS_CONVICTION', `A criminal behaviour order is made on a conviction already had: the conviction of ${conviction.convictedOn} comes after the order of ${issuedOn}.`);
      }
      break;
    }
    case 'dispersal-direction': {
      if (intervention.issuingAgencyKind !== 'police') throw broken('DISPERSAL_POLICE_ONLY', `A dispersal direction is given by a police officer or PCSO, not by ${issuer(intervention)}.`);
      const rank = intervention.authorisation?.rank;
      if (rank === undefined || RANKS.indexOf(rank) < RANKS.indexOf('inspector')) {
        throw broken('DISPERSAL_NEEDS_INSPECTOR', `A dispersal direction needs the authorisation of an inspector or above${rank === undefined ? ': record who authorised it' : `, not a ${rank}`}.`);
      }
      if ((intervention.durationHours ?? 0) > 48) throw broken('DISPERSAL_TOO_LONG', `A dispersal authorisation lasts 48 hours at most, not ${intervention.durationHours}.`);
      break;
    }
    case 'closure-notice':
      if ((intervention.durationHours ?? 0) > 48) throw broken('CLOSURE_NOTICE_TOO_LONG', `A closure notice lasts 48 hours at most (24, extended by 24), not ${intervention.durationHours}.`);
      break;
    case 'closure-order': {
      const limit = lastDayOfPeriod(issuedOn, 3);
      if (expiresOn === undefined || expiresOn > limit) {
        throw broken('CLOSURE_ORDER_TOO_LONG', `A closure order lasts 3 months at most: this one must expire by ${limit}${expiresOn === undefined ? ', and needs an expiry' : `, not ${expiresOn}`}.`);
      }
      break;
    }
    case 'public-spaces-protection-order': {
      if (intervention.issuingAgencyKind !== 'council') throw broken('PSPO_COUNCIL_ONLY', `A public spaces protection order is made by the council, not by ${issuer(intervention)}.`);
      const limit = lastDayOfPeriod(issuedOn, 36);
      if (expiresOn === undefined || expiresOn > limit) {
        throw broken('PSPO_TOO_LONG', `A public spaces protection order lasts 3 years at most: this one must expire by ${limit}${expiresOn === undefined ? ', and needs an expiry' : `, not ${expiresOn}`}.`);
      }
      break;
    }
    default:
      break;
  }
  if (ctx.subjectDateOfBirth === undefined) return {};
  return { subjectAgeBandOnIssue: ageBandOn(ctx.subjectDateOfBirth, issuedOn) };
}

/**
 * The last day an intervention can be breached: its expiry, or for one
 * counted in hours the day its hours run out (issued late in the day, 48
 * hours reach into the second day after). Null while it lasts until discharged.
 */
export function lastDayInForce(intervention: Pick<Intervention, 'issuedOn' | 'expiresOn' | 'durationHours'>): string | null {
  if (intervention.expiresOn !== undefined) return intervention.expiresOn;
  if (intervention.durationHours !== undefined) return addDays(intervention.issuedOn, Math.ceil(intervention.durationHours / 24));
  return null;
}

export const breachSchema = z.object({
  breachId: localId,
  interventionId: localId,
  occurredOn: calendarDate,
  description: plainText(2000, 'what the breach was'),
  /** The incident on the case that was the breach, when there is one. */
  incidentId: localId.optional(),
  /** What was done about it: a warning, an arrest, a return to court. */
  response: plainText(2000, 'the response').optional(),
});
export type Breach = z.infer<typeof breachSchema>;

export const interventionRecordRuleCodes = ['INTERVENTION_ALREADY_RECORDED', 'INTERVENTION_NOT_FOUND', 'BREACH_ALREADY_RECORDED', 'BREACH_BEFORE_INTERVENTION', 'BREACH_AFTER_EXPIRY'] as const;
type RecordRuleCode = (typeof interventionRecordRuleCodes)[number] | 'SUBJECT_NOT_FOUND' | 'INCIDENT_NOT_FOUND';

function refused(code: RecordRuleCode, message: string): DomainError {
  return new DomainError(code, message);
}

/** Records an intervention on the case once the Act's preconditions hold. */
export function decideIntervention(command: AsbCaseCommandOf<'RecordIntervention'>, asbCase: OpenedAsbCase, now: Date): AsbCaseEvent[] {
  const { type: _type, ...intervention } = command;
  if (asbCase.interventions.has(intervention.interventionId)) {
    throw refused('INTERVENTION_ALREADY_RECORDED', `An intervention "${intervention.interventionId}" is already recorded on ${asbCase.reference}.`);
  }
  const subjectId = intervention.subjectPersonId;
  if (subjectId !== undefined && !asbCase.subjects.has(subjectId)) throw refused('SUBJECT_NOT_FOUND', `Person ${subjectId} is not a subject on ${asbCase.reference}: record them as a subject first.`);
  if (intervention.followsInterventionId !== undefined && !asbCase.interventions.has(intervention.followsInterventionId)) {
    throw refused('INTERVENTION_NOT_FOUND', `No intervention "${intervention.followsInterventionId}" on ${asbCase.reference} for this one to follow.`);
  }
  refuseFutureDay(intervention.issuedOn, 'The intervention', now);
  const evidence = checkPreconditions(intervention, {
    earlier: asbCase.interventions.values(),
    subjectDateOfBirth: subjectId === undefined ? undefined : asbCase.people.get(subjectId)?.dateOfBirth,
  });
  return [{ type: 'InterventionRecorded', ...intervention, ...evidence }];
}

/** Records a breach against an intervention on the case, while it was in force. */
export function decideBreach(command: AsbCaseCommandOf<'RecordBreach'>, asbCase: OpenedAsbCase, now: Date): AsbCaseEvent[] {
  const { type: _type, ...breach } = command;
  const intervention = asbCase.interventions.get(breach.interventionId);
  if (!intervention) throw refused('INTERVENTION_NOT_FOUND', `No intervention "${breach.interventionId}" on ${asbCase.reference}: a breach is recorded against one.`);
  for (const recorded of asbCase.interventions.values()) {
    if (recorded.breaches.some((b) => b.breachId === breach.breachId)) throw refused('BREACH_ALREADY_RECORDED', `A breach "${breach.breachId}" is already recorded on ${asbCase.reference}.`);
  }
  if (breach.incidentId !== undefined && !asbCase.incidents.has(breach.incidentId)) throw refused('INCIDENT_NOT_FOUND', `No incident "${breach.incidentId}" on ${asbCase.reference}.`);
  refuseFutureDay(breach.occurredOn, 'The breach', now);
  if (breach.occurredOn < intervention.issuedOn) {
    throw refused('BREACH_BEFORE_INTERVENTION', `The ${intervention.kind.replaceAll('-', ' ')} "${intervention.interventionId}" was issued on ${intervention.issuedOn}: nothing before it breaches it (${breach.occurredOn}).`);
  }
  const lastDay = lastDayInForce(intervention);
  if (lastDay !== null && breach.occurredOn > lastDay) {
    throw refused('BREACH_AFTER_EXPIRY', `The ${intervention.kind.replaceAll('-', ' ')} "${intervention.interventionId}" was in force to ${lastDay}: nothing on ${breach.occurredOn} breaches it.`);
  }
  return [{ type: 'BreachRecorded', ...breach }];
}
