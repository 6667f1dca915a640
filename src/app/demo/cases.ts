/**
 * The demo partnership's ASB cases: four cases in its three neighbourhoods,
 * told step by step through command handling, each step on the day it tells
 * of, like the plans before them.
 *
 * - Hawthorn Court, Castleford (housing): a tenant's noisy, threatening
 *   neighbour with callers at all hours. She has made three qualifying
 *   complaints, applied for a case review (the Community Trigger), and the
 *   council has decided the threshold is met.
 * - The Bull Ring, city centre (council): a street drinker abusing shop staff,
 *   up the ladder from a community protection warning to a notice, a breach
 *   and a fixed penalty. Linked to the street-drinking plan.
 * - Sycamore Walk, Glasshoughton (council): disability hate harassment of a
 *   man who lives alone, assessed high risk and referred to MARAC. The alert
 *   went to every agency on the case; health has not acknowledged it yet.
 * - Parkside Mews, Thornes (police): fireworks thrown at an older woman's
 *   home by a 14-year-old, who signed an acceptable behaviour contract with
 *   youth services' support. Linked to the bonfire-night plan; closed, the
 *   victim satisfied.
 *
 * Names, addresses and telephone numbers are invented; the numbers are in
 * Ofcom's ranges for drama (01632 960xxx, 07700 900xxx). Person ids are
 * derived from fixed keys, so every load gives the same ids.
 */
import type { z } from 'zod';
import type { ActionCommand } from '../../domain/action/commands.js';
import { statutoryProcedure } from '../../domain/asb-case/case-review.js';
import { asbCaseCommandSchema, type OpenAsbCaseFields } from '../../domain/asb-case/commands.js';
import { currentRiskQuestionnaire, type RiskAnswers } from '../../domain/asb-case/risk-assessment.js';
import { complaintsOfCase, type OpenedAsbCase } from '../../domain/asb-case/state.js';
import type { Actor } from '../../domain/shared/actor.js';
import { type ActionAssignment, actionStream, actionStreamName, assignAction } from '../action-stream.js';
import { asbCaseStream, asbCaseStreamName, openAsbCase } from '../asb-case-stream.js';
import { newEntityId } from '../command-handler.js';
import { daniel, demoNeighbourhoodId, demoPlanId, sarah } from './coordinators.js';
import type { DemoScenario } from './load-demo.js';

const rachel: Actor = { userId: 'rachel.okafor', agencyId: 'police', roles: ['supervisor'], displayName: 'Insp. Rachel Okafor' };
const megan: Actor = { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], displayName: 'Megan Lloyd' };
const amira: Actor = { userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'], displayName: 'Amira Hussain' };
const grace: Actor = { userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], displayName: 'Grace Mensah' };

type DayOffset = (daysAgo: number) => string;

