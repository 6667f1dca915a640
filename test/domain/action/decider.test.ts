import { describe, expect, it } from 'vitest';
import { type ActionCommand, actionCommandSchema } from '../../../src/domain/action/commands.js';
import { type AssignedAction, actionDecider } from '../../../src/domain/action/decider.js';
import { type ActionEvent, actionEventSchema } from '../../../src/domain/action/events.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { givenWhenThen } from '../../support/given-when-then.js';
import { assignment, by, caseAction, caseAssignment, grace, history, james, megan, now, olivia, sarah, tom } from './history.js';

const given = givenWhenThen(actionDecider);
const action = (events: readonly ActionEvent[]) => fold(actionDecider, events) as AssignedAction & { assigned: true };

const assign = { type: 'AssignAction' as const, ...assignment };
const accept = { type: 'AcceptAction' as const };
const progress = { type: 'ReportActionProgress' as const, note: 'Third Friday moved to the Holmfield Park hut: 29 young people, quiet at the entrance.' };
const block = { type: 'BlockAction' as const, reason: 'The pavilion is booked on 23 October: no venue for the third Friday.' };
const complete = {
  type: 'CompleteAction' as const,
  outcome: 'Four Friday events held, 128 attendances in all; the same groups stayed away from the park entrance.',
  evidence: 'Attendance registers and session reports, youth service file YS-2026-118.',
  doneOn: '2026-10-30',
};
const cancel = { type: 'CancelAction' as const, reason: 'Replaced by the council’s organised display at Pugneys.' };
const reassign = { type: 'ReassignAction' as const, assignee: { agencyId: 'fire', person: 'Tom Reilly' }, reason: 'Youth services lost the pavilion; the fire cadets will run the Fridays.' };
const reschedule = { type: 'RescheduleAction' as const, dueOn: '2026-11-06', reason: 'A fifth Friday added after bonfire night.' };

/** Every command but assignment: what can be asked of an action once it exists. */
const onAnAction: ActionCommand[] = [accept, progress, block, complete, cancel, reassign, reschedule];

describe('assigning an action', () => {
  it('assigns it to an agency and a named person, for the plan, with what is to be done and by when', () => {
    given([]).when(assign, sarah, now).then(history.assigned);
    expect(action(history.assigned)).toEqual({
      assigned: true,
      reference: 'ACT-2026-0420',
      parent: { kind: 'plan', id: assignment.parent.id },
      ownerAgencyId: 'police',
      agencyId: 'youth',
      person: 'Grace Mensah',
      description: 'Run diversionary events on the four Fridays before bonfire night',
      dueOn: '2026-10-30',
      status: 'assigned',
      blockedReason: null,
      outcome: null,
      cancelled: null,
      notes: [],
    });
  });

  it('assigns to an agency without naming anyone in it', () => {
    given([]).when({ type: 'AssignAction', ...caseAssignment }, megan, now).then(caseAction);
    expect(action(caseAction)).toMatchObject({ parent: { kind: 'asbcase' }, ownerAgencyId: 'council', agencyId: 'fire', person: undefined, status: 'assigned' });
  });

  it('assigns once, naming the action it already is, even when that action is finished', () => {
    given(history.assigned).when(assign, sarah, now).thenViolates('ACTION_ALREADY_ASSIGNED', 'This action is already ACT-2026-0420.');
    given(history.done).when({ ...assign, reference: 'ACT-2026-0421' }, sarah, now).thenViolates('ACTION_ALREADY_ASSIGNED', 'ACT-2026-0420');
  });

  it('refuses anything on an action never assigned', () => {
    for (const command of onAnAction) {
      given([]).when(command, sarah, now).thenViolates('ACTION_NOT_ASSIGNED', 'There is no such action: assign it first.');
    }
  });
});

