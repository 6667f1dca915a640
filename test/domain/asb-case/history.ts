/**
 * One ASB case's history, step by step, for given/when/then tests:
 * ASB-2026-0031, fireworks pushed through an elderly woman's letterbox on
 * Airedale Road, Castleford, and stones at her window after. The council owns
 * the case; the police are a partner. Three of one family are subjects: a
 * boy of 16, his brother of 13, and their father.
 */
import type { AsbCaseEvent } from '../../../src/domain/asb-case/events.js';
import type { RiskAnswers } from '../../../src/domain/asb-case/risk-assessment.js';
import type { Actor } from '../../../src/domain/shared/actor.js';

export const now = new Date('2026-11-20T10:00:00.000Z');

/** The council's ASB officer, whose agency owns the case. */
export const megan: Actor = { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], displayName: 'Megan Lloyd' };
export const sarah: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], displayName: 'PS Sarah Khan' };
/** A police partner: the police are on the case once added as a partner. */
export const james: Actor = { userId: 'james.whitaker', agencyId: 'police', roles: ['partner'], displayName: 'PCSO James Whitaker' };
export const rachel: Actor = { userId: 'rachel.okafor', agencyId: 'police', roles: ['supervisor'], displayName: 'Insp. Rachel Okafor' };
/** Housing, not on the case. */
export const priya: Actor = { userId: 'priya.shah', agencyId: 'housing', roles: ['partner'], displayName: 'Priya Shah' };
export const olivia: Actor = { userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'], displayName: 'Olivia Grant' };

export const by = {
  megan: { userId: 'megan.lloyd', agencyId: 'council', name: 'Megan Lloyd' },
  james: { userId: 'james.whitaker', agencyId: 'police', name: 'PCSO James Whitaker' },
  rachel: { userId: 'rachel.okafor', agencyId: 'police', name: 'Insp. Rachel Okafor' },
};

export const person = {
  doreen: '0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6',
  imran: '1c8d2e3f-4051-4b62-9c73-8d94ea5fb607',
  kyle: '2d9e3f40-5162-4c73-8d84-9ea5fb60c718',
  jayden: '3eaf4051-6273-4d84-9e95-afb60c71d829',
  dean: '4fb05162-7384-4e95-8fa6-b0c71d82e93a',
};

export const details = {
  doreen: { name: 'Doreen Walsh', dateOfBirth: '1948-03-02', address: '14 Airedale Road, Castleford WF10 3AB', phone: '01977 555 014', contactNote: 'Mornings; her daughter Karen on 07700 900123 if no answer' },
  imran: { name: 'Imran Siddiqui', address: '16 Airedale Road, Castleford WF10 3AB', email: 'imran.siddiqui@example.org' },
  kyle: { name: 'Kyle Barker', dateOfBirth: '2010-05-20', address: '3 Ferry Lane, Castleford WF10 1QQ' },
  jayden: { name: 'Jayden Barker', dateOfBirth: '2013-08-01', address: '3 Ferry Lane, Castleford WF10 1QQ' },
  dean: { name: 'Dean Barker', dateOfBirth: '1985-01-15', address: '3 Ferry Lane, Castleford WF10 1QQ', phone: '07700 900456' },
};

export const caseOpening = {
  reference: 'ASB-2026-0031',
  title: 'Fireworks and stones at a home on Airedale Road',
  summary: 'Fireworks pushed through the letterbox of an elderly resident; stones thrown at her windows after she reported it.',
  owningAgencyId: 'council',
  location: { description: 'Airedale Road shops and the houses opposite, Castleford', locationKey: 'airedale-road' },
  neighbourhoodId: '5b0e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
  openedOn: '2026-09-11',
};

const opened: AsbCaseEvent[] = [{ type: 'AsbCaseOpened', ...caseOpening }];

const withPolice: AsbCaseEvent[] = [...opened, { type: 'CasePartnerAdded', agencyId: 'police', reason: 'Reports to the police; the neighbourhood team patrols Airedale Road.' }];

const withParties: AsbCaseEvent[] = [
  ...withPolice,
  { type: 'VictimRecorded', person: { personId: person.doreen, details: details.doreen }, householdKey: 'uprn-100050512345', recordedOn: '2026-09-11' },
  { type: 'WitnessRecorded', person: { personId: person.imran, details: details.imran }, householdKey: 'uprn-100050512346', recordedOn: '2026-09-11' },
  { type: 'SubjectRecorded', person: { personId: person.kyle, details: details.kyle }, householdKey: 'uprn-100050599999', recordedOn: '2026-09-12', ageBand: '16-17', ageBandEstimated: false },
  { type: 'SubjectRecorded', person: { personId: person.jayden, details: details.jayden }, householdKey: 'uprn-100050599999', recordedOn: '2026-09-12', ageBand: '10-15', ageBandEstimated: false },
  { type: 'SubjectRecorded', person: { personId: person.dean, details: details.dean }, householdKey: 'uprn-100050599999', recordedOn: '2026-09-12', ageBand: '18-plus', ageBandEstimated: false },
];

export const fireworksIncident = {
  incidentId: 'inc-1',
  occurredOn: '2026-09-10',
  time: '21:40',
  where: { description: 'Airedale Road, at the victim’s front door', locationKey: 'airedale-road' },
  category: 'personal' as const,
  kind: 'fireworks' as const,
  description: 'A lit rocket pushed through the letterbox; the hall mat caught fire and was put out by a neighbour.',
  hateMotivation: [],
  subjectPersonIds: [person.kyle, person.jayden],
};

const withIncidents: AsbCaseEvent[] = [
  ...withParties,
  { type: 'IncidentReported', ...fireworksIncident, report: { reporter: { kind: 'person', personId: person.doreen }, receivedBy: 'police', reportedOn: '2026-09-10', agencyReference: 'WYP-1310-100926' } },
  { type: 'IncidentReportAdded', incidentId: 'inc-1', report: { reporter: { kind: 'person', personId: person.doreen }, receivedBy: 'council', reportedOn: '2026-09-11' } },
  {
    type: 'IncidentReported',
    incidentId: 'inc-2',
    occurredOn: '2026-09-20',
    where: { description: 'Airedale Road', locationKey: 'airedale-road' },
    category: 'personal',
    kind: 'criminal-damage-or-vandalism',
    description: 'Stones thrown at the front windows; one pane cracked.',
    hateMotivation: [],
    subjectPersonIds: [person.kyle],
    report: { reporter: { kind: 'person', personId: person.doreen }, receivedBy: 'council', reportedOn: '2026-09-21' },
  },
  {
    type: 'IncidentReported',
    incidentId: 'inc-3',
    occurredOn: '2026-10-03',
    time: '19:15',
    where: { description: 'Outside the Airedale Road shops', locationKey: 'airedale-road' },
    category: 'personal',
    kind: 'intimidation-or-harassment',
    description: 'The victim shouted at and followed home from the shops by a group of boys.',
    hateMotivation: [],
    subjectPersonIds: [person.kyle],
    report: { reporter: { kind: 'person', personId: person.imran }, receivedBy: 'police', reportedOn: '2026-10-04' },
  },
];

/** Yes to: targeted more than once, persistent, health, daily life, isolated, other vulnerability (elderly), fear of reprisal. */
export const doreenAnswers: RiskAnswers = {
  'repeat-targeting': true,
  persistent: true,
  'hate-motivated': false,
  'threats-or-violence': false,
  'property-targeted': true,
  'fear-of-reprisal': true,
  'health-affected': true,
  'daily-life-affected': true,
  'considering-moving': false,
  'getting-worse': true,
  'children-affected': false,
  'disability-or-illness': false,
  'other-vulnerability': true,
  isolated: true,
  'stressed-neighbourhood': false,
  'earlier-reports-unresolved': false,
};

const assessed: AsbCaseEvent[] = [
  ...withIncidents,
  {
    type: 'VictimRiskAssessed',
    personId: person.doreen,
    questionnaireVersion: 'asb-risk-1',
    answers: { ...doreenAnswers, 'getting-worse': false, 'fear-of-reprisal': false, 'property-targeted': false },
    score: 14,
    scoredLevel: 'medium',
    level: 'medium',
    assessedOn: '2026-09-11',
    assessor: by.megan,
    singlePointOfContact: { name: 'Megan Lloyd', agencyId: 'council' },
  },
  {
    type: 'VictimRiskAssessed',
    personId: person.doreen,
    questionnaireVersion: 'asb-risk-1',
    answers: doreenAnswers,
    score: 21,
    scoredLevel: 'high',
    level: 'high',
    assessedOn: '2026-09-22',
    assessor: by.megan,
  },
];

const intervened: AsbCaseEvent[] = [
  ...assessed,
  {
    type: 'InterventionRecorded',
    interventionId: 'cpw-kyle',
    kind: 'community-protection-warning',
    subjectPersonId: person.kyle,
    issuingAgencyId: 'council',
    issuingAgencyKind: 'council',
    issuedOn: '2026-09-25',
    terms: 'Stop throwing objects at, or putting anything through the door of, any house on Airedale Road.',
    expiresOn: '2026-10-25',
    subjectAgeBandOnIssue: '16-17',
  },
  {
    type: 'InterventionRecorded',
    interventionId: 'abc-jayden',
    kind: 'acceptable-behaviour-contract',
    subjectPersonId: person.jayden,
    issuingAgencyId: 'police',
    issuingAgencyKind: 'police',
    issuedOn: '2026-09-28',
    terms: 'Not to go onto Airedale Road after 6 pm; to attend the Friday youth club.',
    expiresOn: '2027-03-28',
    subjectAgeBandOnIssue: '10-15',
  },
];

export const history = { opened, withPolice, withParties, withIncidents, assessed, intervened };
