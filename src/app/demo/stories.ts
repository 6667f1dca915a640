/**
 * The demo partnership's neighbourhoods, priorities and plans, drawn from the
 * police papers in shared/seeds: bonfire-night disorder worked with youth
 * services, the fire service and mediators (seed 000); unlawful encampments
 * ended with council injunctions and a transit site, and a rogue-landlords
 * forum with fire-service enforcement (seed 002). Plans stand in every stage.
 *
 * Days are counted back from the day the demo is loaded, so every date is
 * real and nothing lies in the future whenever it runs. Every command carries
 * an idempotency key, so the ids are the same on every machine.
 */
import type { ActionCommand } from '../../domain/action/commands.js';
import type { PlanCommand } from '../../domain/plan/commands.js';
import type { NeighbourhoodCommand } from '../../domain/neighbourhood/commands.js';
import type { Actor } from '../../domain/shared/actor.js';
import { type ActionAssignment, actionStream, actionStreamName, assignAction } from '../action-stream.js';
import { newEntityId } from '../command-handler.js';
import { neighbourhoodStream, neighbourhoodStreamName } from '../neighbourhood-stream.js';
import { openPlan } from '../plan-opening.js';
import { planStream, planStreamName } from '../plan-stream.js';
import { casesScenario } from './cases.js';
import { daniel, demoNeighbourhoodId, demoPlanId, sarah } from './coordinators.js';
import type { DemoScenario } from './load-demo.js';

const rachel: Actor = { userId: 'rachel.okafor', agencyId: 'police', roles: ['supervisor'], displayName: 'Insp. Rachel Okafor' };
const grace: Actor = { userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], displayName: 'Grace Mensah' };
const tom: Actor = { userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], displayName: 'Station Manager Tom Reilly' };
const megan: Actor = { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], displayName: 'Megan Lloyd' };

type DayOffset = (daysAgo: number) => string;

