import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { partnershipCommandSchema } from '../../../src/domain/partnership/commands.js';
import { partnershipDecider } from '../../../src/domain/partnership/decider.js';
import type { PartnershipEvent } from '../../../src/domain/partnership/events.js';
import { givenWhenThen } from '../../support/given-when-then.js';

const given = givenWhenThen(partnershipDecider);
const coordinator: Actor = { userId: 'daniel.price', agencyId: 'council', roles: ['coordinator'] };
const partner: Actor = { userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'] };
const auditor: Actor = { userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'] };

const housingJoined: PartnershipEvent = { type: 'AgencyJoinedPartnership', agencyId: 'housing', name: 'Wakefield District Housing', leadContact: 'Amira Hussain' };

describe('the partnership register', () => {
  it('lets a coordinator register an agency with its lead contact', () => {
    given([])
      .when({ type: 'RegisterAgency', agencyId: 'housing', name: 'Wakefield District Housing', leadContact: 'Amira Hussain' }, coordinator)
      .then([housingJoined]);
  });

  it('refuses a second agency with an id already in use, naming who has it', () => {
    given([housingJoined])
      .when({ type: 'RegisterAgency', agencyId: 'housing', name: 'Another Housing Association', leadContact: 'Sam Wood' }, coordinator)
      .thenViolates('AGENCY_ALREADY_IN_PARTNERSHIP', 'Wakefield District Housing');
  });

  it('records a new lead contact with the one it replaces', () => {
    given([housingJoined])
      .when({ type: 'NameLeadContact', agencyId: 'housing', leadContact: 'Joe Bloggs' }, coordinator)
      .then([{ type: 'LeadContactNamed', agencyId: 'housing', leadContact: 'Joe Bloggs', previous: 'Amira Hussain' }]);
  });

  it('records nothing when the lead contact is unchanged', () => {
    given([housingJoined]).when({ type: 'NameLeadContact', agencyId: 'housing', leadContact: 'Amira Hussain' }, coordinator).then([]);
  });

  it('refuses a lead contact for an agency that is not a member', () => {
    given([housingJoined]).when({ type: 'NameLeadContact', agencyId: 'fire', leadContact: 'Tom Reilly' }, coordinator).thenViolates('AGENCY_NOT_IN_PARTNERSHIP');
  });

  it('leaves membership to coordinators: partners and auditors are refused', () => {
    const command = { type: 'RegisterAgency' as const, agencyId: 'probation', name: 'Probation Service', leadContact: 'Pat Lee' };
    given([]).when(command, partner).thenViolates('FORBIDDEN');
    given([]).when(command, auditor).thenViolates('FORBIDDEN');
  });

  it('folds joins and changes of lead contact into the current membership', () => {
    const state = fold(partnershipDecider, [
      housingJoined,
      { type: 'AgencyJoinedPartnership', agencyId: 'fire', name: 'West Yorkshire Fire and Rescue Service', leadContact: 'Tom Reilly' },
      { type: 'LeadContactNamed', agencyId: 'housing', leadContact: 'Joe Bloggs', previous: 'Amira Hussain' },
    ]);
    expect([...state.agencies.values()]).toEqual([
      { agencyId: 'housing', name: 'Wakefield District Housing', leadContact: 'Joe Bloggs' },
      { agencyId: 'fire', name: 'West Yorkshire Fire and Rescue Service', leadContact: 'Tom Reilly' },
    ]);
  });

  it('validates commands at the edge: trims text and names the field that is wrong', () => {
    expect(partnershipCommandSchema.parse({ type: 'RegisterAgency', agencyId: 'fire', name: '  West Yorkshire FRS ', leadContact: ' Tom Reilly' })).toEqual({
      type: 'RegisterAgency',
      agencyId: 'fire',
      name: 'West Yorkshire FRS',
      leadContact: 'Tom Reilly',
    });
    const bad = partnershipCommandSchema.safeParse({ type: 'RegisterAgency', agencyId: 'Fire Service', name: 'x', leadContact: 'Tom Reilly' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['agencyId', 'name']);
  });
});
