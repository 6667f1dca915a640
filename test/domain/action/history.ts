/**
 * One partner action's history, step by step, for given/when/then tests: on
 * the Thornes Park bonfire-night plan (PSP-2026-0007), youth services run the
 * Friday diversionary events; the police, who own the plan, answer for it.
 * And one action on an ASB case, owned by the council, assigned to the fire
 * service with no named person.
 */
import type { ActionEvent } from '../../../src/domain/action/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';

/** The Saturday after the fourth Friday: GMT again (British Summer Time ended on 25 October). */
export const now = new Date('2026-10-31T10:00:00.000Z');

export const sarah: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], displayName: 'PS Sarah Khan' };
/** Of the police, who answer for the plan, but no coordinator. */
export const james: Actor = { userId: 'james.whitaker', agencyId: 'police', roles: ['partner'], displayName: 'PCSO James Whitaker' };
export const grace: Actor = { userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], displayName: 'Grace Mensah' };
export const tom: Actor = { userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], displayName: 'Tom Reilly' };
/** Her token carries no display name. */
export const megan: Actor = { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'] };
export const olivia: Actor = { userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'], displayName: 'Olivia Grant' };

/** Authors as the events record them. */
export const by = {
  sarah: { userId: 'sarah.khan', agencyId: 'police', name: 'PS Sarah Khan' },
  james: { userId: 'james.whitaker', agencyId: 'police', name: 'PCSO James Whitaker' },
  grace: { userId: 'grace.mensah', agencyId: 'youth', name: 'Grace Mensah' },
  tom: { userId: 'tom.reilly', agencyId: 'fire', name: 'Tom Reilly' },
  megan: { userId: 'megan.lloyd', agencyId: 'council', name: 'megan.lloyd' },
};

export const planId = '5b1c9e4d-2f3a-4b5c-8d6e-7f8091a2b3c4';
export const caseId = '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b';

export const assignment = {
  reference: 'ACT-2026-0420',
  parent: { kind: 'plan' as const, id: planId },
  ownerAgencyId: 'police',
  assignee: { agencyId: 'youth', person: 'Grace Mensah' },
  description: 'Run diversionary events on the four Fridays before bonfire night',
  dueOn: '2026-10-30',
};

const assigned: ActionEvent[] = [{ type: 'ActionAssigned', ...assignment }];

const accepted: ActionEvent[] = [...assigned, { type: 'ActionAccepted', by: by.grace }];

const inProgress: ActionEvent[] = [
  ...accepted,
  {
    type: 'ActionProgressReported',
    note: 'First Friday at the skate park: 34 young people, no fireworks at the Denby Dale Road entrance.',
    by: by.grace,
    at: '2026-10-09T21:30:00.000Z',
  },
];

const blocked: ActionEvent[] = [...inProgress, { type: 'ActionBlocked', reason: 'The pavilion is booked on 23 October: no venue for the third Friday.', by: by.grace }];

const done: ActionEvent[] = [
  ...inProgress,
  {
    type: 'ActionCompleted',
    outcome: 'Four Friday events held, 128 attendances in all; the same groups stayed away from the park entrance.',
    evidence: 'Attendance registers and session reports, youth service file YS-2026-118.',
    doneOn: '2026-10-30',
    by: by.grace,
  },
];

const cancelled: ActionEvent[] = [...accepted, { type: 'ActionCancelled', reason: 'Replaced by the council’s organised display at Pugneys.', on: '2026-10-12', by: by.sarah }];

export const history = { assigned, accepted, inProgress, blocked, done, cancelled };

/** ASB-2026-0031: fireworks pushed through a letterbox on Airedale Road, Castleford. */
export const caseAssignment = {
  reference: 'ACT-2026-0433',
  parent: { kind: 'asbcase' as const, id: caseId },
  ownerAgencyId: 'council',
  assignee: { agencyId: 'fire' },
  description: 'Fit a letterbox fire guard and check the smoke alarms at the victim’s home',
  dueOn: '2026-11-03',
};

export const caseAction: ActionEvent[] = [{ type: 'ActionAssigned', ...caseAssignment }];