describe('accepting an action', () => {
  it('is for the assigned agency, who is recorded as accepting it', () => {
    given(history.assigned).when(accept, grace, now).then([{ type: 'ActionAccepted', by: by.grace }]);
    expect(action(history.accepted).status).toBe('accepted');
  });

  it('may be done by a coordinator on the agency’s behalf', () => {
    given(history.assigned).when(accept, sarah, now).then([{ type: 'ActionAccepted', by: by.sarah }]);
  });

  it('is refused to another agency, even the one answerable for the plan', () => {
    given(history.assigned).when(accept, tom, now).thenViolates('ACTION_NOT_YOURS', 'ACT-2026-0420 is assigned to youth: only it accepts the action.');
    given(history.assigned).when(accept, james, now).thenViolates('ACTION_NOT_YOURS', 'assigned to youth');
  });

  it('records nothing when accepted twice', () => {
    given(history.accepted).when(accept, grace, now).then([]);
  });

  it('records nothing once the work is under way, and is refused while it is blocked', () => {
    given(history.inProgress).when(accept, grace, now).then([]);
    given(history.blocked).when(accept, grace, now).thenViolates('ACTION_NOT_ACCEPTABLE', 'ACT-2026-0420 is blocked (');
    given(history.blocked).when(accept, grace, now).thenViolates('ACTION_NOT_ACCEPTABLE', 'report progress to lift the block');
  });
});

describe('reporting progress', () => {
  it('records the note with its author and the time, both from who asks and when', () => {
    given(history.accepted)
      .when(progress, grace, now)
      .then([{ type: 'ActionProgressReported', note: 'Third Friday moved to the Holmfield Park hut: 29 young people, quiet at the entrance.', by: by.grace, at: '2026-10-31T10:00:00.000Z' }]);
    expect(action(history.inProgress)).toMatchObject({
      status: 'in_progress',
      notes: [{ note: 'First Friday at the skate park: 34 young people, no fireworks at the Denby Dale Road entrance.', by: 'Grace Mensah', agencyId: 'youth', at: '2026-10-09T21:30:00.000Z' }],
    });
  });

  it('on a blocked action lifts the block', () => {
    const [reported] = actionDecider.decide(progress, action(history.blocked), { actor: grace, now });
    expect(reported).toEqual({ type: 'ActionProgressReported', note: progress.note, by: by.grace, at: '2026-10-31T10:00:00.000Z' });
    expect(action([...history.blocked, reported!])).toMatchObject({ status: 'in_progress', blockedReason: null });
    expect(action([...history.blocked, reported!]).notes).toHaveLength(2);
  });

  it('may be done by a coordinator, who is recorded as the author', () => {
    given(history.accepted).when(progress, sarah, now).then([{ type: 'ActionProgressReported', note: progress.note, by: by.sarah, at: '2026-10-31T10:00:00.000Z' }]);
  });

  it('is refused to another agency', () => {
    given(history.accepted).when(progress, tom, now).thenViolates('ACTION_NOT_YOURS', 'ACT-2026-0420 is assigned to youth: only it reports progress.');
  });
});

describe('blocking an action', () => {
  it('records the reason', () => {
    given(history.inProgress).when(block, grace, now).then([{ type: 'ActionBlocked', reason: 'The pavilion is booked on 23 October: no venue for the third Friday.', by: by.grace }]);
    expect(action(history.blocked)).toMatchObject({ status: 'blocked', blockedReason: 'The pavilion is booked on 23 October: no venue for the third Friday.' });
  });

  it('records nothing for the same reason twice, and a new reason when it changes', () => {
    given(history.blocked).when(block, grace, now).then([]);
    const newReason = { type: 'BlockAction' as const, reason: 'No youth workers free on 30 October: half-term leave.' };
    given(history.blocked).when(newReason, grace, now).then([{ type: 'ActionBlocked', reason: 'No youth workers free on 30 October: half-term leave.', by: by.grace }]);
    expect(action([...history.blocked, { type: 'ActionBlocked', reason: newReason.reason, by: by.grace }]).blockedReason).toBe('No youth workers free on 30 October: half-term leave.');
  });

  it('may be done by a coordinator', () => {
    given(history.inProgress).when(block, sarah, now).then([{ type: 'ActionBlocked', reason: block.reason, by: by.sarah }]);
  });

  it('is refused to another agency', () => {
    given(history.inProgress).when(block, tom, now).thenViolates('ACTION_NOT_YOURS', 'ACT-2026-0420 is assigned to youth: only it says the action is blocked.');
  });
});