function calendar(now: Date): DayOffset {
  return (daysAgo) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

interface NeighbourhoodStory {
  readonly key: string;
  readonly name: string;
  readonly kind: 'ward' | 'estate' | 'town-centre' | 'village' | 'community';
  readonly area: string;
  readonly priorities: ReadonlyArray<{ title: string; signalClass: 'policing' | 'acute' | 'chronic'; chosenBy: 'public-vote' | 'representative-panel'; chosenDaysAgo: number; reviewInDays: number }>;
}

const neighbourhoods: readonly NeighbourhoodStory[] = [
  {
    key: 'thornes',
    name: 'Thornes',
    kind: 'ward',
    area: 'Thornes Park, Denby Dale Road and the streets between the park and the river',
    priorities: [
      { title: 'Bonfire night disorder around Thornes Park', signalClass: 'acute', chosenBy: 'public-vote', chosenDaysAgo: 90, reviewInDays: 30 },
      { title: 'Speeding on Denby Dale Road', signalClass: 'chronic', chosenBy: 'public-vote', chosenDaysAgo: 90, reviewInDays: 30 },
      { title: 'Burglary from garages and sheds', signalClass: 'policing', chosenBy: 'public-vote', chosenDaysAgo: 90, reviewInDays: -5 },
    ],
  },
  {
    key: 'castleford-whitwood',
    name: 'Castleford and Whitwood',
    kind: 'ward',
    area: 'Whitwood, Glasshoughton and the west of Castleford, with Fryston woods',
    priorities: [
      { title: 'Unlawful encampments on public land', signalClass: 'acute', chosenBy: 'representative-panel', chosenDaysAgo: 150, reviewInDays: 20 },
      { title: 'Off-road motorbikes in Fryston woods', signalClass: 'chronic', chosenBy: 'representative-panel', chosenDaysAgo: 150, reviewInDays: 20 },
      { title: 'Drug dealing from Poplar Avenue flats', signalClass: 'policing', chosenBy: 'representative-panel', chosenDaysAgo: 60, reviewInDays: 40 },
    ],
  },
  {
    key: 'city-centre',
    name: 'Wakefield city centre',
    kind: 'town-centre',
    area: 'Inside the ring road: Westgate, the Bull Ring, Kirkgate and the Trinity Walk area',
    priorities: [
      { title: 'Street drinking in the Bull Ring precinct', signalClass: 'chronic', chosenBy: 'public-vote', chosenDaysAgo: 45, reviewInDays: 45 },
      { title: 'Fire risks in rented houses in multiple occupation', signalClass: 'acute', chosenBy: 'public-vote', chosenDaysAgo: 45, reviewInDays: 45 },
      { title: 'Night-time economy violence on Westgate', signalClass: 'policing', chosenBy: 'public-vote', chosenDaysAgo: 45, reviewInDays: 45 },
      { title: 'Begging at the bus station', signalClass: 'chronic', chosenBy: 'public-vote', chosenDaysAgo: 10, reviewInDays: 80 },
    ],
  },
];


const neighbourhoodsScenario: DemoScenario = {
  name: 'three neighbourhoods and the priorities their communities chose',
  async run({ now, asOf }) {
    const day = calendar(now);
    for (const story of neighbourhoods) {
      const id = demoNeighbourhoodId(story.key);
      const tell = (command: NeighbourhoodCommand, key: string) =>
        asOf(instantOf(happenedOn(command) ?? day(Math.max(...story.priorities.map((p) => p.chosenDaysAgo))))).handle(neighbourhoodStream, neighbourhoodStreamName(id), command, { actor: daniel, correlationId: 'demo-data', idempotencyKey: `demo-${story.key}-${key}` });
      await tell({ type: 'DefineNeighbourhood', neighbourhoodId: id, name: story.name, kind: story.kind, area: story.area }, 'define');
      for (const [i, p] of story.priorities.entries()) {
        await tell(
          {
            type: 'SetNeighbourhoodPriority',
            priorityId: newEntityId(daniel, `demo-priority-${story.key}-${i}`, 'priority'),
            title: p.title,
            chosenBy: p.chosenBy,
            chosenOn: day(p.chosenDaysAgo),
            signalClass: p.signalClass,
            reviewOn: day(-p.reviewInDays),
          },
          `priority-${i}`,
        );
      }
    }
    return neighbourhoods.length;
  },
};

/** One plan's story: the commands that tell it, in order, each with the person who recorded it. */
interface PlanStory {
  readonly key: string;
  readonly neighbourhood: string;
  readonly openedDaysAgo: number;
  readonly title: string;
  readonly description: string;
  readonly raisedBy: Array<{ partyId: string; name: string; kind: 'resident' | 'community-group' | 'business' | 'councillor' | 'agency' | 'school' }>;
  readonly then: (day: DayOffset) => Step[];
}

/** A partner action of the story, by its number within the plan: assigned, then updated by the agency. */
type ActionStep = { readonly action: number; readonly assign: Omit<ActionAssignment, 'parent'> } | { readonly action: number; readonly command: ActionCommand };
type Step = readonly [Actor, PlanCommand | ActionStep];

function assign(action: number, ownerAgencyId: string, agencyId: string, description: string, dueOn: string, person?: string): ActionStep {
  return { action, assign: { ownerAgencyId, assignee: { agencyId, ...(person ? { person } : {}) }, description, dueOn } };
}

function done(action: number, outcome: string, evidence: string, doneOn: string): ActionStep {
  return { action, command: { type: 'CompleteAction', outcome, evidence, doneOn } };
}

/** The fields that say when something happened (not when it is due). */
const HAPPENED_ON = ['openedOn', 'chosenOn', 'heldOn', 'doneOn', 'measuredOn', 'concludedOn', 'proposedOn', 'signedOn', 'closedOn', 'reopenedOn', 'escalatedOn', 'assessedOn', 'on'] as const;

function happenedOn(command: object): string | undefined {
  for (const field of HAPPENED_ON) {
    const value = (command as Record<string, unknown>)[field];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** Mid-morning on the day, in UTC: a working hour whatever the season. */
function instantOf(day: string): Date {
  return new Date(`${day}T10:00:00.000Z`);
}

const actionIdFor = (plan: string, n: number) => newEntityId(sarah, `demo-action-${plan}-${n}`, 'action');

const bonfire: PlanStory = {
  key: 'bonfire',
  neighbourhood: 'thornes',
  openedDaysAgo: 84,
  title: 'Bonfire night disorder around Thornes Park',
  description: 'Fireworks thrown at people, buses and cars around the park in the fortnight before 5 November; one bus route withdrawn after dark last year.',
  raisedBy: [
    { partyId: 'thornes-tra', name: 'Thornes Park Residents’ Association', kind: 'community-group' },
    { partyId: 'cllr-ahmed', name: 'Cllr Nadia Ahmed', kind: 'councillor' },
  ],
  then: (day) => [
    [sarah, { type: 'AssignPlanOwner', owner: { name: 'Grace Mensah', role: 'Detached youth worker', agencyId: 'youth' } }],
    [sarah, { type: 'AddPlanPartner', representative: { name: 'Station Manager Tom Reilly', role: 'Community fire safety', agencyId: 'fire' } }],
    [sarah, { type: 'AddPlanPartner', representative: { name: 'Megan Lloyd', role: 'ASB officer', agencyId: 'council' } }],
    [sarah, { type: 'AddPlanPartner', representative: { name: 'Joan Whitaker', role: 'Volunteer mediator', communityGroup: 'Wakefield Community Mediation' } }],
    [
      sarah,
      {
        type: 'RecordScanning',
        scanning: {
          initialIndicators: ['Firework ASB calls doubled in the last fortnight of October last year', 'Bus operator withdrew the 117 after dark'],
          description: 'Groups of young people throw fireworks at passers-by, buses and cars at the Denby Dale Road entrance to the park.',
          where: 'Thornes Park, the Denby Dale Road entrance and the skate park',
          when: '17:00 to 22:00, 20 October to 6 November',
          reportedBy: 'Residents, bus drivers and the ward councillor',
          sources: ['calls-for-service', 'partner-data', 'community-engagement'],
          whyPrioritised: 'Voted the top priority at the September PACT meeting.',
        },
      },
    ],
    [sarah, { type: 'AdvancePlanStage', to: 'analysis' }],
    [
      sarah,
      {
        type: 'RecordAnalysis',
        analysis: {
          problemMatrix: {
            what: 'Fireworks thrown at people and vehicles',
            offenders: 'Groups of 12 to 16 year olds, mostly from the streets around the park',
            victims: 'Passers-by, bus drivers, residents on the park edge',
            where: 'The Denby Dale Road entrance and the skate park',
            when: 'Evenings in the fortnight before 5 November',
            how: 'Fireworks bought locally or passed on by older siblings',
            howOften: 'Nightly at the peak',
            impact: 'Residents afraid to go out after dark; a bus route withdrawn',
            repeats: 'The same entrance and the same three streets every year',
          },
          triangle: {
            offender: { description: 'Bored young people with fireworks and nothing else on', handler: 'Parents, youth workers, schools' },
            target: { description: 'People and vehicles on the park edge', guardian: 'Park wardens, bus operators, mediators' },
            place: { description: 'An unlit park entrance on a bus route', manager: 'Wakefield Council parks' },
          },
          hypotheses: ['There is nothing else to do on those evenings', 'Fireworks are sold to under-18s locally'],
          dataUsed: ['Police ASB calls, three years', 'Council parks incident log', 'Bus operator incident reports', 'Trading standards test purchases'],
        },
      },
    ],
    [
      sarah,
      {
        type: 'SetObjective',
        objective: {
          objectiveId: 'fewer-calls',
          statement: 'Halve firework ASB calls around the park',
          measure: 'Firework ASB calls to police, 20 October to 6 November',
          baseline: 48,
          target: 24,
          direction: 'decrease',
          byDate: day(10),
          aim: { kind: 'reduce', byPercent: 50 },
        },
      },
    ],
    [sarah, { type: 'AssessPlanRisk', level: 'high', reasons: 'Fireworks aimed at people; a driver hurt last year', assessedOn: day(80) }],
    [sarah, { type: 'AssessCommunityImpact', level: 'high', reasons: 'Residents stay in after dark for a fortnight', assessedOn: day(80) }],
    [sarah, { type: 'AdvancePlanStage', to: 'response' }],
    [sarah, { type: 'RecordResponsePlan', strand: 'prevention', plan: 'Diversionary events in the park on the four Fridays before bonfire night; mediators at the entrance', communicationStrategy: 'Flyers through schools; the youth service on social media' }],
    [sarah, { type: 'RecordResponsePlan', strand: 'intelligence', plan: 'Trading standards test purchases; bus drivers report by radio', communicationStrategy: 'Briefing to the bus depot', communityEngagement: 'A stall at the park gates on two Saturdays' }],
    [sarah, { type: 'RecordResponsePlan', strand: 'enforcement', plan: 'A dispersal direction for the park on 4 and 5 November if needed', communicationStrategy: 'Publicised the week before' }],
    [sarah, assign(1, 'youth', 'youth', 'Run diversionary events on the four Fridays before bonfire night', day(20), 'Grace Mensah')],
    [sarah, assign(2, 'youth', 'fire', 'Firework safety talks in the three local schools', day(25), 'Station Manager Tom Reilly')],
    [grace, { action: 1, command: { type: 'AcceptAction' } }],
    [tom, { action: 2, command: { type: 'AcceptAction' } }],
    [sarah, { type: 'ScheduleReview', reviewId: 'mid-response', dueOn: day(40) }],
    [rachel, { type: 'CompleteReview', reviewId: 'mid-response', doneOn: day(39), finding: 'A good response; add the bus operator to the meetings.', nextReviewOn: day(12) }],
    [sarah, { type: 'RecordMeeting', meetingId: 'pre-bonfire', heldOn: day(30), chair: 'PS Sarah Khan', attendees: [{ name: 'Grace Mensah', agencyId: 'youth' }, { name: 'Station Manager Tom Reilly', agencyId: 'fire' }, { name: 'Joan Whitaker', communityGroup: 'Wakefield Community Mediation' }], decisions: ['Mediators at the entrance on 4 and 5 November'], actionsAgreed: ['Youth service to staff the Friday events'] }],
    [grace, done(1, 'Four Friday events; 120 young people came', 'Attendance sheets at Thornes youth centre', day(20))],
    [tom, done(2, 'Talks given in all three schools, 640 pupils', 'School sign-in sheets', day(22))],
    [sarah, { type: 'AdvancePlanStage', to: 'assessment' }],
    [sarah, { type: 'RecordResultMeasurement', objectiveId: 'fewer-calls', measuredOn: day(15), value: 19, comparisonAreaValue: 41, note: 'Comparison area: Eastmoor, no response' }],
    [
      sarah,
      {
        type: 'ConcludeResultsAnalysis',
        concludedOn: day(12),
        impact: [{ objectiveId: 'fewer-calls', met: true, note: '19 calls against a target of 24 (baseline 48); Eastmoor had 41.' }],
        whatWorked: 'The Friday events drew the same groups away from the entrance; mediators calmed two stand-offs.',
        whatDidNot: 'Test purchases found no under-age sales: that hypothesis was wrong.',
        displacement: {
          temporal: { found: false, note: 'Calls after 6 November stayed at the usual level.' },
          spatial: { found: false, note: 'Holmfield Park and Pugneys calls did not rise.' },
          target: { found: false, note: 'No rise in attacks on other vehicles.' },
          tactical: { found: false, note: 'No shift to other missiles.' },
          offence: { found: false, note: 'Criminal damage in the ward unchanged.' },
        },
        diffusionOfBenefits: 'Calls also fell on the streets next to the park that the response did not cover.',
      },
    ],
    [sarah, { type: 'ProposeClosure', justification: 'Calls more than halved and the residents report a quiet bonfire night.', proposedOn: day(11) }],
    [sarah, { type: 'SignOffClosure', partyId: 'thornes-tra', satisfied: true, comment: 'A much quieter year.', signedOn: day(9) }],
    [sarah, { type: 'SignOffClosure', partyId: 'cllr-ahmed', satisfied: true, comment: 'Keep the Friday events next year.', signedOn: day(8) }],
    [sarah, { type: 'ClosePlan', closedOn: day(7) }],
  ],
};

const encampments: PlanStory = {
  key: 'encampments',
  neighbourhood: 'castleford-whitwood',
  openedDaysAgo: 140,
  title: 'Unlawful encampments on Whitwood Common and the leisure centre car park',
  description: 'Repeated encampments on public land, with fly-tipping and damage when they leave; residents feel ignored.',
  raisedBy: [
    { partyId: 'whitwood-residents', name: 'Whitwood Residents’ Group', kind: 'community-group' },
    { partyId: 'leisure-centre', name: 'Castleford Leisure Centre', kind: 'business' },
  ],
  then: (day) => [
    [sarah, { type: 'AssignPlanOwner', owner: { name: 'Megan Lloyd', role: 'ASB officer', agencyId: 'council' } }],
    [sarah, { type: 'AddPlanPartner', representative: { name: 'Amira Hussain', role: 'Tenancy enforcement officer', agencyId: 'housing' } }],
    [sarah, { type: 'RecordScanning', scanning: { initialIndicators: ['Eleven encampments in six months'], description: 'Encampments on the common and the car park, with waste left behind.', where: 'Whitwood Common; the leisure centre car park', when: 'Spring and summer, mostly weekends', reportedBy: 'Residents and the leisure centre', sources: ['partner-data', 'community-engagement'], whyPrioritised: 'Chosen by the ward panel.' } }],
    [sarah, { type: 'AdvancePlanStage', to: 'analysis' }],
    [sarah, { type: 'RecordAnalysis', analysis: { problemMatrix: { what: 'Unauthorised encampments with waste and damage', offenders: 'A few extended families passing through', victims: 'Residents, leisure centre users, the council', where: 'Open public land with easy vehicle access', when: 'April to September', how: 'Gates left open; no barriers', howOften: 'About twice a month', impact: 'Clean-up costs; the car park closed for days', repeats: 'The same two sites' }, triangle: { offender: { description: 'Families with nowhere lawful to stop', handler: 'Gypsy and Traveller liaison officer' }, target: { description: 'Open land and car parks', guardian: 'Leisure centre staff' }, place: { description: 'Unprotected open land', manager: 'Council estates and parks' } }, hypotheses: ['There is no transit site in the district', 'The sites are easy to enter'], dataUsed: ['Council encampment log', 'Clean-up costs'] } }],
    [sarah, { type: 'SetObjective', objective: { objectiveId: 'fewer-encampments', statement: 'End unlawful encampments on the two sites', measure: 'Encampments a season on the two sites', baseline: 11, target: 0, direction: 'decrease', byDate: day(20), aim: { kind: 'eliminate' } } }],
    [sarah, { type: 'AdvancePlanStage', to: 'response' }],
    [sarah, { type: 'RecordResponsePlan', strand: 'enforcement', plan: 'Seek a borough-wide injunction against unauthorised encampments', communicationStrategy: 'Notices at both sites; letters to residents' }],
    [sarah, { type: 'RecordResponsePlan', strand: 'prevention', plan: 'Open a temporary transit site; height barriers and bunds at both sites', communicationStrategy: 'Agreed with the Traveller liaison service' }],
    [sarah, assign(1, 'council', 'council', 'Apply for a borough-wide injunction', day(100), 'Megan Lloyd')],
    [sarah, assign(2, 'council', 'council', 'Open the transit site at the old depot', day(70))],
    [megan, done(2, 'Transit site open with twelve pitches', 'Site licence and warden rota', day(60))],
    [megan, done(1, 'Injunction granted for twelve months', 'Sealed order from Leeds County Court', day(95))],
    [sarah, { type: 'AdvancePlanStage', to: 'assessment' }],
    [sarah, { type: 'RecordResultMeasurement', objectiveId: 'fewer-encampments', measuredOn: day(10), value: 1 }],
    [sarah, { type: 'ConcludeResultsAnalysis', concludedOn: day(9), impact: [{ objectiveId: 'fewer-encampments', met: false, note: 'One encampment since the injunction, moved on within a day.' }], whatWorked: 'The injunction and the transit site together.', whatDidNot: 'Barriers alone were driven round.', displacement: { temporal: { found: false, note: 'No late-season rise.' }, spatial: { found: true, note: 'One encampment moved to Glasshoughton; moved to the transit site.' }, target: { found: false, note: 'Other car parks unaffected.' }, tactical: { found: false, note: 'No forced gates.' }, offence: { found: false, note: 'Fly-tipping in the ward down.' } }, diffusionOfBenefits: 'Fly-tipping across the ward fell.' }],
    [sarah, { type: 'ProposeClosure', justification: 'The injunction and transit site have ended repeat encampments; one was moved on within a day.', proposedOn: day(6) }],
    [sarah, { type: 'SignOffClosure', partyId: 'leisure-centre', satisfied: true, comment: 'The car park has stayed open all season.', signedOn: day(5) }],
    [sarah, { type: 'SignOffClosure', partyId: 'whitwood-residents', satisfied: false, comment: 'Not until we see next summer: keep it open to the spring.', signedOn: day(4) }],
  ],
};

const landlords: PlanStory = {
  key: 'landlords',
  neighbourhood: 'city-centre',
  openedDaysAgo: 60,
  title: 'Fire risks in rented houses in multiple occupation',
  description: 'A handful of landlords let overcrowded rooms with blocked exits and no alarms; two fires last winter.',
  raisedBy: [{ partyId: 'fire-service', name: 'West Yorkshire Fire and Rescue Service', kind: 'agency' }],
  then: (day) => [
    [sarah, { type: 'AssignPlanOwner', owner: { name: 'Station Manager Tom Reilly', role: 'Community fire safety', agencyId: 'fire' } }],
    [sarah, { type: 'AddPlanPartner', representative: { name: 'Amira Hussain', role: 'Tenancy enforcement officer', agencyId: 'housing' } }],
    [sarah, { type: 'AddPlanPartner', representative: { name: 'Megan Lloyd', role: 'ASB officer', agencyId: 'council' } }],
    [sarah, { type: 'RecordScanning', scanning: { initialIndicators: ['Two HMO fires last winter', 'Complaints about overcrowding on Westgate End'], description: 'Unlicensed HMOs with blocked exits and no working alarms.', where: 'Westgate End and the streets behind Kirkgate', when: 'All year', reportedBy: 'Fire service, tenants, neighbours', sources: ['partner-data', 'crime-records'], whyPrioritised: 'Risk to life.' } }],
    [sarah, { type: 'AdvancePlanStage', to: 'analysis' }],
    [sarah, { type: 'RecordAnalysis', analysis: { problemMatrix: { what: 'Unsafe HMOs', offenders: 'Five landlords', victims: 'Tenants, often new arrivals', where: 'About twenty houses', when: 'Ongoing', how: 'Letting rooms without licences or safety work', howOften: 'Constant', impact: 'Risk to life', repeats: 'The same landlords' }, triangle: { offender: { description: 'Landlords cutting costs', handler: 'Landlord associations, the council licensing team' }, target: { description: 'Tenants who fear complaining', guardian: 'Tenancy support workers' }, place: { description: 'Old terraces split into rooms', manager: 'The landlords themselves' } }, hypotheses: ['Landlords do not expect inspection'], dataUsed: ['Fire service incident data', 'Council licensing records'] } }],
    [sarah, { type: 'SetObjective', objective: { objectiveId: 'licensed-safe', statement: 'Every known HMO licensed and fire-safe', measure: 'Known HMOs failing a fire safety inspection', baseline: 14, target: 0, direction: 'decrease', byDate: day(-60), aim: { kind: 'eliminate' } } }],
    [sarah, { type: 'AdvancePlanStage', to: 'response' }],
    [sarah, { type: 'RecordResponsePlan', strand: 'enforcement', plan: 'Joint inspections by fire and council; prohibition notices where needed', communicationStrategy: 'A landlords’ forum, with the results published' }],
    [sarah, assign(1, 'fire', 'fire', 'Inspect the twenty known HMOs with council licensing', day(10), 'Station Manager Tom Reilly')],
    [sarah, assign(2, 'fire', 'council', 'Hold the first landlords’ forum', day(-14))],
    [tom, { action: 1, command: { type: 'AcceptAction' } }],
    [tom, { action: 1, command: { type: 'ReportActionProgress', note: 'Twelve of twenty inspected; three prohibition notices served.' } }],
    [tom, { action: 1, command: { type: 'BlockAction', reason: 'Two landlords refuse entry: waiting for council warrants.' } }],
    [sarah, { type: 'ScheduleReview', reviewId: 'first-review', dueOn: day(-7) }],
  ],
};

const motorbikes: PlanStory = {
  key: 'motorbikes',
  neighbourhood: 'castleford-whitwood',
  openedDaysAgo: 30,
  title: 'Off-road motorbikes in Fryston woods',
  description: 'Bikes ridden on footpaths and through the woods at weekends, frightening walkers and damaging the paths.',
  raisedBy: [{ partyId: 'fryston-walkers', name: 'Friends of Fryston Woods', kind: 'community-group' }],
  then: (day) => [
    [sarah, { type: 'AssignPlanOwner', owner: { name: 'Megan Lloyd', role: 'ASB officer', agencyId: 'council' } }],
    [sarah, { type: 'RecordScanning', scanning: { initialIndicators: ['34 calls about bikes in the woods this summer'], description: 'Off-road bikes on footpaths.', where: 'Fryston woods and the old colliery site', when: 'Weekend afternoons', reportedBy: 'Walkers and dog walkers', sources: ['calls-for-service', 'community-engagement'], whyPrioritised: 'Ward panel priority.' } }],
    [sarah, { type: 'AdvancePlanStage', to: 'analysis' }],
    [sarah, { type: 'ScheduleReview', reviewId: 'first-review', dueOn: day(-14) }],
  ],
};

const streetDrinking: PlanStory = {
  key: 'street-drinking',
  neighbourhood: 'city-centre',
  openedDaysAgo: 20,
  title: 'Street drinking in the Bull Ring precinct',
  description: 'Groups drinking in the precinct from late morning, with abuse to shoppers and litter.',
  raisedBy: [
    { partyId: 'bid', name: 'Wakefield Business Improvement District', kind: 'business' },
    { partyId: 'cllr-barker', name: 'Cllr Tom Barker', kind: 'councillor' },
  ],
  then: (day) => [[sarah, { type: 'ScheduleReview', reviewId: 'first-review', dueOn: day(3) }]],
};

const plans: readonly PlanStory[] = [bonfire, encampments, landlords, motorbikes, streetDrinking];

const plansScenario: DemoScenario = {
  name: 'plans in every stage, from the seed papers',
  async run({ now, asOf, reactions }) {
    const day = calendar(now);
    for (const story of plans) {
      const planId = demoPlanId(story.key);
      const openedOn = day(story.openedDaysAgo);
      await openPlan(
        asOf(instantOf(openedOn)),
        planId,
        { title: story.title, description: story.description, neighbourhoodId: demoNeighbourhoodId(story.neighbourhood), raisedBy: story.raisedBy, openedOn },
        instantOf(openedOn),
        { actor: sarah, correlationId: 'demo-data', idempotencyKey: `demo-plan-${story.key}` },
      );
      // Each step on the day it tells of; an undated step on the day of the step before it.
      let recordedOn = openedOn;
      for (const [i, [actor, step]] of story.then(day).entries()) {
        const happened = happenedOn('command' in step ? step.command : step);
        if (happened !== undefined && happened > recordedOn) recordedOn = happened;
        const at = new Date(instantOf(recordedOn).getTime() + i * 60_000);
        const options = { actor, correlationId: 'demo-data', idempotencyKey: `demo-${story.key}-${i}` };
        if ('assign' in step) {
          const actionId = actionIdFor(story.key, step.action);
          const assigned = await assignAction(asOf(at), actionId, { parent: { kind: 'plan', id: planId }, ...step.assign }, at, options);
          // The plan must know its action before the story moves it on (its stage gates count them).
          await reactions.waitFor(assigned.position!);
        } else if ('command' in step) {
          const result = await asOf(at).handle(actionStream, actionStreamName(actionIdFor(story.key, step.action)), step.command, options);
          if (result.position) await reactions.waitFor(result.position);
        } else {
          await asOf(at).handle(planStream, planStreamName(planId), step, options);
        }
      }
    }
    // Each plan's stream, and each of its actions'.
    return plans.reduce((n, story) => n + 1 + story.then(day).filter(([, step]) => 'assign' in step).length, 0);
  },
};

export const demoStories: readonly DemoScenario[] = [neighbourhoodsScenario, plansScenario, casesScenario];
