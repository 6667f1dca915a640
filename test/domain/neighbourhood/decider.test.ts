import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { neighbourhoodCommandSchema, type NeighbourhoodCommand } from '../../../src/domain/neighbourhood/commands.js';
import { neighbourhoodDecider, prioritiesDueForReview, priorityWarnings } from '../../../src/domain/neighbourhood/decider.js';
import { neighbourhoodEventSchema, type NeighbourhoodEvent } from '../../../src/domain/neighbourhood/events.js';
import { defaultInstant, givenWhenThen } from '../../support/given-when-then.js';

type PrioritySet = Extract<NeighbourhoodEvent, { type: 'NeighbourhoodPrioritySet' }>;

const given = givenWhenThen(neighbourhoodDecider);
const coordinator: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] };
const supervisor: Actor = { userId: 'mark.ellis', agencyId: 'police', roles: ['supervisor'] };
const partner: Actor = { userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'] };
const auditor: Actor = { userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'] };

const airedaleId = '7d3f1a2b-9c4e-4b8a-a1d2-5e6f7a8b9c0d';
const whitwoodId = '2c8e4f6a-1b3d-4e5f-8a7b-9c0d1e2f3a4b';
const motorbikesId = 'e4b2c6d8-3f1a-4c5e-9b7d-0a2c4e6f8b1d';
const dealingId = '5a9c1e3f-7b2d-4f6a-8c0e-2b4d6f8a0c3e';
const unknownId = '0b2d4f6a-8c1e-4a3b-9d5f-7e9a1c3b5d7f';

const airedaleDefined: NeighbourhoodEvent = {
  type: 'NeighbourhoodDefined',
  neighbourhoodId: airedaleId,
  name: 'Airedale',
  kind: 'estate',
  area: 'The Airedale estate, Castleford, between Fryston Road and Fryston woods',
};
const motorbikesSet: PrioritySet = {
  type: 'NeighbourhoodPrioritySet',
  priorityId: motorbikesId,
  title: 'Off-road motorbikes on Fryston woods',
  description: 'Bikes ridden on the woodland paths and across the playing fields at weekends.',
  chosenBy: 'representative-panel',
  chosenOn: '2026-09-17',
  signalClass: 'chronic',
  reviewOn: '2026-10-15',
};
const dealingSet: PrioritySet = {
  type: 'NeighbourhoodPrioritySet',
  priorityId: dealingId,
  title: 'Drug dealing from Poplar Avenue flats',
  chosenBy: 'public-vote',
  chosenOn: '2026-09-17',
  signalClass: 'policing',
  reviewOn: '2026-11-12',
};
const motorbikesReviewed: NeighbourhoodEvent = {
  type: 'NeighbourhoodPriorityReviewed',
  priorityId: motorbikesId,
  reviewedOn: '2026-10-15',
  outcome: 'kept',
  note: 'Two bikes seized under s.59; residents still report riding on Sunday mornings.',
  nextReviewOn: '2026-12-10',
};
const dealingRetired: NeighbourhoodEvent = {
  type: 'NeighbourhoodPriorityRetired',
  priorityId: dealingId,
  reason: 'Closure order on flat 14 granted; no reports since the end of October.',
  retiredOn: '2026-11-05',
};

const whitwoodDefined: NeighbourhoodEvent = { type: 'NeighbourhoodDefined', neighbourhoodId: whitwoodId, name: 'Whitwood', kind: 'ward' };
const whitwoodPriorities = [
  ['b3d5f7a9-1c2e-4d6f-8a0b-2c4e6f8a0b1c', 'Car meets at the Junction 32 car park', 'chronic', '2026-11-26'],
  ['c4e6a8b0-2d3f-4e7a-9b1c-3d5f7a9b1c2d', 'Shed burglaries around Whitwood Common', 'policing', '2026-11-05'],
  ['d5f7b9c1-3e4a-4f8b-a2d3-4e6a8b0c2d3e', 'Fly-tipping on Healdfield Road', 'chronic', '2026-10-29'],
  ['e6a8c0d2-4f5b-4a9c-b3e4-5f7b9c1d3e4f', 'Threats to staff at the Whitwood Lane shops', 'acute', '2026-11-05'],
].map(
  ([priorityId, title, signalClass, reviewOn]): PrioritySet => ({
    type: 'NeighbourhoodPrioritySet',
    priorityId: priorityId!,
    title: title!,
    chosenBy: 'public-vote',
    chosenOn: '2026-10-01',
    signalClass: signalClass as 'policing' | 'acute' | 'chronic',
    reviewOn: reviewOn!,
  }),
);

/** The set command that gives exactly `motorbikesSet`, to vary one field at a time. */
const setMotorbikes = {
  type: 'SetNeighbourhoodPriority',
  priorityId: motorbikesId,
  title: 'Off-road motorbikes on Fryston woods',
  description: 'Bikes ridden on the woodland paths and across the playing fields at weekends.',
  chosenBy: 'representative-panel',
  chosenOn: '2026-09-17',
  signalClass: 'chronic',
  reviewOn: '2026-10-15',
} as const satisfies NeighbourhoodCommand;

function decide(history: readonly NeighbourhoodEvent[], command: NeighbourhoodCommand): NeighbourhoodEvent[] {
  return neighbourhoodDecider.decide(command, fold(neighbourhoodDecider, history), { now: defaultInstant, actor: coordinator });
}

describe('a neighbourhood', () => {
  it('is defined by a coordinator with its name, kind and area', () => {
    given([])
      .when(
        {
          type: 'DefineNeighbourhood',
          neighbourhoodId: airedaleId,
          name: 'Airedale',
          kind: 'estate',
          area: 'The Airedale estate, Castleford, between Fryston Road and Fryston woods',
        },
        coordinator,
      )
      .then([airedaleDefined]);
  });

  it('may be a community not bound to one place, with no area: the event then carries no area at all', () => {
    const events = decide([], { type: 'DefineNeighbourhood', neighbourhoodId: whitwoodId, name: 'Wakefield Polish community', kind: 'community' });
    expect(events).toEqual([{ type: 'NeighbourhoodDefined', neighbourhoodId: whitwoodId, name: 'Wakefield Polish community', kind: 'community' }]);
    expect(Object.keys(events[0]!)).toEqual(['type', 'neighbourhoodId', 'name', 'kind']);
  });

  it('is defined only once, and the refusal names it', () => {
    given([airedaleDefined])
      .when({ type: 'DefineNeighbourhood', neighbourhoodId: airedaleId, name: 'Airedale and Ferry Fryston', kind: 'ward' }, coordinator)
      .thenViolates('NEIGHBOURHOOD_ALREADY_DEFINED', 'already defined, as Airedale');
  });

  it('takes no priority, review or retirement before it is defined', () => {
    given([]).when(setMotorbikes, coordinator).thenViolates('NEIGHBOURHOOD_NOT_DEFINED', 'define it before recording its priorities');
    given([])
      .when({ type: 'RecordPriorityReview', priorityId: motorbikesId, reviewedOn: '2026-10-15', outcome: 'kept', nextReviewOn: '2026-12-10' }, coordinator)
      .thenViolates('NEIGHBOURHOOD_NOT_DEFINED');
    given([])
      .when({ type: 'RetireNeighbourhoodPriority', priorityId: motorbikesId, reason: 'Resolved', retiredOn: '2026-11-05' }, coordinator)
      .thenViolates('NEIGHBOURHOOD_NOT_DEFINED');
  });

  it('is recorded only by a coordinator: the community chooses, partners, supervisors and auditors are refused', () => {
    const define = { type: 'DefineNeighbourhood' as const, neighbourhoodId: airedaleId, name: 'Airedale', kind: 'estate' as const };
    for (const actor of [partner, supervisor, auditor]) {
      given([]).when(define, actor).thenViolates('FORBIDDEN', 'Only a coordinator');
      given([airedaleDefined]).when(setMotorbikes, actor).thenViolates('FORBIDDEN', 'the community chooses them');
    }
  });
});

describe('setting a priority', () => {
  it('records the priority the community chose, with how, when and its signal class', () => {
    given([airedaleDefined]).when(setMotorbikes, coordinator).then([motorbikesSet]);
  });

  it('records a priority with no description without a description key', () => {
    const events = decide([airedaleDefined], { ...dealingSet, type: 'SetNeighbourhoodPriority' });
    expect(events).toEqual([dealingSet]);
    expect(Object.keys(events[0]!)).not.toContain('description');
  });

  it('accepts a first review on the day the priority was chosen', () => {
    given([airedaleDefined])
      .when({ ...setMotorbikes, reviewOn: '2026-09-17' }, coordinator)
      .then([{ ...motorbikesSet, reviewOn: '2026-09-17' }]);
  });

  it('refuses a review day before the day the priority was chosen, new or revised', () => {
    given([airedaleDefined])
      .when({ ...setMotorbikes, reviewOn: '2026-09-16' }, coordinator)
      .thenViolates('PRIORITY_REVIEW_BEFORE_CHOSEN', 'cannot be due for review on 2026-09-16, before it was chosen on 2026-09-17');
    given([airedaleDefined, motorbikesSet]).when({ ...setMotorbikes, chosenOn: '2026-10-20' }, coordinator).thenViolates('PRIORITY_REVIEW_BEFORE_CHOSEN');
  });

  it('records nothing when a current priority is set again unchanged', () => {
    given([airedaleDefined, motorbikesSet]).when(setMotorbikes, coordinator).then([]);
  });

  it('records only what a second setting changes, with what it was', () => {
    given([airedaleDefined, motorbikesSet, motorbikesReviewed])
      .when({ ...setMotorbikes, title: 'Off-road motorbikes on Fryston woods and Wheldon Road', signalClass: 'acute', reviewOn: '2026-11-19' }, coordinator)
      .then([
        {
          type: 'NeighbourhoodPriorityRevised',
          priorityId: motorbikesId,
          title: 'Off-road motorbikes on Fryston woods and Wheldon Road',
          signalClass: 'acute',
          reviewOn: '2026-11-19',
          previous: { title: 'Off-road motorbikes on Fryston woods', signalClass: 'chronic', reviewOn: '2026-10-15' },
        },
      ]);
  });

  it('records a description taken away as null, and one added where there was none with null before it', () => {
    const { description: _description, ...withoutDescription } = setMotorbikes;
    given([airedaleDefined, motorbikesSet])
      .when(withoutDescription, coordinator)
      .then([
        {
          type: 'NeighbourhoodPriorityRevised',
          priorityId: motorbikesId,
          description: null,
          previous: { description: 'Bikes ridden on the woodland paths and across the playing fields at weekends.' },
        },
      ]);
    given([airedaleDefined, dealingSet])
      .when({ ...dealingSet, type: 'SetNeighbourhoodPriority', description: 'Callers at all hours to flat 14; needles on the stairwell.', chosenBy: 'representative-panel' }, coordinator)
      .then([
        {
          type: 'NeighbourhoodPriorityRevised',
          priorityId: dealingId,
          description: 'Callers at all hours to flat 14; needles on the stairwell.',
          chosenBy: 'representative-panel',
          previous: { description: null, chosenBy: 'public-vote' },
        },
      ]);
  });

  it('refuses to set a retired priority again: a new priority takes a new id', () => {
    given([airedaleDefined, dealingSet, dealingRetired])
      .when({ ...dealingSet, type: 'SetNeighbourhoodPriority' }, coordinator)
      .thenViolates('PRIORITY_RETIRED', '"Drug dealing from Poplar Avenue flats" was retired on 2026-11-05; a new priority takes a new id.');
  });

  it('does not refuse a fourth current priority: more than three is advice, flagged elsewhere', () => {
    const history: NeighbourhoodEvent[] = [whitwoodDefined, ...whitwoodPriorities.slice(0, 3)];
    given(history)
      .when({ ...whitwoodPriorities[3]!, type: 'SetNeighbourhoodPriority' }, coordinator)
      .then([whitwoodPriorities[3]!]);
  });
});

describe('reviewing a priority', () => {
  it('records the review, its outcome, its note and the next review day', () => {
    given([airedaleDefined, motorbikesSet])
      .when(
        {
          type: 'RecordPriorityReview',
          priorityId: motorbikesId,
          reviewedOn: '2026-10-15',
          outcome: 'kept',
          note: 'Two bikes seized under s.59; residents still report riding on Sunday mornings.',
          nextReviewOn: '2026-12-10',
        },
        coordinator,
      )
      .then([motorbikesReviewed]);
  });

  it('accepts a next review 92 days on, the longest quarter', () => {
    given([airedaleDefined, motorbikesSet])
      .when({ type: 'RecordPriorityReview', priorityId: motorbikesId, reviewedOn: '2026-10-01', outcome: 'revised', nextReviewOn: '2027-01-01' }, coordinator)
      .then([{ type: 'NeighbourhoodPriorityReviewed', priorityId: motorbikesId, reviewedOn: '2026-10-01', outcome: 'revised', nextReviewOn: '2027-01-01' }]);
  });

  it('refuses a next review more than 92 days on, saying how far it is', () => {
    given([airedaleDefined, motorbikesSet])
      .when({ type: 'RecordPriorityReview', priorityId: motorbikesId, reviewedOn: '2026-10-01', outcome: 'kept', nextReviewOn: '2027-01-02' }, coordinator)
      .thenViolates('PRIORITY_REVIEW_INTERVAL', 'on 2027-01-02 would be 93 days after this one; priorities are reviewed between monthly and quarterly');
  });

  it('refuses a next review on or before the review itself', () => {
    const review = { type: 'RecordPriorityReview' as const, priorityId: motorbikesId, reviewedOn: '2026-10-15', outcome: 'kept' as const };
    given([airedaleDefined, motorbikesSet])
      .when({ ...review, nextReviewOn: '2026-10-15' }, coordinator)
      .thenViolates('PRIORITY_REVIEW_INTERVAL', 'must come after this one (2026-10-15), not on 2026-10-15');
    given([airedaleDefined, motorbikesSet]).when({ ...review, nextReviewOn: '2026-10-01' }, coordinator).thenViolates('PRIORITY_REVIEW_INTERVAL');
  });

  it('refuses a review of a priority the neighbourhood does not have', () => {
    given([airedaleDefined, motorbikesSet])
      .when({ type: 'RecordPriorityReview', priorityId: unknownId, reviewedOn: '2026-10-15', outcome: 'kept', nextReviewOn: '2026-12-10' }, coordinator)
      .thenViolates('PRIORITY_NOT_FOUND', `Airedale has no priority "${unknownId}".`);
  });

  it('refuses a review of a retired priority', () => {
    given([airedaleDefined, dealingSet, dealingRetired])
      .when({ type: 'RecordPriorityReview', priorityId: dealingId, reviewedOn: '2026-11-12', outcome: 'kept', nextReviewOn: '2026-12-10' }, coordinator)
      .thenViolates('PRIORITY_RETIRED', 'was retired on 2026-11-05, so it is no longer reviewed');
  });
});

describe('retiring a priority', () => {
  const retireDealing = {
    type: 'RetireNeighbourhoodPriority' as const,
    priorityId: dealingId,
    reason: 'Closure order on flat 14 granted; no reports since the end of October.',
    retiredOn: '2026-11-05',
  };

  it('records the retirement with its reason and day', () => {
    given([airedaleDefined, dealingSet]).when(retireDealing, coordinator).then([dealingRetired]);
  });

  it('records nothing when the priority is already retired', () => {
    given([airedaleDefined, dealingSet, dealingRetired]).when({ ...retireDealing, reason: 'Retired again', retiredOn: '2026-11-06' }, coordinator).then([]);
  });

  it('refuses to retire a priority the neighbourhood does not have', () => {
    given([airedaleDefined, dealingSet]).when({ ...retireDealing, priorityId: unknownId }, coordinator).thenViolates('PRIORITY_NOT_FOUND', 'Airedale has no priority');
  });
});

describe('the neighbourhood as folded from its history', () => {
  it('keeps current and retired priorities, each with its review history and the day its next review is due', () => {
    const state = fold(neighbourhoodDecider, [airedaleDefined, motorbikesSet, dealingSet, motorbikesReviewed, dealingRetired]);
    expect(state.neighbourhood).toEqual({
      neighbourhoodId: airedaleId,
      name: 'Airedale',
      kind: 'estate',
      area: 'The Airedale estate, Castleford, between Fryston Road and Fryston woods',
    });
    expect([...state.current.values()]).toEqual([
      {
        priorityId: motorbikesId,
        title: 'Off-road motorbikes on Fryston woods',
        description: 'Bikes ridden on the woodland paths and across the playing fields at weekends.',
        chosenBy: 'representative-panel',
        chosenOn: '2026-09-17',
        signalClass: 'chronic',
        reviewOn: '2026-10-15',
        nextReviewOn: '2026-12-10',
        reviews: [
          {
            reviewedOn: '2026-10-15',
            outcome: 'kept',
            note: 'Two bikes seized under s.59; residents still report riding on Sunday mornings.',
            nextReviewOn: '2026-12-10',
          },
        ],
      },
    ]);
    expect([...state.retired.values()]).toEqual([
      {
        priorityId: dealingId,
        title: 'Drug dealing from Poplar Avenue flats',
        chosenBy: 'public-vote',
        chosenOn: '2026-09-17',
        signalClass: 'policing',
        reviewOn: '2026-11-12',
        nextReviewOn: '2026-11-12',
        reviews: [],
        reason: 'Closure order on flat 14 granted; no reports since the end of October.',
        retiredOn: '2026-11-05',
      },
    ]);
  });

  it('applies a revision field by field: a description taken away is gone, a moved review day is when the next review is due', () => {
    const state = fold(neighbourhoodDecider, [
      airedaleDefined,
      motorbikesSet,
      motorbikesReviewed,
      {
        type: 'NeighbourhoodPriorityRevised',
        priorityId: motorbikesId,
        description: null,
        reviewOn: '2026-11-19',
        previous: { description: 'Bikes ridden on the woodland paths and across the playing fields at weekends.', reviewOn: '2026-10-15' },
      },
    ]);
    const priority = state.current.get(motorbikesId)!;
    expect(priority).toEqual({
      priorityId: motorbikesId,
      title: 'Off-road motorbikes on Fryston woods',
      chosenBy: 'representative-panel',
      chosenOn: '2026-09-17',
      signalClass: 'chronic',
      reviewOn: '2026-11-19',
      nextReviewOn: '2026-11-19',
      reviews: [
        {
          reviewedOn: '2026-10-15',
          outcome: 'kept',
          note: 'Two bikes seized under s.59; residents still report riding on Sunday mornings.',
          nextReviewOn: '2026-12-10',
        },
      ],
    });
    expect(Object.keys(priority)).not.toContain('description');
  });

  it('ignores events about priorities it does not hold, and events it does not know', () => {
    const before = fold(neighbourhoodDecider, [airedaleDefined, motorbikesSet]);
    const after = fold(neighbourhoodDecider, [
      airedaleDefined,
      motorbikesSet,
      { ...motorbikesReviewed, priorityId: unknownId },
      { ...dealingRetired, priorityId: unknownId },
      { type: 'NeighbourhoodPriorityRevised', priorityId: unknownId, title: 'Nothing', previous: { title: 'Something' } },
      { type: 'NeighbourhoodRenamed', name: 'Airedale and Ferry Fryston' } as unknown as NeighbourhoodEvent,
    ]);
    expect(after).toEqual(before);
  });
});

describe('the advice of about three current priorities', () => {
  it('is not flagged at three current priorities', () => {
    expect(priorityWarnings(fold(neighbourhoodDecider, [whitwoodDefined, ...whitwoodPriorities.slice(0, 3)]))).toEqual([]);
  });

  it('is flagged at four, naming the neighbourhood, the count and the source of the advice', () => {
    expect(priorityWarnings(fold(neighbourhoodDecider, [whitwoodDefined, ...whitwoodPriorities]))).toEqual([
      { code: 'MORE_THAN_THREE_PRIORITIES', message: 'Whitwood has 4 current priorities; the practice advice is about three (ACPO 2006, 4.7.3).' },
    ]);
  });

  it('counts current priorities only: a retired one no longer counts', () => {
    const retired: NeighbourhoodEvent = { type: 'NeighbourhoodPriorityRetired', priorityId: 'c4e6a8b0-2d3f-4e7a-9b1c-3d5f7a9b1c2d', reason: 'Offender charged', retiredOn: '2026-11-05' };
    expect(priorityWarnings(fold(neighbourhoodDecider, [whitwoodDefined, ...whitwoodPriorities, retired]))).toEqual([]);
  });
});

describe('priorities due for review', () => {
  it('lists the current priorities due on or before the day, the longest overdue first', () => {
    const state = fold(neighbourhoodDecider, [whitwoodDefined, ...whitwoodPriorities]);
    expect(prioritiesDueForReview(state, '2026-11-05').map((p) => [p.title, p.nextReviewOn])).toEqual([
      ['Fly-tipping on Healdfield Road', '2026-10-29'],
      ['Shed burglaries around Whitwood Common', '2026-11-05'],
      ['Threats to staff at the Whitwood Lane shops', '2026-11-05'],
    ]);
    expect(prioritiesDueForReview(state, '2026-10-28')).toEqual([]);
  });

  it('goes by the last review’s next review day, and leaves retired priorities out', () => {
    const state = fold(neighbourhoodDecider, [airedaleDefined, motorbikesSet, dealingSet, motorbikesReviewed]);
    expect(prioritiesDueForReview(state, '2026-11-12').map((p) => p.title)).toEqual(['Drug dealing from Poplar Avenue flats']);
    expect(prioritiesDueForReview(state, '2026-12-10').map((p) => p.title)).toEqual(['Drug dealing from Poplar Avenue flats', 'Off-road motorbikes on Fryston woods']);
    const afterRetirement = fold(neighbourhoodDecider, [airedaleDefined, motorbikesSet, dealingSet, motorbikesReviewed, dealingRetired]);
    expect(prioritiesDueForReview(afterRetirement, '2026-12-10').map((p) => p.title)).toEqual(['Off-road motorbikes on Fryston woods']);
  });
});

describe('validation at the edge', () => {
  it('trims text and takes a town centre with its area', () => {
    expect(
      neighbourhoodCommandSchema.parse({
        type: 'DefineNeighbourhood',
        neighbourhoodId: airedaleId,
        name: '  Wakefield city centre ',
        kind: 'town-centre',
        area: ' Inside the ring road, from Westgate to Kirkgate ',
      }),
    ).toEqual({
      type: 'DefineNeighbourhood',
      neighbourhoodId: airedaleId,
      name: 'Wakefield city centre',
      kind: 'town-centre',
      area: 'Inside the ring road, from Westgate to Kirkgate',
    });
  });

  it('names each field that is wrong in a neighbourhood', () => {
    const bad = neighbourhoodCommandSchema.safeParse({ type: 'DefineNeighbourhood', neighbourhoodId: 'whitwood', name: ' W ', kind: 'city', area: '   ' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['area', 'kind', 'name', 'neighbourhoodId']);
  });

  it('names each field that is wrong in a priority: who chose it, its class, and days that are not YYYY-MM-DD or not in the calendar', () => {
    const bad = neighbourhoodCommandSchema.safeParse({
      type: 'SetNeighbourhoodPriority',
      priorityId: '9f1b3d5a-2c4e-4a6b-b8d0-3e5f7a9c1b2d',
      title: 'Bonfire night disorder at Thornes Park',
      description: 'x'.repeat(2001),
      chosenBy: 'police',
      chosenOn: '05/11/2026',
      signalClass: 'serious',
      reviewOn: '2027-02-29',
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['chosenBy', 'chosenOn', 'description', 'reviewOn', 'signalClass']);
    expect(bad.error!.issues.find((i) => i.path[0] === 'chosenOn')!.message).toBe('a date as YYYY-MM-DD');
  });

  it('takes an acute priority chosen by a public vote', () => {
    const bonfire = {
      type: 'SetNeighbourhoodPriority',
      priorityId: '9f1b3d5a-2c4e-4a6b-b8d0-3e5f7a9c1b2d',
      title: 'Bonfire night disorder at Thornes Park',
      chosenBy: 'public-vote',
      chosenOn: '2026-10-08',
      signalClass: 'acute',
      reviewOn: '2026-11-12',
    };
    expect(neighbourhoodCommandSchema.parse(bonfire)).toEqual(bonfire);
  });

  it('names each field that is wrong in a review and a retirement', () => {
    const review = neighbourhoodCommandSchema.safeParse({ type: 'RecordPriorityReview', priorityId: motorbikesId, reviewedOn: '2026-10-15', outcome: 'dropped', nextReviewOn: '' });
    expect(review.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['nextReviewOn', 'outcome']);
    const retirement = neighbourhoodCommandSchema.safeParse({ type: 'RetireNeighbourhoodPriority', priorityId: 'poplar-avenue', reason: ' ', retiredOn: '2026-11-31' });
    expect(retirement.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['priorityId', 'reason', 'retiredOn']);
  });

  it('describes every event the decider writes', () => {
    const written = [
      airedaleDefined,
      motorbikesSet,
      dealingSet,
      ...decide([airedaleDefined, motorbikesSet], { ...setMotorbikes, description: undefined, title: 'Off-road bikes on Fryston woods' }),
      motorbikesReviewed,
      dealingRetired,
    ];
    expect(written.map((event) => neighbourhoodEventSchema.parse(event))).toEqual(written);
  });
});

describe('the co-ordination group’s meetings', () => {
  const meeting = {
    type: 'RecordCoordinationMeeting' as const,
    meetingId: 'november',
    heldOn: '2026-11-04',
    chair: 'Cllr Nadia Ahmed',
    attendees: [
      { name: 'PS Sarah Khan', agencyId: 'police' },
      { name: 'Joan Whitaker', communityGroup: 'Airedale Residents’ Group' },
    ],
    notes: 'Bikes down since the fencing; keep the woods a priority.',
  };
  const held: NeighbourhoodEvent = { ...meeting, type: 'CoordinationMeetingHeld' };

  it('are recorded with chair, attendees and notes, by day', () => {
    given([airedaleDefined]).when(meeting, coordinator).then([held]);
    const earlier: NeighbourhoodEvent = { ...held, meetingId: 'october', heldOn: '2026-10-07' };
    expect(fold(neighbourhoodDecider, [airedaleDefined, held, earlier]).meetings.map((m) => m.meetingId)).toEqual(['october', 'november']);
  });

  it('are recorded once, and only once they have happened', () => {
    given([airedaleDefined, held]).when(meeting, coordinator).then([]);
    given([airedaleDefined, held]).when({ ...meeting, heldOn: '2026-11-05' }, coordinator).thenViolates('COORDINATION_MEETING_ALREADY_RECORDED', '2026-11-04');
    given([airedaleDefined]).when({ ...meeting, heldOn: '2027-01-05' }, coordinator).thenViolates('DATE_IN_FUTURE');
  });

  it('need a defined neighbourhood and a coordinator', () => {
    given([]).when(meeting, coordinator).thenViolates('NEIGHBOURHOOD_NOT_DEFINED');
    given([airedaleDefined]).when(meeting, partner).thenViolates('FORBIDDEN');
  });
});