describe('completing an action', () => {
  it('records the outcome, the evidence note and the day it was done', () => {
    given(history.inProgress).when(complete, grace, now).then(history.done.slice(-1));
    expect(action(history.done)).toMatchObject({
      status: 'done',
      outcome: {
        outcome: 'Four Friday events held, 128 attendances in all; the same groups stayed away from the park entrance.',
        evidence: 'Attendance registers and session reports, youth service file YS-2026-118.',
        doneOn: '2026-10-30',
      },
    });
  });

  it('clears the block of a blocked action', () => {
    const [completed] = actionDecider.decide(complete, action(history.blocked), { actor: grace, now });
    expect(action([...history.blocked, completed!])).toMatchObject({ status: 'done', blockedReason: null });
  });

  it('may be done by a coordinator', () => {
    given(history.inProgress).when(complete, sarah, now).then([{ ...complete, type: 'ActionCompleted', by: by.sarah }]);
  });

  it('refuses a day in the future, with a day’s grace for British Summer Time', () => {
    given(history.inProgress).when({ ...complete, doneOn: '2026-11-01' }, grace, now).then([{ ...complete, type: 'ActionCompleted', doneOn: '2026-11-01', by: by.grace }]);
    given(history.inProgress)
      .when({ ...complete, doneOn: '2026-11-02' }, grace, now)
      .thenViolates('DATE_IN_FUTURE', 'The completion (2026-11-02) is in the future: record it once it has happened.');
  });

  it('is refused to another agency', () => {
    given(history.inProgress).when(complete, tom, now).thenViolates('ACTION_NOT_YOURS', 'ACT-2026-0420 is assigned to youth: only it completes the action.');
    given(history.inProgress).when(complete, james, now).thenViolates('ACTION_NOT_YOURS');
  });
});

describe('cancelling an action', () => {
  it('records the reason, the day from the clock given, and who cancelled it', () => {
    given(history.accepted).when(cancel, sarah, now).then([{ type: 'ActionCancelled', reason: 'Replaced by the council’s organised display at Pugneys.', on: '2026-10-31', by: by.sarah }]);
    expect(action(history.cancelled)).toMatchObject({ status: 'cancelled', cancelled: { reason: 'Replaced by the council’s organised display at Pugneys.', on: '2026-10-12' } });
    given(history.accepted).when(cancel, sarah, new Date('2026-10-12T08:45:00.000Z')).then(history.cancelled.slice(-1));
  });

  it('is for the agency answerable for the plan, not only its coordinators', () => {
    given(history.accepted).when(cancel, james, now).then([{ type: 'ActionCancelled', reason: cancel.reason, on: '2026-10-31', by: by.james }]);
  });

  it('is refused to the assigned agency itself, and to anyone else', () => {
    given(history.accepted).when(cancel, grace, now).thenViolates('ACTION_OWNER_ONLY', 'Only police, answerable for the plan, or a coordinator cancels ACT-2026-0420.');
    given(history.accepted).when(cancel, tom, now).thenViolates('ACTION_OWNER_ONLY');
  });

  it('on a case, is for the agency answerable for the case', () => {
    given(caseAction)
      .when({ type: 'CancelAction', reason: 'The victim moved out on 2 November.' }, megan, now)
      .then([{ type: 'ActionCancelled', reason: 'The victim moved out on 2 November.', on: '2026-10-31', by: by.megan }]);
    given(caseAction).when({ type: 'CancelAction', reason: 'x' }, tom, now).thenViolates('ACTION_OWNER_ONLY', 'Only council, answerable for the case, or a coordinator cancels ACT-2026-0433.');
  });
});

