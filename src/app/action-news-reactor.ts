/**
 * Keeps each plan's and each ASB case's knowledge of its actions in step with
 * the actions themselves: an action assigned on a plan or a case is linked to
 * it, and its outcome (done, cancelled), new agency and (on a plan) new due
 * day are noted there. A plan's stage gates and process evaluation read them;
 * a case reads them to know which agencies are on it.
 *
 * It follows `$all` from the beginning, and every command it sends carries what
 * it replaces, so the plan answers a replay with nothing: it can be
 * restarted, run in every instance, or run twice over the same events, and
 * the plan ends up the same. A request that assigns or finishes an action
 * waits for the reactor (`waitFor`) so its answer already shows the plan
 * changed.
 */
import type { ActionEvent } from '../domain/action/events.js';
import type { AsbCaseCommand } from '../domain/asb-case/commands.js';
import type { PlanCommand } from '../domain/plan/commands.js';
import { DomainError } from '../domain/shared/domain-error.js';
import { parseStreamName, streamCategories } from '../domain/shared/streams.js';
import { comparePositions, type EventStore, type Position, type RecordedEvent, type Subscription } from '../eventstore/event-store.js';
import type { CommandHandler } from './command-handler.js';
import { asbCaseStream, asbCaseStreamName } from './asb-case-stream.js';
import { planStream, planStreamName } from './plan-stream.js';

/** The user id events relayed by the reactor are recorded under (kept as first recorded, from when it told plans only). */
export const REACTOR_USER = 'casebook:plan-action-reactor';

const REACTS_TO = ['ActionAssigned', 'ActionCompleted', 'ActionCancelled', 'ActionRescheduled', 'ActionReassigned'];

export interface ReactorFault {
  readonly position: Position;
  readonly eventType: string;
  readonly error: string;
}

export class ActionNewsReactor {
  /** Action id -> the plan or case it belongs to, learnt from each ActionAssigned. */
  private readonly parentOf = new Map<string, { readonly kind: 'plan' | 'asbcase'; readonly id: string }>();
  private position: Position | null = null;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private waiters: Array<{ target: Position; resolve: () => void }> = [];
  private stopped = false;
  /** Set while the reactor cannot get past an event (the store failing, say): it retries, and plans fall behind their actions meanwhile. */
  private failing: ReactorFault | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly commands: CommandHandler,
    private readonly onFault: (fault: ReactorFault) => void = () => undefined,
  ) {}

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
    this.loop = null;
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }

  /**
   * Resolves true once every event up to `target` has been reacted to, or
   * false after `timeoutMs`: a request then answers with what it wrote, and
   * the plan catches up when the reactor does.
   */
  waitFor(target: Position, timeoutMs = 5_000): Promise<boolean> {
    if (this.position && comparePositions(this.position, target) >= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        target,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** For /readyz: how far the reactor has got, and whether it is stuck retrying. */
  status(): { readonly position: Position | null; readonly failing: ReactorFault | null } {
    return { position: this.position, failing: this.failing };
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        this.subscription = this.store.subscribeToAll({
          ...(this.position ? { fromPosition: this.position } : {}),
          filter: { streamPrefixes: [`${streamCategories.action}-`] },
        });
        for await (const event of this.subscription) {
          if (REACTS_TO.includes(event.type)) await this.react(event);
          this.position = event.position;
          this.failing = null;
          this.release();
        }
        return;
      } catch (error) {
        if (this.stopped) return;
        this.failing = { position: this.position ?? { commit: -1n, prepare: -1n }, eventType: '$all subscription', error: error instanceof Error ? error.message : String(error) };
        this.onFault(this.failing);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async react(recorded: RecordedEvent): Promise<void> {
    const actionId = parseStreamName(recorded.streamId)?.id;
    if (!actionId) return;
    const event = recorded.data as unknown as ActionEvent;
    if (event.type === 'ActionAssigned') this.parentOf.set(actionId, event.parent);
    const parent = this.parentOf.get(actionId);
    if (!parent) return;
    const options = {
      // Casebook itself relays the news; who caused it is the action event this names as its cause.
      actor: { userId: REACTOR_USER, agencyId: recorded.metadata.actor.agencyId, roles: ['coordinator' as const] },
      correlationId: recorded.metadata.correlationId,
      causationId: recorded.id,
      occurredAt: new Date(recorded.metadata.occurredAt),
    };
    try {
      if (parent.kind === 'plan') {
        const command = this.planCommandFor(actionId, event);
        if (command) await this.commands.handle(planStream, planStreamName(parent.id), command, options);
      } else {
        const command = this.caseCommandFor(actionId, event);
        if (command) await this.commands.handle(asbCaseStream, asbCaseStreamName(parent.id), command, options);
      }
    } catch (error) {
      // A plan or case that refuses (closed since, say) keeps what it knew; the action itself is unaffected.
      if (!(error instanceof DomainError)) throw error;
      this.onFault({ position: recorded.position, eventType: recorded.type, error: `${error.code}: ${error.message}` });
    }
  }

  private planCommandFor(actionId: string, event: ActionEvent): PlanCommand | null {
    switch (event.type) {
      case 'ActionAssigned':
        return { type: 'LinkResponseAction', actionId, agencyId: event.assignee.agencyId, description: event.description, dueOn: event.dueOn };
      case 'ActionCompleted':
        return { type: 'NoteResponseActionOutcome', actionId, status: 'done', on: event.doneOn };
      case 'ActionCancelled':
        return { type: 'NoteResponseActionOutcome', actionId, status: 'cancelled', on: event.on };
      case 'ActionRescheduled':
        return { type: 'NoteResponseActionRescheduled', actionId, dueOn: event.dueOn, previousDueOn: event.previousDueOn };
      case 'ActionReassigned':
        return { type: 'NoteResponseActionReassigned', actionId, agencyId: event.assignee.agencyId, previousAgencyId: event.previous.agencyId };
      default:
        return null;
    }
  }

  /** A case keeps which agencies its actions are with, and how they ended; not their due days. */
  private caseCommandFor(actionId: string, event: ActionEvent): AsbCaseCommand | null {
    switch (event.type) {
      case 'ActionAssigned':
        return { type: 'LinkCaseAction', actionId, agencyId: event.assignee.agencyId, description: event.description, dueOn: event.dueOn };
      case 'ActionCompleted':
        return { type: 'NoteCaseActionOutcome', actionId, status: 'done', on: event.doneOn };
      case 'ActionCancelled':
        return { type: 'NoteCaseActionOutcome', actionId, status: 'cancelled', on: event.on };
      case 'ActionReassigned':
        return { type: 'NoteCaseActionReassigned', actionId, agencyId: event.assignee.agencyId, previousAgencyId: event.previous.agencyId };
      default:
        return null;
    }
  }

  private release(): void {
    const reached = this.position!;
    this.waiters = this.waiters.filter((waiter) => {
      if (comparePositions(reached, waiter.target) < 0) return true;
      waiter.resolve();
      return false;
    });
  }
}
