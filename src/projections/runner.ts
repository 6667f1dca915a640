/**
 * Feeds projections from `$all`: catch up from the checkpoint, then follow live.
 * Every API instance runs its own, so instances scale out behind EventStoreDB
 * without a second database.
 *
 * Read-your-writes: a mutation's append returns a global position; the API
 * waits with `waitFor(position)` before answering, and since positions follow
 * commit order, every read model then includes the change.
 */
import { comparePositions, type EventStore, type Position, type Subscription } from '../eventstore/event-store.js';
import type { AnyProjection, Projection } from './projection.js';

export class ProjectionTimeout extends Error {
  override readonly name = 'ProjectionTimeout';
  constructor(readonly target: Position, readonly reached: Position | null) {
    super(`Read models did not reach position ${target.commit} in time (at ${reached?.commit ?? 'start'})`);
  }
}

interface Waiter {
  target: Position;
  resolve: () => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

export interface ProjectionFault {
  readonly projection: string;
  readonly position: Position;
  readonly eventType: string;
  readonly error: string;
}

export interface RunnerStatus {
  readonly running: boolean;
  readonly caughtUp: boolean;
  readonly position: Position | null;
  readonly eventsApplied: number;
  readonly faults: readonly ProjectionFault[];
}

export class ProjectionRunner {
  private readonly models = new Map<string, unknown>();
  private readonly byType = new Map<string, AnyProjection[]>();
  private readonly forAll: AnyProjection[] = [];
  private readonly faulted = new Map<string, ProjectionFault>();
  private position: Position | null = null;
  private startHead: Position | null = null;
  private caughtUp = false;
  private eventsApplied = 0;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private waiters: Waiter[] = [];
  private caughtUpWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly projections: readonly AnyProjection[],
    private readonly onFault: (fault: ProjectionFault) => void = () => undefined,
  ) {
    for (const projection of projections) {
      if (this.models.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      this.models.set(projection.name, projection.init());
      if (projection.handles === 'all') {
        this.forAll.push(projection);
        continue;
      }
      for (const type of projection.handles) {
        const list = this.byType.get(type) ?? [];
        list.push(projection);
        this.byType.set(type, list);
      }
    }
  }

  /** Starts following `$all`. Resolves once the subscription is open; `caughtUp()` says when history is in. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.startHead = await this.store.headPosition();
    if (this.startHead === null) this.markCaughtUp();
    this.subscription = this.store.subscribeToAll(this.position ? { fromPosition: this.position } : {});
    const subscription = this.subscription;
    this.loop = (async () => {
      for await (const event of subscription) {
        for (const projection of [...this.forAll, ...(this.byType.get(event.type) ?? [])]) {
          if (this.faulted.has(projection.name)) continue;
          try {
            projection.apply(this.models.get(projection.name), event);
          } catch (error) {
            // A projection that throws is a defect; it stops taking events, so what it shows is at worst stale,
            // never half-applied out of order, and /readyz names it.
            const fault: ProjectionFault = {
              projection: projection.name,
              position: event.position,
              eventType: event.type,
              error: error instanceof Error ? error.message : String(error),
            };
            this.faulted.set(projection.name, fault);
            this.onFault(fault);
          }
        }
        this.eventsApplied += 1;
        this.position = event.position;
        if (!this.caughtUp && this.startHead && comparePositions(event.position, this.startHead) >= 0) this.markCaughtUp();
        this.releaseWaiters();
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('The projection runner stopped'));
    }
    this.waiters = [];
  }

  model<ReadModel>(projection: Projection<ReadModel>): ReadModel {
    const model = this.models.get(projection.name);
    if (model === undefined) throw new Error(`No projection named ${projection.name} is running`);
    return model as ReadModel;
  }

  status(): RunnerStatus {
    return {
      running: this.loop !== null && !this.stopped,
      caughtUp: this.caughtUp,
      position: this.position,
      eventsApplied: this.eventsApplied,
      faults: [...this.faulted.values()],
    };
  }

  /** Resolves once every event up to `target` has been applied. */
  waitFor(target: Position, timeoutMs = 5_000): Promise<void> {
    if (this.position && comparePositions(this.position, target) >= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        target,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new ProjectionTimeout(target, this.position));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves once the history present at start-up has been applied. */
  whenCaughtUp(): Promise<void> {
    if (this.caughtUp) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push(resolve));
  }

  private markCaughtUp(): void {
    this.caughtUp = true;
    for (const resolve of this.caughtUpWaiters) resolve();
    this.caughtUpWaiters = [];
  }

  private releaseWaiters(): void {
    if (this.waiters.length === 0 || !this.position) return;
    const reached = this.position;
    this.waiters = this.waiters.filter((waiter) => {
      if (comparePositions(reached, waiter.target) < 0) return true;
      clearTimeout(waiter.timer);
      waiter.resolve();
      return false;
    });
  }
}
