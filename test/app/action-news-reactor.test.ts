/**
 * Plans learn of their actions: assigned, rescheduled, done or cancelled. The
 * reactor can run again over the same history and change nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionStream, actionStreamName, assignAction } from '../../src/app/action-stream.js';
import { CommandHandler } from '../../src/app/command-handler.js';
import { ActionNewsReactor, type ReactorFault } from '../../src/app/action-news-reactor.js';
import { asbCaseStreamName, openAsbCase } from '../../src/app/asb-case-stream.js';
import { planStreamName } from '../../src/app/plan-stream.js';
import { asbCaseDecider } from '../../src/domain/asb-case/decider.js';
import type { AsbCaseEvent } from '../../src/domain/asb-case/events.js';
import { agenciesOnCase, type OpenedAsbCase } from '../../src/domain/asb-case/state.js';
import { planDecider } from '../../src/domain/plan/decider.js';
import type { OpenedPlan } from '../../src/domain/plan/state.js';
import { fold } from '../../src/domain/shared/decider.js';
import type { PlanEvent } from '../../src/domain/plan/events.js';
import type { JsonObject } from '../../src/eventstore/event-store.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { collect } from '../support/events.js';
import { history, now, sarah } from '../domain/plan/history.js';

const planId = 'c0ffee00-0000-4000-8000-000000000001';
const grace = { userId: 'grace.mensah', agencyId: 'youth', roles: ['partner' as const], displayName: 'Grace Mensah' };

const opened: Array<{ store: SqliteEventStore; reactor: ActionNewsReactor }> = [];
afterEach(async () => {
  for (const { store, reactor } of opened.splice(0)) {
    await reactor.stop();
    await store.close();
  }
});

async function partnership(events: PlanEvent[] = history.analysed) {
  const store = new SqliteEventStore({ path: ':memory:' });
  await store.append(
    planStreamName(planId),
    events.map((e, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: e.type,
      data: e as unknown as JsonObject,
      metadata: { actor: { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] }, correlationId: 't', causationId: 't', occurredAt: '2026-10-01T10:00:00.000Z', schemaVersion: 1 },
    })),
    { expectedRevision: 'no_stream' },
  );
  const commands = new CommandHandler(store, () => now);
  const faults: ReactorFault[] = [];
  const reactor = new ActionNewsReactor(store, commands, (fault) => faults.push(fault));
  reactor.start();
  opened.push({ store, reactor });
  return { store, commands, reactor, faults };
}

async function planState(store: SqliteEventStore): Promise<OpenedPlan> {
  const events = await collect(store.readStream(planStreamName(planId)));
  return fold(planDecider, events.map((e) => e.data as unknown as PlanEvent)) as unknown as OpenedPlan;
}

const assignment = {
  parent: { kind: 'plan' as const, id: planId },
  ownerAgencyId: 'police',
  assignee: { agencyId: 'youth', person: 'Grace Mensah' },
  description: 'Run diversionary events on the four Fridays before bonfire night',
  dueOn: '2026-10-30',
};

describe('plans learning of their actions', () => {
  it('links an action assigned on a plan, before the request that assigned it answers', async () => {
    const { store, commands, reactor } = await partnership();
    const actionId = 'acc00000-0000-4000-8000-000000000001';
    const assigned = await assignAction(commands, actionId, assignment, now, { actor: sarah, correlationId: 'c' });
    expect(assigned.state).toMatchObject({ assigned: true, reference: 'ACT-2026-0001', status: 'assigned' });
    await reactor.waitFor(assigned.position!);
    expect([...(await planState(store)).actions.values()]).toEqual([
      { actionId, agencyId: 'youth', description: assignment.description, dueOn: '2026-10-30', outcome: null },
    ]);
  });

  it('notes a new due day, then the outcome, and the plan’s process evaluation counts it', async () => {
    const { store, commands, reactor } = await partnership();
    const actionId = 'acc00000-0000-4000-8000-000000000002';
    await assignAction(commands, actionId, assignment, now, { actor: sarah, correlationId: 'c' });
    await commands.handle(actionStream, actionStreamName(actionId), { type: 'RescheduleAction', dueOn: '2026-11-06', reason: 'Venue moved' }, { actor: sarah, correlationId: 'c' });
    const done = await commands.handle(actionStream, actionStreamName(actionId), { type: 'CompleteAction', outcome: 'Four events, 120 young people', evidence: 'Attendance sheets', doneOn: '2026-11-05' }, { actor: grace, correlationId: 'c' });
    await reactor.waitFor(done.position!);
    expect((await planState(store)).actions.get(actionId)).toEqual({
      actionId,
      agencyId: 'youth',
      description: assignment.description,
      dueOn: '2026-11-06',
      outcome: { status: 'done', on: '2026-11-05' },
    });
    // Relayed by Casebook itself, caused by the action's own event.
    const relayed = (await collect(store.readStream(planStreamName(planId)))).at(-1)!;
    expect(relayed.metadata.actor).toEqual({ userId: 'casebook:plan-action-reactor', agencyId: 'youth', roles: ['coordinator'] });
  });

  it('changes nothing when it runs again over the same history', async () => {
    const { store, commands, reactor } = await partnership();
    const actionId = 'acc00000-0000-4000-8000-000000000003';
    await assignAction(commands, actionId, assignment, now, { actor: sarah, correlationId: 'c' });
    // Changes that a careless replay would apply again, out of date: two new due days and a new agency.
    await commands.handle(actionStream, actionStreamName(actionId), { type: 'RescheduleAction', dueOn: '2026-11-06', reason: 'Venue moved' }, { actor: sarah, correlationId: 'c' });
    await commands.handle(actionStream, actionStreamName(actionId), { type: 'RescheduleAction', dueOn: '2026-11-13', reason: 'Moved again' }, { actor: sarah, correlationId: 'c' });
    await commands.handle(actionStream, actionStreamName(actionId), { type: 'ReassignAction', assignee: { agencyId: 'council' }, reason: 'Council wardens instead' }, { actor: sarah, correlationId: 'c' });
    const cancelled = await commands.handle(actionStream, actionStreamName(actionId), { type: 'CancelAction', reason: 'Done by the council instead' }, { actor: sarah, correlationId: 'c' });
    await reactor.waitFor(cancelled.position!);
    expect((await planState(store)).actions.get(actionId)).toMatchObject({ agencyId: 'council', dueOn: '2026-11-13' });
    const before = await collect(store.readStream(planStreamName(planId)));
    const again = new ActionNewsReactor(store, new CommandHandler(store, () => now));
    again.start();
    await again.waitFor(cancelled.position!);
    await again.stop();
    expect(await collect(store.readStream(planStreamName(planId)))).toHaveLength(before.length);
    expect((await planState(store)).actions.get(actionId)?.outcome).toEqual({ status: 'cancelled', on: '2026-11-23' });
  });

  it('leaves a closed plan as it was, and says so, without stopping', async () => {
    const { store, commands, reactor, faults } = await partnership(history.closed);
    const late = 'acc00000-0000-4000-8000-000000000004';
    const assigned = await assignAction(commands, late, assignment, now, { actor: sarah, correlationId: 'c' });
    await reactor.waitFor(assigned.position!);
    expect(faults).toMatchObject([{ eventType: 'ActionAssigned', error: expect.stringContaining('PLAN_CLOSED') }]);
    expect((await planState(store)).actions.has(late)).toBe(false);
    // And it goes on to what comes after: the next event is reacted to (and refused the same way).
    const moved = await commands.handle(actionStream, actionStreamName(late), { type: 'RescheduleAction', dueOn: '2026-12-01', reason: 'Later' }, { actor: sarah, correlationId: 'c' });
    await reactor.waitFor(moved.position!);
    expect(faults.map((f) => f.eventType)).toEqual(['ActionAssigned', 'ActionRescheduled']);
    expect((await planState(store)).stage).toBe('closed');
  });

  it('tells an ASB case of its actions, and not the plan', async () => {
    const { store, commands, reactor } = await partnership();
    const caseId = 'ca5e0000-0000-4000-8000-000000000001';
    const opening = { title: 'Stones at windows on Airedale Road', summary: 'Youths throwing stones at an older resident’s windows.', owningAgencyId: 'police', location: { description: 'Airedale Road, Castleford' }, openedOn: '2026-11-01' };
    await openAsbCase(commands, caseId, opening, now, { actor: sarah, correlationId: 'c' });
    const actionId = 'acc00000-0000-4000-8000-000000000005';
    const onCase = await assignAction(commands, actionId, { ...assignment, parent: { kind: 'asbcase', id: caseId }, ownerAgencyId: 'police' }, now, { actor: sarah, correlationId: 'c' });
    await reactor.waitFor(onCase.position!);
    const done = await commands.handle(actionStream, actionStreamName(actionId), { type: 'CompleteAction', outcome: 'Visited twice', evidence: 'Youth service log 114', doneOn: '2026-11-20' }, { actor: grace, correlationId: 'c' });
    await reactor.waitFor(done.position!);
    const events = await collect(store.readStream(asbCaseStreamName(caseId)));
    const asbCase = fold(asbCaseDecider, events.map((e) => e.data as unknown as AsbCaseEvent)) as OpenedAsbCase & { opened: true };
    expect(asbCase.actions.get(actionId)).toMatchObject({ agencyId: 'youth', outcome: { status: 'done', on: '2026-11-20' } });
    expect(agenciesOnCase(asbCase).has('youth')).toBe(true);
    expect((await planState(store)).actions.size).toBe(0);
  });

  it('says it is failing while it cannot get past an event, retries, and clears once it does', async () => {
    const { store, commands } = await partnership();
    // The plan's store write fails twice (a full disk, say), then works.
    let failures = 2;
    const flaky = new Proxy(commands, {
      get: (target, key, receiver) =>
        key === 'handle'
          ? (...args: Parameters<CommandHandler['handle']>) => (failures-- > 0 ? Promise.reject(new Error('SQLITE_FULL: database or disk is full')) : target.handle(...args))
          : Reflect.get(target, key, receiver),
    });
    const faults: ReactorFault[] = [];
    const reactor = new ActionNewsReactor(store, flaky, (fault) => faults.push(fault));
    opened.push({ store, reactor });
    const assigned = await assignAction(commands, 'acc00000-0000-4000-8000-000000000006', assignment, now, { actor: sarah, correlationId: 'c' });
    reactor.start();
    await vi.waitFor(() => expect(reactor.status().failing).toMatchObject({ error: 'SQLITE_FULL: database or disk is full' }));
    expect(await reactor.waitFor(assigned.position!)).toBe(true);
    expect(reactor.status().failing).toBeNull();
    expect(faults.length).toBe(2);
    expect((await planState(store)).actions.has('acc00000-0000-4000-8000-000000000006')).toBe(true);
  });
});
