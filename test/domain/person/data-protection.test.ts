import { describe, expect, it } from 'vitest';
import { type DataProtectionEvent, dataProtectionCommandSchema, dataProtectionDecider } from '../../../src/domain/person/data-protection.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { defaultInstant, givenWhenThen } from '../../support/given-when-then.js';

const given = givenWhenThen(dataProtectionDecider);
const inspector: Actor = { userId: 'rachel.obi', agencyId: 'police', roles: ['supervisor'] };
const coordinator: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] };
const partner: Actor = { userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'] };
const auditor: Actor = { userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'] };

const karen = '3d1c9a7e-2b4f-4c6d-8e0a-9f8b7c6d5e4f';
const by = (actor: Actor) => ({ userId: actor.userId, agencyId: actor.agencyId, at: defaultInstant.toISOString() });

const erase = { type: 'ErasePerson' as const, personId: karen, ground: 'subject-request' as const, reason: 'Asked in writing on 1 November; no proceedings pending.' };
const restrict = { type: 'RestrictPerson' as const, personId: karen, reason: 'Evidence in the civil injunction hearing on 14 January.' };
const lift = { type: 'LiftPersonRestriction' as const, personId: karen, reason: 'The hearing is over and no appeal was lodged.' };

const erased: DataProtectionEvent = { type: 'PersonErased', personId: karen, ground: 'subject-request', reason: erase.reason, by: by(inspector) };
const restricted: DataProtectionEvent = { type: 'PersonRestricted', personId: karen, reason: restrict.reason, by: by(inspector) };
const lifted: DataProtectionEvent = { type: 'PersonRestrictionLifted', personId: karen, reason: lift.reason, by: by(coordinator) };

describe('a person’s data-protection record', () => {
  it('records an erasure with its ground, reason, who and when', () => {
    given([]).when(erase, inspector).then([erased]);
    given([]).when({ ...erase, ground: 'retention-disposal' }, coordinator).then([{ ...erased, ground: 'retention-disposal', by: by(coordinator) }]);
  });

  it('is for a supervisor or a coordinator, not a partner or an auditor', () => {
    given([]).when(erase, partner).thenViolates('FORBIDDEN', 'Only a supervisor or a coordinator may erase');
    given([]).when(erase, auditor).thenViolates('FORBIDDEN');
    given([]).when(restrict, partner).thenViolates('FORBIDDEN', 'restrict');
    given([restricted]).when(lift, auditor).thenViolates('FORBIDDEN', 'lift');
  });

  it('is for ever: nothing is done after an erasure, a second erasure included', () => {
    given([erased]).when(erase, inspector).thenViolates('PERSON_ERASED', `Person ${karen} was erased on 2026-11-05`);
    given([erased]).when(restrict, inspector).thenViolates('PERSON_ERASED');
  });

  it('restricts data kept as evidence, and refuses to erase it until the restriction is lifted', () => {
    given([]).when(restrict, inspector).then([restricted]);
    given([restricted]).when(erase, inspector).thenViolates('PERSON_RESTRICTED', 'lift the restriction before erasing it');
    given([restricted]).when(restrict, inspector).thenViolates('PERSON_ALREADY_RESTRICTED');
    given([restricted]).when(lift, coordinator).then([lifted]);
    given([restricted, lifted]).when(erase, inspector).then([erased]);
  });

  it('lifts only a restriction in force', () => {
    given([]).when(lift, inspector).thenViolates('PERSON_NOT_RESTRICTED');
    given([restricted, lifted]).when(lift, inspector).thenViolates('PERSON_NOT_RESTRICTED');
  });

  it('keeps one person’s record: a command for another person is refused', () => {
    given([restricted]).when({ ...lift, personId: '5c3e2a1b-7f6d-4e8c-9b0a-1d2e3f4a5b6c' }, inspector).thenViolates('PERSON_MISMATCH');
  });

  it('asks for a reason an auditor can follow, and a ground it knows', () => {
    const refused = dataProtectionCommandSchema.safeParse({ ...erase, reason: 'asked', ground: 'tidy-up' });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['ground', 'reason']);
    expect(dataProtectionCommandSchema.safeParse({ ...erase, personId: 'karen' }).success).toBe(false);
  });
});
