/**
 * Feeds projections from `$all`: catch up from the checkpoint, then follow live.
 * Every API instance runs its own, so instances scale out behind EventStoreDB
 * without a second database.
 *
 * Read-your-writes: a mutation's append returns a global position; the API
 * waits with `waitFor(position)` before answering, and since positions follow
 * commit order, every read model then includes the change.
 */
import { comparePositions, type EventStore, type Position, type RecordedEvent, START, type Subscription } from '../eventstore/event-store.js';
import type { AnyProjection, Projection } from './projection.js';

const RESUBSCRIBE_MIN_MS = 100;
const RESUBSCRIBE_MAX_MS = 5_000;
/** Drops in a row without one event applied, after which the runner reports itself stuck. */
const STUCK_AFTER_DROPS = 5;

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

export interface ProjectionRunnerOptions {
  /** A projection threw and stopped taking events, or the subscription is stuck. */
  readonly onFault?: (fault: ProjectionFault) => void;
  /** The subscription to `$all` was lost; the runner opens it again from the checkpoint. */
  readonly onDrop?: (error: unknown) => void;
  /** The first wait before opening a lost subscription again; it doubles up to 5 s. */
  readonly resubscribeMinMs?: number;
}

export interface RunnerStatus {
  readonly running: boolean;
  readonly caughtUp: boolean;
  readonly position: Position | null;
  readonly eventsApplied: number;
  /** How often the subscription was lost and opened again from the checkpoint. */
  readonly subscriptionDrops: number;
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
  private subscriptionDrops = 0;
  private starting: Promise<void> | null = null;
  private cancelBackoff: (() => void) | null = null;
  /** Set while the subscription keeps failing at one checkpoint. */
  private stuck: ProjectionFault | null = null;

  private readonly onFault: (fault: ProjectionFault) => void;
  private readonly onDrop: (error: unknown) => void;
  private readonly resubscribeMinMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly projections: readonly AnyProjection[],
    options: ProjectionRunnerOptions = {},
  ) {
    this.onFault = options.onFault ?? (() => undefined);
    this.onDrop = options.onDrop ?? (() => undefined);
    this.resubscribeMinMs = options.resubscribeMinMs ?? RESUBSCRIBE_MIN_MS;
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

  /**
   * Starts following `$all` from the checkpoint (the last event applied, or
   * the beginning). Resolves once the subscription is open; `whenCaughtUp()`
   * says when the history present now is in. After `stop()`, `start()`
   * resumes from the checkpoint without applying anything twice. Calls that
   * overlap share one start.
   */
  start(): Promise<void> {
    if (this.starting) return this.starting;
    this.stopped = false;
    this.starting = (async () => {
      this.startHead = await this.store.headPosition();
      if (this.startHead === null || (this.position && comparePositions(this.position, this.startHead) >= 0)) this.markCaughtUp();
      this.loop = this.follow();
    })();
    return this.starting;
  }

  /** Follows `$all`; a dropped subscription (a lost connection to EventStoreDB) is opened again from the checkpoint. */
  private async follow(): Promise<void> {
    let retryMs = this.resubscribeMinMs;
    let dropsWithoutProgress = 0;
    while (!this.stopped) {
      let subscription: Subscription | null = null;
      const before = this.position;
      try {
        subscription = this.store.subscribeToAll(this.position ? { fromPosition: this.position } : {});
        this.subscription = subscription;
        for await (const event of subscription) {
          this.apply(event);
          retryMs = this.resubscribeMinMs;
          dropsWithoutProgress = 0;
          this.stuck = null;
        }
        if (this.stopped) return;
        throw new Error('the subscription to $all ended');
      } catch (error) {
        if (this.stopped) return;
        this.subscriptionDrops += 1;
        this.onDrop(error);
        await subscription?.close().catch(() => undefined);
        if (this.position === before) dropsWithoutProgress += 1;
        // Failing again and again at one place (an event this store cannot hand over) is not a passing outage:
        // keep trying, but say so, so /readyz stops sending traffic here.
        if (dropsWithoutProgress >= STUCK_AFTER_DROPS && !this.stuck) {
          this.stuck = {
            projection: '$all subscription',
            position: this.position ?? START,
            eventType: '',
            error: `the subscription failed ${dropsWithoutProgress} times without progress: ${error instanceof Error ? error.message : String(error)}`,
          };
          this.onFault(this.stuck);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, retryMs);
          function done(): void {
            clearTimeout(timer);
            resolve();
          }
          this.cancelBackoff = done;
        });
        this.cancelBackoff = null;
        retryMs = Math.min(retryMs * 2, RESUBSCRIBE_MAX_MS);
      }
    }
  }

  private apply(event: RecordedEvent): void {
    // A resubscription starts after the checkpoint; this guard keeps "exactly once" even if a store repeats itself.
    if (this.position && comparePositions(event.position, this.position) <= 0) return;
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

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    this.cancelBackoff?.();
    await this.subscription?.close();
    await this.loop;
    this.loop = null;
    this.starting = null;
    this.subscription = null;
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
      subscriptionDrops: this.subscriptionDrops,
      faults: [...this.faulted.values(), ...(this.stuck ? [this.stuck] : [])],
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