function calendar(now: Date): DayOffset {
  return (daysAgo) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** Mid-morning on the day, in UTC: a working hour whatever the season. */
function instantOf(day: string): Date {
  return new Date(`${day}T10:00:00.000Z`);
}

/** The ids the neighbourhood and plan stories gave (stories.ts derives them the same way). */

/** A person's id, the same on every load: the key their personal data would be encrypted under. */
export const demoPersonId = (key: string) => newEntityId(sarah, `demo-person-${key}`, 'person');
export const demoCaseId = (key: string) => newEntityId(sarah, `demo-case-${key}`, 'asbcase');
const caseActionId = (caseKey: string, n: number) => newEntityId(sarah, `demo-case-action-${caseKey}-${n}`, 'action');

const karen = demoPersonId('karen-ashworth');
const dean = demoPersonId('dean-maddox');
const lee = demoPersonId('lee-brannigan');
const priya = demoPersonId('priya-chauhan');
const alan = demoPersonId('alan-whitehead');
const denise = demoPersonId('denise-kerr');
const connor = demoPersonId('connor-feeney');
const margaret = demoPersonId('margaret-doyle');
const tyler = demoPersonId('tyler-marsh');

/** The answers to the current questionnaire: yes to these questions, no to the rest. */
function yesTo(...ids: string[]): RiskAnswers {
  const known = new Set(currentRiskQuestionnaire.questions.map((q) => q.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`The demo answers a question ${currentRiskQuestionnaire.version} does not ask: ${unknown.join(', ')}.`);
  return Object.fromEntries(currentRiskQuestionnaire.questions.map((q) => [q.id, ids.includes(q.id)]));
}

/** The latest alert about a person for a reason: its id, to acknowledge it. */
function alertAbout(asbCase: OpenedAsbCase, personId: string, reason: 'assessed-high' | 'vulnerable' | 'intimidated'): string {
  const alert = asbCase.alerts.filter((a) => a.personId === personId && a.reason === reason).at(-1);
  if (!alert) throw new Error(`The demo case ${asbCase.reference} has no ${reason} alert about ${personId}.`);
  return alert.alertId;
}

/** A case command as the API takes it (defaults filled in by its schema), or one made from the case as it stands. */
type CaseCommandInput = z.input<typeof asbCaseCommandSchema>;
/** A partner action of the case, by its number within the case: assigned by the owner, then updated by the agency. */
type ActionStep = { readonly action: number; readonly assign: Omit<ActionAssignment, 'parent' | 'ownerAgencyId'> } | { readonly action: number; readonly command: ActionCommand };
/** An incident as a case command reports it, without the report: told again with each report of it. */
type IncidentInput = Omit<Extract<CaseCommandInput, { type: 'ReportIncident' }>, 'type' | 'report'>;
type StepBody = CaseCommandInput | ((asbCase: OpenedAsbCase) => CaseCommandInput) | ActionStep;
/** One step: how many days ago it happened, who recorded it, and what. */
type Step = readonly [daysAgo: number, by: Actor, body: StepBody];

function assign(action: number, agencyId: string, description: string, dueOn: string, person?: string): ActionStep {
  return { action, assign: { assignee: { agencyId, ...(person ? { person } : {}) }, description, dueOn } };
}

interface CaseStory {
  readonly key: string;
  readonly neighbourhood: string;
  readonly openedDaysAgo: number;
  readonly openedBy: Actor;
  readonly opening: Omit<OpenAsbCaseFields, 'openedOn' | 'neighbourhoodId'>;
  readonly then: (day: DayOffset) => Step[];
}

const hawthornCourt: CaseStory = {
  key: 'hawthorn-court',
  neighbourhood: 'castleford-whitwood',
  openedDaysAgo: 104,
  openedBy: amira,
  opening: {
    title: 'Noise, threats and callers at all hours from a flat at Hawthorn Court',
    summary:
      'The tenant of flat 7 plays loud music through the night, bangs on the door of flat 3 below and has callers at all hours, some of them dealing. The tenant of flat 3 has reported it to housing and the police for months and feels nothing has changed.',
    owningAgencyId: 'housing',
    location: { description: 'Hawthorn Court, Poplar Avenue, Castleford', locationKey: 'hawthorn-court' },
  },
  then: (day) => {
    const atTheCourt = { description: 'Hawthorn Court, Poplar Avenue, Castleford', locationKey: 'hawthorn-court' };
    const threatsOnStairs: IncidentInput = {
      incidentId: 'threats-on-stairs',
      occurredOn: day(80),
      time: '18:40',
      where: atTheCourt,
      category: 'personal',
      kind: 'intimidation-or-harassment',
      description: 'Two days after his tenancy warning he blocked her on the stairs, called her a grass and said she would regret it.',
      subjectPersonIds: [dean],
    };
    return [
      [
        104,
        amira,
        {
          type: 'RecordVictim',
          personId: karen,
          details: {
            name: 'Karen Ashworth',
            dateOfBirth: day(19_100),
            address: 'Flat 3, Hawthorn Court, Poplar Avenue, Castleford',
            phone: '07700 900417',
            contactNote: 'Mobile after 4pm; she works early shifts. Not at the door: the flat above can hear.',
          },
          householdKey: 'demo-hawthorn-court-3',
          recordedOn: day(104),
        },
      ],
      [
        104,
        amira,
        {
          type: 'RecordSubject',
          personId: dean,
          details: { name: 'Dean Maddox', dateOfBirth: day(11_500), address: 'Flat 7, Hawthorn Court, Poplar Avenue, Castleford' },
          householdKey: 'demo-hawthorn-court-7',
          recordedOn: day(104),
        },
      ],
      [
        104,
        amira,
        {
          type: 'ReportIncident',
          incidentId: 'all-night-party',
          occurredOn: day(150),
          where: atTheCourt,
          category: 'nuisance',
          kind: 'noise',
          description: 'A party in flat 7 from 11pm to 5am with the windows open; she told housing of it only when she first rang.',
          subjectPersonIds: [dean],
          report: { reporter: { kind: 'person', personId: karen }, receivedBy: 'housing', reportedOn: day(104) },
        },
      ],
      [
        104,
        amira,
        {
          type: 'ReportIncident',
          incidentId: 'door-kicked',
          occurredOn: day(105),
          time: '02:15',
          where: atTheCourt,
          category: 'personal',
          kind: 'intimidation-or-harassment',
          description: 'Kicking and banging on her door at two in the morning after she knocked on the ceiling about the music.',
          subjectPersonIds: [dean],
          report: { reporter: { kind: 'person', personId: karen }, receivedBy: 'housing', reportedOn: day(104), agencyReference: 'WDH-ASB-3318' },
        },
      ],
      [104, amira, { type: 'AddCasePartner', agencyId: 'police', reason: 'Callers to flat 7 look like drug dealing; the neighbourhood team to share what it knows.' }],
      [
        103,
        amira,
        {
          type: 'AssessVictimRisk',
          personId: karen,
          answers: yesTo('repeat-targeting', 'persistent', 'health-affected', 'daily-life-affected', 'children-affected', 'earlier-reports-unresolved'),
          assessedOn: day(103),
          singlePointOfContact: { name: 'Amira Hussain', agencyId: 'housing' },
        },
      ],
      [
        82,
        amira,
        {
          type: 'RecordIntervention',
          interventionId: 'tenancy-warning',
          kind: 'warning-letter',
          subjectPersonId: dean,
          issuingAgencyId: 'housing',
          issuingAgencyKind: 'housing-provider',
          issuedOn: day(82),
          terms: 'A written tenancy warning: no loud music after 11pm, no banging on neighbours’ doors, and no visitors causing a nuisance in the block. A breach puts the tenancy at risk.',
        },
      ],
      [80, sarah, { type: 'ReportIncident', ...threatsOnStairs, report: { reporter: { kind: 'person', personId: karen }, receivedBy: 'police', reportedOn: day(80), agencyReference: 'Log 1842' } }],
      // The next morning she told housing too: one incident, two reports.
      [79, amira, { type: 'ReportIncident', ...threatsOnStairs, report: { reporter: { kind: 'person', personId: karen }, receivedBy: 'housing', reportedOn: day(79) } }],
      [75, rachel, { type: 'ReviewVictimRisk', personId: karen, reviewedOn: day(75), note: 'Still medium. Threats on the stairs since the warning: police to visit flat 7.' }],
      [
        52,
        amira,
        {
          type: 'ReportIncident',
          incidentId: 'callers-through-the-night',
          occurredOn: day(53),
          where: atTheCourt,
          category: 'nuisance',
          kind: 'drugs',
          description: 'Callers buzzing the main door for flat 7 from midnight to 4am; the door propped open and a smell of cannabis on the stairs.',
          subjectPersonIds: [dean],
          report: { reporter: { kind: 'person', personId: karen }, receivedBy: 'housing', reportedOn: day(52) },
        },
      ],
      [47, rachel, { type: 'ReviewVictimRisk', personId: karen, reviewedOn: day(47), note: 'Medium. Not sleeping; the callers go on. Housing to inspect the flat.' }],
      [
        40,
        amira,
        {
          type: 'ReportIncident',
          incidentId: 'tenancy-inspection',
          occurredOn: day(40),
          where: atTheCourt,
          category: 'nuisance',
          kind: 'drugs',
          description: 'At the tenancy inspection of flat 7: a strong smell of cannabis, three visitors who would not give names, the main door lock forced.',
          subjectPersonIds: [dean],
          report: { reporter: { kind: 'agency-staff', agencyId: 'housing' }, receivedBy: 'housing', reportedOn: day(40) },
        },
      ],
      [
        30,
        amira,
        {
          type: 'MakeReferral',
          referralId: 'victim-support',
          service: 'victim-support',
          personId: karen,
          referredOn: day(30),
          reason: 'Low mood and poor sleep after months of this; she wants someone outside the agencies to talk to.',
        },
      ],
      [24, daniel, { type: 'AddCasePartner', agencyId: 'council', reason: 'A case review application: the council co-ordinates the Community Trigger.' }],
      [
        24,
        daniel,
        (asbCase) => ({
          type: 'RequestCaseReview',
          applicationId: 'community-trigger',
          appliedOn: day(24),
          applicantPersonId: karen,
          madeBy: 'victim',
          complaints: complaintsOfCase(asbCase),
          procedure: statutoryProcedure,
        }),
      ],
      [19, rachel, { type: 'ReviewVictimRisk', personId: karen, reviewedOn: day(19), note: 'Medium. She has applied for a case review; keep in touch weekly until it is held.' }],
      [
        17,
        daniel,
        {
          type: 'RecordCaseReviewDecision',
          applicationId: 'community-trigger',
          decidedOn: day(17),
          thresholdMet: true,
          basis: 'qualifying-complaints',
          reason: 'Three complaints about separate incidents, each made within a month of the behaviour and within six months of the application. The review panel will meet.',
        },
      ],
    ];
  },
};

const bullRing: CaseStory = {
  key: 'bull-ring',
  neighbourhood: 'city-centre',
  openedDaysAgo: 70,
  openedBy: megan,
  opening: {
    title: 'Street drinker abusing shop staff and shoppers in the Bull Ring precinct',
    summary: 'A man drinks in the precinct from late morning, shouts abuse at shop staff and shoppers, and urinates in doorways. Staff at the newsagent on the corner have been threatened.',
    owningAgencyId: 'council',
    location: { description: 'The Bull Ring precinct, Wakefield city centre', locationKey: 'bull-ring' },
  },
  then: (day) => {
    const inThePrecinct = { description: 'The Bull Ring precinct, Wakefield city centre', locationKey: 'bull-ring' };
    return [
      [
        70,
        megan,
        {
          type: 'RecordSubject',
          personId: lee,
          details: { name: 'Lee Brannigan', dateOfBirth: day(16_200), address: 'Room 12, Kirkgate Lodge hostel, Wakefield', contactNote: 'Through his hostel key worker.' },
          recordedOn: day(70),
        },
      ],
      [
        70,
        megan,
        {
          type: 'RecordVictim',
          personId: priya,
          details: { name: 'Priya Chauhan', dateOfBirth: day(10_000), address: '41 Lindale Grove, Wakefield', phone: '07700 900238', contactNote: 'Works at the newsagent on the corner of the precinct; call her mobile, not the shop.' },
          recordedOn: day(70),
        },
      ],
      [70, megan, { type: 'AddCasePartner', agencyId: 'police', reason: 'Threats to shop staff; the neighbourhood team patrols the precinct.' }],
      [
        70,
        sarah,
        {
          type: 'ReportIncident',
          incidentId: 'bottle-at-the-till',
          occurredOn: day(71),
          time: '11:20',
          where: { description: 'The newsagent on the corner of the Bull Ring precinct', locationKey: 'bull-ring' },
          category: 'personal',
          kind: 'intimidation-or-harassment',
          description: 'Refused alcohol, he swore at her and raised a bottle as if to throw it, then left shouting that he would be back.',
          subjectPersonIds: [lee],
          report: { reporter: { kind: 'person', personId: priya }, receivedBy: 'police', reportedOn: day(70), agencyReference: 'Log 0977' },
        },
      ],
      [
        68,
        megan,
        {
          type: 'AssessVictimRisk',
          personId: priya,
          answers: yesTo('repeat-targeting', 'threats-or-violence', 'daily-life-affected'),
          assessedOn: day(68),
          judgement: { raiseTo: 'medium', reason: 'She opens the shop alone at 7am, yards from where he drinks, and he has said he will be back.' },
          singlePointOfContact: { name: 'Megan Lloyd', agencyId: 'council' },
        },
      ],
      [
        62,
        sarah,
        {
          type: 'ReportIncident',
          incidentId: 'doorway-patrol',
          occurredOn: day(62),
          where: inThePrecinct,
          category: 'nuisance',
          kind: 'street-drinking',
          description: 'PCSO patrol found him drinking cider in a shop doorway, shouting at passers-by; he had urinated in the doorway.',
          subjectPersonIds: [lee],
          report: { reporter: { kind: 'agency-staff', agencyId: 'police' }, receivedBy: 'police', reportedOn: day(62) },
        },
      ],
      [
        58,
        megan,
        {
          type: 'RecordIntervention',
          interventionId: 'cpw',
          kind: 'community-protection-warning',
          subjectPersonId: lee,
          issuingAgencyId: 'council',
          issuingAgencyKind: 'council',
          issuedOn: day(58),
          terms: 'Stop drinking in the Bull Ring precinct, stop shouting abuse at people there and stop urinating in doorways. You have 14 days to do so, or a community protection notice may follow.',
        },
      ],
      [
        45,
        megan,
        {
          type: 'ReportIncident',
          incidentId: 'shoppers-abused',
          occurredOn: day(45),
          where: inThePrecinct,
          category: 'nuisance',
          kind: 'street-drinking',
          description: 'Drinking by the fountain from 10am and shouting at mothers with pushchairs; reported through the council’s online form.',
          subjectPersonIds: [lee],
          report: { reporter: { kind: 'anonymous' }, receivedBy: 'council', reportedOn: day(45) },
        },
      ],
      [40, rachel, { type: 'ReviewVictimRisk', personId: priya, reviewedOn: day(40), note: 'Medium. No threats to her since the warning, but he is back in the precinct most days.' }],
      [
        38,
        megan,
        {
          type: 'RecordIntervention',
          interventionId: 'cpn',
          kind: 'community-protection-notice',
          subjectPersonId: lee,
          issuingAgencyId: 'council',
          issuingAgencyKind: 'council',
          issuedOn: day(38),
          terms: 'Do not drink alcohol in a public place inside the ring road. Do not behave abusively to anyone in the Bull Ring precinct. Attend an appointment with the alcohol service within 28 days.',
          followsInterventionId: 'cpw',
        },
      ],
      [
        37,
        megan,
        {
          type: 'MakeReferral',
          referralId: 'mental-health',
          service: 'mental-health',
          personId: lee,
          referredOn: day(37),
          reason: 'Drinking heavily since a bereavement, with low mood; he agreed to a referral when the notice was served.',
          toAgencyId: 'health',
        },
      ],
      [
        23,
        sarah,
        {
          type: 'ReportIncident',
          incidentId: 'drinking-after-notice',
          occurredOn: day(23),
          time: '13:05',
          where: inThePrecinct,
          category: 'nuisance',
          kind: 'street-drinking',
          description: 'Found drinking from an open can in the precinct and swearing at the officers who spoke to him.',
          subjectPersonIds: [lee],
          report: { reporter: { kind: 'agency-staff', agencyId: 'police' }, receivedBy: 'police', reportedOn: day(23) },
        },
      ],
      [
        23,
        sarah,
        {
          type: 'RecordBreach',
          breachId: 'drinking-in-precinct',
          interventionId: 'cpn',
          occurredOn: day(23),
          description: 'Drinking in a public place inside the ring road, against the notice.',
          incidentId: 'drinking-after-notice',
          response: 'Alcohol seized; reported to the council for a fixed penalty.',
        },
      ],
      [
        21,
        megan,
        {
          type: 'RecordIntervention',
          interventionId: 'fixed-penalty',
          kind: 'fixed-penalty-notice',
          subjectPersonId: lee,
          issuingAgencyId: 'council',
          issuingAgencyKind: 'council',
          issuedOn: day(21),
          terms: 'A £100 fixed penalty for failing to comply with the community protection notice, to be paid within 14 days.',
          followsInterventionId: 'cpn',
        },
      ],
      [19, sarah, { type: 'LinkCaseToPlan', planId: demoPlanId('street-drinking'), linkedOn: day(19), reason: 'The plan for street drinking in the precinct, opened yesterday.' }],
      [12, rachel, { type: 'ReviewVictimRisk', personId: priya, reviewedOn: day(12), note: 'Medium. Fewer sightings since the fixed penalty; she still wants a patrol at opening time.' }],
    ];
  },
};

const sycamoreWalk: CaseStory = {
  key: 'sycamore-walk',
  neighbourhood: 'castleford-whitwood',
  openedDaysAgo: 34,
  openedBy: megan,
  opening: {
    title: 'Disability hate harassment of a tenant on Sycamore Walk',
    summary: 'A group of young men shout abuse about his wheelchair, throw eggs at his windows and have threatened him at his door. He lives alone and has stopped going out.',
    owningAgencyId: 'council',
    location: { description: 'Sycamore Walk, Glasshoughton, Castleford', locationKey: 'sycamore-walk' },
  },
  then: (day) => {
    const atHisHome = { description: 'Outside 18 Sycamore Walk, Glasshoughton', locationKey: 'sycamore-walk' };
    const eggsAndNames: IncidentInput = {
      incidentId: 'eggs-and-names',
      occurredOn: day(36),
      time: '21:30',
      where: atHisHome,
      category: 'personal',
      kind: 'intimidation-or-harassment',
      description: 'Eggs thrown at his front window while three young men shouted names about his wheelchair.',
      hateMotivation: ['disability'],
      subjectPersonIds: [connor],
    };
    return [
      [
        34,
        megan,
        {
          type: 'RecordVictim',
          personId: alan,
          details: {
            name: 'Alan Whitehead',
            dateOfBirth: day(22_400),
            address: '18 Sycamore Walk, Glasshoughton, Castleford',
            phone: '01632 960582',
            contactNote: 'Uses a wheelchair: ring first and let the phone ring for a while.',
          },
          householdKey: 'demo-sycamore-walk-18',
          recordedOn: day(34),
          flags: [{ flag: 'vulnerable', reason: 'Multiple sclerosis; lives alone; low mood.' }],
        },
      ],
      [34, megan, (asbCase) => ({ type: 'AcknowledgeAlert', alertId: alertAbout(asbCase, alan, 'vulnerable') })],
      [
        34,
        megan,
        {
          type: 'RecordSubject',
          personId: connor,
          details: { name: 'Connor Feeney', dateOfBirth: day(7_100), address: '32 Sycamore Walk, Glasshoughton, Castleford' },
          recordedOn: day(34),
        },
      ],
      [34, megan, { type: 'ReportIncident', ...eggsAndNames, report: { reporter: { kind: 'person', personId: alan }, receivedBy: 'council', reportedOn: day(35) } }],
      [33, megan, { type: 'AddCasePartner', agencyId: 'police', reason: 'A hate incident: the police to investigate and patrol.' }],
      [33, megan, { type: 'AddCasePartner', agencyId: 'health', reason: 'The community mental health team supports the victim: health joins the case to co-ordinate with it.' }],
      [
        33,
        sarah,
        {
          type: 'RecordWitness',
          personId: denise,
          details: { name: 'Denise Kerr', address: '20 Sycamore Walk, Glasshoughton, Castleford', phone: '07700 900761' },
          recordedOn: day(33),
        },
      ],
      [33, sarah, { type: 'ReportIncident', ...eggsAndNames, report: { reporter: { kind: 'person', personId: denise }, receivedBy: 'police', reportedOn: day(35), agencyReference: 'Log 2216' } }],
      [
        33,
        sarah,
        {
          type: 'ReportIncident',
          incidentId: 'threat-at-the-door',
          occurredOn: day(33),
          time: '16:10',
          where: atHisHome,
          category: 'personal',
          kind: 'intimidation-or-harassment',
          description: 'Told at his own door that he would be tipped out of his chair if he kept ringing the council.',
          hateMotivation: ['disability'],
          subjectPersonIds: [connor],
          report: { reporter: { kind: 'person', personId: alan }, receivedBy: 'police', reportedOn: day(33), agencyReference: 'Log 1630' },
        },
      ],
      [32, megan, assign(1, 'housing', 'Fit a video doorbell and security film to the front windows, and offer the tenant a management move if he wants one', day(18), 'Amira Hussain')],
      [
        31,
        megan,
        {
          type: 'AssessVictimRisk',
          personId: alan,
          answers: yesTo('repeat-targeting', 'persistent', 'hate-motivated', 'threats-or-violence', 'fear-of-reprisal', 'health-affected', 'daily-life-affected', 'disability-or-illness', 'isolated'),
          assessedOn: day(31),
          singlePointOfContact: { name: 'Megan Lloyd', agencyId: 'council' },
        },
      ],
      // The alert went to council, health, housing and police; health has not acknowledged it.
      [31, megan, (asbCase) => ({ type: 'AcknowledgeAlert', alertId: alertAbout(asbCase, alan, 'assessed-high') })],
      [31, sarah, (asbCase) => ({ type: 'AcknowledgeAlert', alertId: alertAbout(asbCase, alan, 'assessed-high') })],
      [30, amira, (asbCase) => ({ type: 'AcknowledgeAlert', alertId: alertAbout(asbCase, alan, 'assessed-high') })],
      [
        30,
        megan,
        {
          type: 'MakeReferral',
          referralId: 'marac',
          service: 'marac',
          personId: alan,
          referredOn: day(30),
          reason: 'High risk on the ASB risk assessment: repeated disability hate, threats at his door, and he lives alone.',
        },
      ],
      [29, amira, { action: 1, command: { type: 'AcceptAction' } }],
      [22, amira, { action: 1, command: { type: 'CompleteAction', outcome: 'Video doorbell and window film fitted. The tenant wants to stay in his home, so no move for now.', evidence: 'Repairs job sheet 20417, signed by the tenant', doneOn: day(22) } }],
      [
        20,
        sarah,
        {
          type: 'RecordIntervention',
          interventionId: 'police-warning',
          kind: 'warning-letter',
          subjectPersonId: connor,
          issuingAgencyId: 'police',
          issuingAgencyKind: 'police',
          issuedOn: day(20),
          terms: 'Any further abuse, threats or damage towards residents of Sycamore Walk will be investigated as hate crime, and the council will apply for an injunction.',
        },
      ],
      [17, rachel, { type: 'ReviewVictimRisk', personId: alan, reviewedOn: day(17), note: 'Still high. No incident since the doorbell went in, but he is not going out. MARAC next week.' }],
      [3, rachel, { type: 'ReviewVictimRisk', personId: alan, reviewedOn: day(3), note: 'Still high until the MARAC actions are done: daily patrols, and health to visit.' }],
    ];
  },
};

const parksideMews: CaseStory = {
  key: 'parkside-mews',
  neighbourhood: 'thornes',
  openedDaysAgo: 27,
  openedBy: sarah,
  opening: {
    title: 'Fireworks thrown at an older resident’s home on the park edge',
    summary: 'Fireworks thrown at the windows and door of a house on the edge of Thornes Park, by a boy from the streets nearby.',
    owningAgencyId: 'police',
    location: { description: 'Parkside Mews, off Denby Dale Road, Thornes', locationKey: 'parkside-mews' },
  },
  then: (day) => {
    const atHerHouse = { description: '5 Parkside Mews, Thornes', locationKey: 'parkside-mews' };
    return [
      [
        27,
        sarah,
        {
          type: 'RecordVictim',
          personId: margaret,
          details: { name: 'Margaret Doyle', dateOfBirth: day(28_950), address: '5 Parkside Mews, Thornes, Wakefield', phone: '01632 960144', contactNote: 'Hard of hearing: ring her daughter first on 07700 900552.' },
          recordedOn: day(27),
        },
      ],
      [
        27,
        sarah,
        {
          type: 'ReportIncident',
          incidentId: 'rocket-at-window',
          occurredOn: day(28),
          time: '19:45',
          where: atHerHouse,
          category: 'personal',
          kind: 'fireworks',
          description: 'A lit rocket thrown at her front window; it scorched the frame. Boys ran off towards the park.',
          report: { reporter: { kind: 'person', personId: margaret }, receivedBy: 'police', reportedOn: day(27), agencyReference: 'Log 1977' },
        },
      ],
      [27, sarah, { type: 'AssessVictimRisk', personId: margaret, answers: yesTo('repeat-targeting', 'property-targeted', 'daily-life-affected', 'other-vulnerability'), assessedOn: day(27) }],
      [
        26,
        sarah,
        {
          type: 'RecordSubject',
          personId: tyler,
          details: { name: 'Tyler Marsh', dateOfBirth: day(5_260), address: '40 Westfield Crescent, Thornes, Wakefield', contactNote: 'Through his mother, Stacey Marsh, on 07700 900683.' },
          recordedOn: day(26),
        },
      ],
      [
        26,
        sarah,
        {
          type: 'ReportIncident',
          incidentId: 'bangers-at-door',
          occurredOn: day(26),
          time: '18:30',
          where: atHerHouse,
          category: 'personal',
          kind: 'fireworks',
          description: 'Bangers thrown at her front door; a neighbour’s doorbell camera shows the subject throwing them.',
          subjectPersonIds: [tyler],
          report: { reporter: { kind: 'person', personId: margaret }, receivedBy: 'police', reportedOn: day(26) },
        },
      ],
      [24, sarah, { type: 'LinkCaseToPlan', planId: demoPlanId('bonfire'), linkedOn: day(24), reason: 'One of the hot spots the bonfire-night plan works on.' }],
      [24, sarah, { type: 'AddCasePartner', agencyId: 'youth', reason: 'The subject is a child: youth services to work with him and his family.' }],
      [23, sarah, assign(1, 'youth', 'Meet the boy and his family, agree the support for his contract, and get him to the Friday events in the park', day(9), 'Grace Mensah')],
      [
        21,
        sarah,
        {
          type: 'RecordIntervention',
          interventionId: 'abc',
          kind: 'acceptable-behaviour-contract',
          subjectPersonId: tyler,
          issuingAgencyId: 'police',
          issuingAgencyKind: 'police',
          issuedOn: day(21),
          terms: 'Not to carry or throw fireworks, not to go to Parkside Mews, and to be home by 8pm on school nights. Youth services meet him weekly. Signed by him, a parent, PS Khan and Grace Mensah; reviewed monthly for six months.',
          expiresOn: day(21 - 182),
        },
      ],
      [21, grace, { action: 1, command: { type: 'AcceptAction' } }],
      [13, grace, { action: 1, command: { type: 'CompleteAction', outcome: 'Three sessions and two Friday events attended; the family says there are no fireworks at home.', evidence: 'Session notes on the youth services record', doneOn: day(13) } }],
      [
        9,
        sarah,
        {
          type: 'CloseAsbCase',
          closedOn: day(9),
          outcome: 'resolved',
          summary: 'No fireworks at Parkside Mews since the contract was signed. The subject keeps to it with youth services’ support; the contract runs on and is reviewed monthly.',
          victimSatisfaction: [{ personId: margaret, satisfaction: 'satisfied', comment: 'Quiet since. Thank you for ringing my daughter every week.' }],
        },
      ],
    ];
  },
};

const cases: readonly CaseStory[] = [hawthornCourt, bullRing, sycamoreWalk, parksideMews];

/** Every day a step's command tells of, but for the days things fall due or run out (which may lie ahead). */
function daysToldOf(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) && key !== 'dueOn' && key !== 'expiresOn' ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => daysToldOf(item, key));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => daysToldOf(v, k));
  return [];
}

