/**
 * The two coordinators who tell the demo, and the ids of what they open: a
 * record's id comes from its opener's idempotency key (scoped to the opener),
 * so the neighbourhoods' are Daniel Price's and the plans' are PS Sarah
 * Khan's. Kept in one place so the stories, the cases and the tests agree.
 */
import type { Actor } from '../../domain/shared/actor.js';
import { newEntityId } from '../command-handler.js';

export const sarah: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], displayName: 'PS Sarah Khan' };
export const daniel: Actor = { userId: 'daniel.price', agencyId: 'council', roles: ['coordinator'], displayName: 'Daniel Price' };

/** A demo neighbourhood's id: `thornes`, `castleford-whitwood`, `city-centre`. */
export function demoNeighbourhoodId(key: string): string {
  return newEntityId(daniel, `demo-neighbourhood-${key}`, 'neighbourhood');
}

/** A demo plan's id, by its story's key: `bonfire`, `encampments`, `landlords`, `motorbikes`, `street-drinking`. */
export function demoPlanId(key: string): string {
  return newEntityId(sarah, `demo-plan-${key}`, 'plan');
}