describe('reassigning an action', () => {
  it('to another person of the same agency carries the work on where it stood', () => {
    const sameAgency = { type: 'ReassignAction' as const, assignee: { agencyId: 'youth', person: 'Sam Okoro' }, reason: 'Grace is on leave.' };
    const handedOn = [...history.blocked, ...actionDecider.decide(sameAgency, action(history.blocked), { actor: sarah, now })];
    expect(action(handedOn)).toMatchObject({ agencyId: 'youth', person: 'Sam Okoro', status: 'blocked' });
  });

  it('records the new assignee with the one replaced, and starts again from assigned', () => {
    given(history.blocked)
      .when(reassign, sarah, now)
      .then([
        {
          type: 'ActionReassigned',
          assignee: { agencyId: 'fire', person: 'Tom Reilly' },
          previous: { agencyId: 'youth', person: 'Grace Mensah' },
          reason: 'Youth services lost the pavilion; the fire cadets will run the Fridays.',
        },
      ]);
    const reassigned = [...history.blocked, ...actionDecider.decide(reassign, action(history.blocked), { actor: sarah, now })];
    expect(action(reassigned)).toMatchObject({ agencyId: 'fire', person: 'Tom Reilly', status: 'assigned', blockedReason: null, ownerAgencyId: 'police' });
    expect(action(reassigned).notes).toHaveLength(1);
  });

  it('hands the action to the new agency, and takes it from the old', () => {
    const reassigned = [...history.accepted, ...actionDecider.decide(reassign, action(history.accepted), { actor: sarah, now })];
    given(reassigned).when(accept, tom, now).then([{ type: 'ActionAccepted', by: by.tom }]);
    given(reassigned).when(progress, grace, now).thenViolates('ACTION_NOT_YOURS', 'ACT-2026-0420 is assigned to fire');
  });

  it('records nothing when the assignee is the same', () => {
    given(history.accepted).when({ ...reassign, assignee: { agencyId: 'youth', person: 'Grace Mensah' } }, sarah, now).then([]);
    given(caseAction).when({ ...reassign, assignee: { agencyId: 'fire' } }, megan, now).then([]);
  });

  it('names a new person or none in the same agency', () => {
    given(history.accepted)
      .when({ ...reassign, assignee: { agencyId: 'youth' }, reason: 'Grace is on leave; any youth worker.' }, james, now)
      .then([{ type: 'ActionReassigned', assignee: { agencyId: 'youth' }, previous: { agencyId: 'youth', person: 'Grace Mensah' }, reason: 'Grace is on leave; any youth worker.' }]);
    given(caseAction)
      .when({ ...reassign, assignee: { agencyId: 'fire', person: 'Tom Reilly' }, reason: 'Tom knows the family.' }, megan, now)
      .then([{ type: 'ActionReassigned', assignee: { agencyId: 'fire', person: 'Tom Reilly' }, previous: { agencyId: 'fire' }, reason: 'Tom knows the family.' }]);
  });

  it('is refused to the assigned agency itself, and to anyone else', () => {
    given(history.accepted).when(reassign, grace, now).thenViolates('ACTION_OWNER_ONLY', 'Only police, answerable for the plan, or a coordinator reassigns ACT-2026-0420.');
    given(history.accepted).when(reassign, tom, now).thenViolates('ACTION_OWNER_ONLY');
    given(caseAction).when(reassign, tom, now).thenViolates('ACTION_OWNER_ONLY', 'Only council, answerable for the case, or a coordinator reassigns ACT-2026-0433.');
  });
});

describe('rescheduling an action', () => {
  it('records the new due date with the one replaced', () => {
    given(history.inProgress)
      .when(reschedule, sarah, now)
      .then([{ type: 'ActionRescheduled', dueOn: '2026-11-06', previousDueOn: '2026-10-30', reason: 'A fifth Friday added after bonfire night.' }]);
    given(history.inProgress).when(reschedule, james, now).then([{ type: 'ActionRescheduled', dueOn: '2026-11-06', previousDueOn: '2026-10-30', reason: reschedule.reason }]);
  });

  it('records nothing for the date it already has', () => {
    given(history.inProgress).when({ ...reschedule, dueOn: '2026-10-30' }, sarah, now).then([]);
  });

  it('is refused to the assigned agency itself, and to anyone else', () => {
    given(history.inProgress).when(reschedule, grace, now).thenViolates('ACTION_OWNER_ONLY', 'Only police, answerable for the plan, or a coordinator reschedules ACT-2026-0420.');
    given(history.inProgress).when(reschedule, tom, now).thenViolates('ACTION_OWNER_ONLY');
    given(caseAction).when(reschedule, tom, now).thenViolates('ACTION_OWNER_ONLY', 'Only council, answerable for the case, or a coordinator reschedules ACT-2026-0433.');
  });
});