export const casesScenario: DemoScenario = {
  name: 'ASB cases in the three neighbourhoods, two of them linked to plans',
  async run({ now, asOf, reactions }) {
    const day = calendar(now);
    for (const story of cases) {
      const caseId = demoCaseId(story.key);
      const stream = asbCaseStreamName(caseId);
      const openedOn = day(story.openedDaysAgo);
      await openAsbCase(
        asOf(instantOf(openedOn)),
        caseId,
        { ...story.opening, neighbourhoodId: demoNeighbourhoodId(story.neighbourhood), openedOn },
        instantOf(openedOn),
        { actor: story.openedBy, correlationId: 'demo-data', idempotencyKey: `demo-case-${story.key}` },
      );
      let previous = story.openedDaysAgo;
      for (const [i, [daysAgo, actor, body]] of story.then(day).entries()) {
        if (daysAgo > previous) throw new Error(`The demo case ${story.key} goes back in time at step ${i}.`);
        previous = daysAgo;
        const on = day(daysAgo);
        const at = new Date(instantOf(on).getTime() + (i + 1) * 60_000);
        const commands = asOf(at);
        const options = { actor, correlationId: 'demo-data', idempotencyKey: `demo-case-${story.key}-${i}` };
        if (typeof body !== 'function' && 'action' in body) {
          const actionId = caseActionId(story.key, body.action);
          if ('assign' in body) {
            const assigned = await assignAction(commands, actionId, { parent: { kind: 'asbcase', id: caseId }, ownerAgencyId: story.opening.owningAgencyId, ...body.assign }, at, options);
            // The case must know its action before the story goes on: the agency it is with is on the case from then.
            await reactions.waitFor(assigned.position!);
          } else {
            const result = await commands.handle(actionStream, actionStreamName(actionId), body.command, options);
            if (result.position) await reactions.waitFor(result.position);
          }
          continue;
        }
        let input: CaseCommandInput;
        if (typeof body === 'function') {
          const { state } = await commands.read(asbCaseStream, stream);
          if (!state.opened) throw new Error(`The demo case ${story.key} is not open.`);
          input = body(state);
        } else {
          input = body;
        }
        const command = asbCaseCommandSchema.parse(input);
        const later = daysToldOf(command).find((d) => d > on);
        if (later) throw new Error(`The demo case ${story.key} tells at step ${i} of ${later}, after the day it is told on (${on}).`);
        await commands.handle(asbCaseStream, stream, command, options);
      }
    }
    // Each case's stream, and each of its actions'.
    return cases.reduce((n, story) => n + 1 + story.then(day).filter(([, , body]) => typeof body !== 'function' && 'assign' in body).length, 0);
  },
};
