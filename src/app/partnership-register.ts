/**
 * The partnership register as a stream kind: one stream per Community Safety
 * Partnership, holding which agencies are members and their lead contacts.
 */
import { partnershipDecider, type PartnershipState } from '../domain/partnership/decider.js';
import type { PartnershipCommand } from '../domain/partnership/commands.js';
import type { PartnershipEvent } from '../domain/partnership/events.js';
import { streamCategories, streamName } from '../domain/shared/streams.js';
import type { StreamKind } from './command-handler.js';

export const partnershipStream: StreamKind<PartnershipCommand, PartnershipEvent, PartnershipState> = {
  decider: partnershipDecider,
  schemaVersion: 1,
};

/**
 * A deployment serves one CSP, so its register has one fixed stream. The id is
 * a constant (not derived from the CSP's name) so renaming the CSP never moves it.
 */
export const PARTNERSHIP_ID = '3f9c2a5e-0b7d-4c1e-9a6f-5d2b8e4c7a10';
export const partnershipStreamName = streamName(streamCategories.partnership, PARTNERSHIP_ID);
