/** The SARA problem-solving plan as a stream kind: `plan-<uuid>`, one stream per plan. */
import type { PlanCommand } from '../domain/plan/commands.js';
import { planDecider } from '../domain/plan/decider.js';
import { referenceBookDecider, type ReferenceBookCommand, type ReferenceBookEvent, type ReferenceBookState } from '../domain/plan/reference-book.js';
import type { PlanEvent } from '../domain/plan/events.js';
import type { PlanState } from '../domain/plan/state.js';
import { streamCategories, streamName } from '../domain/shared/streams.js';
import type { StreamKind } from './command-handler.js';

export const planStream: StreamKind<PlanCommand, PlanEvent, PlanState> = {
  decider: planDecider,
  schemaVersion: 1,
};

/** `plan-<uuid>`. */
export function planStreamName(planId: string): string {
  return streamName(streamCategories.plan, planId);
}

export const referenceBookStream: StreamKind<ReferenceBookCommand, ReferenceBookEvent, ReferenceBookState> = {
  decider: referenceBookDecider,
  schemaVersion: 1,
};

/** One reference book a year: `planrefs-2026`. */
export function referenceBookStreamName(year: number): string {
  return streamName(streamCategories.planReferences, String(year));
}