describe('a finished action', () => {
  it('changes no more once done, by any command', () => {
    for (const command of onAnAction) {
      given(history.done).when(command, sarah, now).thenViolates('ACTION_FINISHED', 'ACT-2026-0420 is done: it changes no more.');
      given(history.done).when(command, grace, now).thenViolates('ACTION_FINISHED', 'is done');
    }
  });

  it('changes no more once cancelled, by any command', () => {
    for (const command of onAnAction) {
      given(history.cancelled).when(command, sarah, now).thenViolates('ACTION_FINISHED', 'ACT-2026-0420 is cancelled: it changes no more.');
      given(history.cancelled).when(command, james, now).thenViolates('ACTION_FINISHED', 'is cancelled');
    }
  });
});

describe('who may change an action', () => {
  it('refuses auditors everything, whatever the action’s state', () => {
    given([]).when(assign, olivia, now).thenViolates('FORBIDDEN', 'Auditors read actions; they change nothing.');
    for (const command of onAnAction) {
      given(history.accepted).when(command, olivia, now).thenViolates('FORBIDDEN', 'Auditors read actions; they change nothing.');
      given([]).when(command, olivia, now).thenViolates('FORBIDDEN');
      given(history.done).when(command, olivia, now).thenViolates('FORBIDDEN');
    }
  });

  it('lets the assigned agency update its action and the answerable agency manage it, and a coordinator both', () => {
    const owner = onAnAction.filter((c) => ['CancelAction', 'ReassignAction', 'RescheduleAction'].includes(c.type));
    const assignee = onAnAction.filter((c) => !owner.includes(c));
    for (const command of assignee) {
      expect(() => actionDecider.decide(command, action(history.assigned), { actor: grace, now }), command.type).not.toThrow();
      given(history.assigned).when(command, james, now).thenViolates('ACTION_NOT_YOURS');
    }
    for (const command of owner) {
      expect(() => actionDecider.decide(command, action(history.assigned), { actor: james, now }), command.type).not.toThrow();
      given(history.assigned).when(command, grace, now).thenViolates('ACTION_OWNER_ONLY');
    }
    for (const command of onAnAction) {
      expect(() => actionDecider.decide(command, action(history.assigned), { actor: sarah, now }), command.type).not.toThrow();
    }
  });
});

describe('the fold', () => {
  it('follows the action through its life: status, notes in order, the due date after rescheduling', () => {
    const events: ActionEvent[] = [
      ...history.blocked,
      { type: 'ActionProgressReported', note: 'Third Friday moved to the Holmfield Park hut.', by: by.grace, at: '2026-10-23T21:00:00.000Z' },
      { type: 'ActionRescheduled', dueOn: '2026-11-06', previousDueOn: '2026-10-30', reason: 'A fifth Friday added after bonfire night.' },
      { type: 'ActionProgressReported', note: 'Fire cadets joined the fourth Friday.', by: by.sarah, at: '2026-10-30T22:15:00.000Z' },
    ];
    const state = action(events);
    expect(state).toMatchObject({ status: 'in_progress', blockedReason: null, dueOn: '2026-11-06', agencyId: 'youth', outcome: null, cancelled: null });
    expect(state.notes).toEqual([
      { note: 'First Friday at the skate park: 34 young people, no fireworks at the Denby Dale Road entrance.', by: 'Grace Mensah', agencyId: 'youth', at: '2026-10-09T21:30:00.000Z' },
      { note: 'Third Friday moved to the Holmfield Park hut.', by: 'Grace Mensah', agencyId: 'youth', at: '2026-10-23T21:00:00.000Z' },
      { note: 'Fire cadets joined the fourth Friday.', by: 'PS Sarah Khan', agencyId: 'police', at: '2026-10-30T22:15:00.000Z' },
    ]);
  });

  it('ignores an event it does not know, rather than fail', () => {
    const state = fold(actionDecider, [...history.inProgress, { type: 'SomethingFromTheFuture' } as unknown as ActionEvent]);
    expect(state).toEqual(fold(actionDecider, history.inProgress));
  });

  it('ignores anything that comes before the assignment', () => {
    expect(fold(actionDecider, [{ type: 'ActionAccepted', by: by.grace }])).toEqual({ assigned: false });
  });

  it('folds histories whose events all pass the event schema', () => {
    for (const event of [...history.blocked, ...history.done, ...history.cancelled, ...caseAction]) {
      expect(actionEventSchema.safeParse(event).success, event.type).toBe(true);
    }
  });
});

