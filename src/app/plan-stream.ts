/** The SARA problem-solving plan as a stream kind: `plan-<uuid>`, one stream per plan. */
import type { PlanCommand } from '../domain/plan/commands.js';
import { planDecider } from '../domain/plan/decider.js';
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
