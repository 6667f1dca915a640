/**
 * Each person's data-protection standing, from their record
 * (`person-<personId>`): erased, restricted (DPA 2018 s.47(2)), or neither.
 * The access model reads it to withhold restricted data from all but
 * auditors; start-up reads it to finish any erasure whose key survived.
 */
import { type DataProtectionEvent, dataProtectionDecider, type DataProtectionState } from '../domain/person/data-protection.js';
import type { Projection } from './projection.js';

/** The record's state, and its stream's revision (for `expectedRevision`). */
export type PersonalDataStanding = DataProtectionState & { readonly revision: bigint };
export type PersonalDataStandings = Map<string, PersonalDataStanding>;

export const personalDataStandingsProjection: Projection<PersonalDataStandings> = {
  name: 'personal-data-standings',
  handles: ['PersonErased', 'PersonRestricted', 'PersonRestrictionLifted'],
  init: () => new Map(),
  apply(model, recorded) {
    const event = recorded.data as unknown as DataProtectionEvent;
    const state = dataProtectionDecider.evolve(model.get(event.personId) ?? dataProtectionDecider.initialState(), event);
    model.set(event.personId, { ...state, revision: recorded.revision });
  },
};

/** The people recorded as erased, with when: whose keys must be gone. */
export function erasedPeople(standings: PersonalDataStandings): Array<{ personId: string; erasedAt: Date }> {
  return [...standings.entries()].flatMap(([personId, standing]) => (standing.erased ? [{ personId, erasedAt: new Date(standing.erased.by.at) }] : []));
}
