/**
 * A person's data-protection record (`person-<personId>`): whether their
 * personal data has been erased, or is restricted (DPA 2018 s.47).
 *
 * - **Erasure** (s.47(1); UK GDPR art. 17 for the partners it applies to):
 *   the record says who erased the person, when, why and on what ground; the
 *   application then destroys the person's key, so their details read as
 *   erased on every case, in every history and every past view, while the
 *   events and their hash chain stay whole. Erasure is for ever.
 * - **Restriction** (s.47(2)): where the data must be kept as evidence, it is
 *   restricted instead: kept, readable by auditors only, each read recorded in
 *   the disclosure ledger. A restricted person cannot be erased until the
 *   restriction is lifted: the evidence is kept until someone decides it need
 *   not be.
 *
 * The record holds no personal data: a person id, reasons, grounds, people
 * of the partnership.
 */
import { z } from 'zod';
import { type Actor, hasRole } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import { DomainError, DomainForbidden } from '../shared/domain-error.js';
import { plainText } from '../shared/values.js';

/** Why a person's data is erased. */
export const erasureGroundSchema = z.enum([
  /** The person asked (s.47(1)(b) / art. 17), and nothing requires the data to be kept. */
  'subject-request',
  /** A MoPI retention review decided the record is to be disposed of. */
  'retention-disposal',
  /** The data should never have been processed (s.47(1)(a)), e.g. recorded against the wrong person. */
  'unlawful-processing',
]);
export type ErasureGround = z.infer<typeof erasureGroundSchema>;

const reason = (what: string) => plainText(1000, what).min(10, `${what}: at least 10 characters, so that an auditor can follow it`);

const personId = z.uuid({ message: 'a person id: the uuid the application gives each person' });

export const erasePersonSchema = z.object({ type: z.literal('ErasePerson'), personId, ground: erasureGroundSchema, reason: reason('the reason for erasure') });
export const restrictPersonSchema = z.object({ type: z.literal('RestrictPerson'), personId, reason: reason('the reason for restriction (the evidence it is kept for)') });
export const liftPersonRestrictionSchema = z.object({ type: z.literal('LiftPersonRestriction'), personId, reason: reason('the reason for lifting the restriction') });

export const dataProtectionCommandSchema = z.discriminatedUnion('type', [erasePersonSchema, restrictPersonSchema, liftPersonRestrictionSchema]);
export type DataProtectionCommand = z.infer<typeof dataProtectionCommandSchema>;

/** Who decided, from the actor: the events name them (the metadata does too, but the record must read on its own). */
export interface Decision {
  readonly userId: string;
  readonly agencyId: string;
  /** ISO-8601. */
  readonly at: string;
}

export type DataProtectionEvent =
  | { readonly type: 'PersonErased'; readonly personId: string; readonly ground: ErasureGround; readonly reason: string; readonly by: Decision }
  | { readonly type: 'PersonRestricted'; readonly personId: string; readonly reason: string; readonly by: Decision }
  | { readonly type: 'PersonRestrictionLifted'; readonly personId: string; readonly reason: string; readonly by: Decision };

export interface DataProtectionState {
  readonly personId: string | null;
  readonly erased: { readonly ground: ErasureGround; readonly reason: string; readonly by: Decision } | null;
  readonly restricted: { readonly reason: string; readonly by: Decision } | null;
}

function decision(actor: Actor, now: Date): Decision {
  return { userId: actor.userId, agencyId: actor.agencyId, at: now.toISOString() };
}

/** The decision is a supervisor's or a coordinator's, as a retention review is: the people answerable for the records. */
function refuseUnlessAnswerable(actor: Actor, what: string): void {
  if (!hasRole(actor, 'supervisor') && !hasRole(actor, 'coordinator')) throw new DomainForbidden(`Only a supervisor or a coordinator may ${what}.`);
}

export const dataProtectionDecider: Decider<DataProtectionCommand, DataProtectionEvent, DataProtectionState> = {
  initialState: () => ({ personId: null, erased: null, restricted: null }),
  evolve(state, event) {
    switch (event.type) {
      case 'PersonErased':
        return { personId: event.personId, erased: { ground: event.ground, reason: event.reason, by: event.by }, restricted: null };
      case 'PersonRestricted':
        return { ...state, personId: event.personId, restricted: { reason: event.reason, by: event.by } };
      case 'PersonRestrictionLifted':
        return { ...state, personId: event.personId, restricted: null };
      default:
        return state;
    }
  },
  decide(command, state, { actor, now }) {
    const { personId } = command;
    if (state.personId !== null && state.personId !== personId) throw new DomainError('PERSON_MISMATCH', `This is the record of person ${state.personId}, not ${personId}.`);
    if (state.erased) throw new DomainError('PERSON_ERASED', `Person ${personId} was erased on ${state.erased.by.at.slice(0, 10)}: nothing more can be done with their data.`);
    switch (command.type) {
      case 'ErasePerson':
        refuseUnlessAnswerable(actor, 'erase a person’s data');
        if (state.restricted) {
          throw new DomainError('PERSON_RESTRICTED', `Person ${personId}’s data is restricted, kept as evidence (${state.restricted.reason}): lift the restriction before erasing it.`);
        }
        return [{ type: 'PersonErased', personId, ground: command.ground, reason: command.reason, by: decision(actor, now) }];
      case 'RestrictPerson':
        refuseUnlessAnswerable(actor, 'restrict a person’s data');
        if (state.restricted) throw new DomainError('PERSON_ALREADY_RESTRICTED', `Person ${personId}’s data is already restricted (${state.restricted.reason}).`);
        return [{ type: 'PersonRestricted', personId, reason: command.reason, by: decision(actor, now) }];
      case 'LiftPersonRestriction':
        refuseUnlessAnswerable(actor, 'lift a restriction on a person’s data');
        if (!state.restricted) throw new DomainError('PERSON_NOT_RESTRICTED', `Person ${personId}’s data is not restricted.`);
        return [{ type: 'PersonRestrictionLifted', personId, reason: command.reason, by: decision(actor, now) }];
    }
  },
};