describe('checks at the edge', () => {
  const paths = (input: unknown) => actionCommandSchema.safeParse(input).error!.issues.map((i) => i.path.join('.'));

  it('accepts a well-formed assignment, trimming its text', () => {
    const result = actionCommandSchema.safeParse({ ...assign, description: '  Run diversionary events on the four Fridays before bonfire night  ' });
    expect(result.success).toBe(true);
    expect(result.data).toEqual(assign);
  });

  it('names the field of an empty description', () => {
    const result = actionCommandSchema.safeParse({ ...assign, description: '   ' });
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['description', 'the action cannot be empty']]);
  });

  it('names the field of a bad agency id', () => {
    expect(paths({ ...assign, assignee: { agencyId: 'Youth Service' } })).toEqual(['assignee.agencyId']);
    expect(paths({ ...assign, ownerAgencyId: 'West Yorkshire Police' })).toEqual(['ownerAgencyId']);
    expect(paths({ ...reassign, assignee: { agencyId: 'Youth Service', person: 'Grace Mensah' } })).toEqual(['assignee.agencyId']);
  });

  it('names the field of a reference not in the ACT-yyyy-nnnn form', () => {
    const result = actionCommandSchema.safeParse({ ...assign, reference: 'ACT-26-1' });
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['reference', 'an action reference such as ACT-2026-0420']]);
  });

  it('names every field wrong at once', () => {
    expect(paths({ ...assign, reference: 'ACT-26-1', parent: { kind: 'neighbourhood', id: 'thornes' }, assignee: { agencyId: 'Youth Service' }, description: '', dueOn: '30/10/2026' })).toEqual([
      'reference',
      'parent.kind',
      'parent.id',
      'assignee.agencyId',
      'description',
      'dueOn',
    ]);
  });

  it('names the fields of the other commands', () => {
    expect(paths({ ...progress, note: '' })).toEqual(['note']);
    expect(paths({ ...block, reason: ' ' })).toEqual(['reason']);
    expect(paths({ ...complete, outcome: '', evidence: '', doneOn: '2026-10-32' })).toEqual(['outcome', 'evidence', 'doneOn']);
    expect(paths({ ...cancel, reason: '' })).toEqual(['reason']);
    expect(paths({ ...reschedule, dueOn: 'next Friday' })).toEqual(['dueOn']);
    expect(paths({ type: 'ArchiveAction' })).toEqual(['type']);
  });
});

describe('who assigns an action', () => {
  it('is a coordinator or the agency answerable for the plan or case', () => {
    const assignment = history.assigned[0] as Extract<ActionEvent, { type: 'ActionAssigned' }>;
    const assign = { ...assignment, type: 'AssignAction' as const };
    given([]).when(assign, grace, now).thenViolates('ACTION_OWNER_ONLY', 'Only police, answerable for the plan, or a coordinator assigns its actions.');
    given([]).when(assign, sarah, now).then([assignment]);
  });
});

describe('a cancelled action', () => {
  it('is no longer shown blocked', () => {
    const cancelled = [...history.blocked, ...actionDecider.decide(cancel, action(history.blocked), { actor: sarah, now })];
    expect(action(cancelled)).toMatchObject({ status: 'cancelled', blockedReason: null });
  });
});
