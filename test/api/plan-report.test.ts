/**
 * The award-entry write-up of a plan, from its read model alone: the Thornes
 * Park bonfire plan of the domain tests at several points of its life, a plan
 * just opened, a plan with awkward text, and one far too long for a summary.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clipWords, planReport, wordCount } from '../../src/api/reports/plan-report.js';
import { planStreamName } from '../../src/app/plan-stream.js';
import type { PlanEvent } from '../../src/domain/plan/events.js';
import type { JsonObject } from '../../src/eventstore/event-store.js';
import { type PlanView, plansProjection } from '../../src/projections/plans.js';
import { actionId, history } from '../domain/plan/history.js';

const planId = 'a1b2c3d4-0000-4000-8000-000000000001';

/** The plan's view as the plans projection leaves it after these events, each recorded in turn. */
function viewOf(events: readonly PlanEvent[]): PlanView {
  const model = plansProjection.init();
  events.forEach((event, i) =>
    plansProjection.apply(model, {
      id: randomUUID(),
      type: event.type,
      streamId: planStreamName(planId),
      revision: BigInt(i),
      position: { commit: BigInt(i + 1), prepare: BigInt(i + 1) },
      data: event as unknown as JsonObject,
      metadata: { actor: { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] }, correlationId: 'test', causationId: 'test', occurredAt: '2026-11-01T10:00:00.000Z', schemaVersion: 1, prevHash: '', hash: '' },
      recordedAt: new Date('2026-11-01T10:00:00.000Z'),
    }),
  );
  return model.plans.get(planId)!;
}

const lines = (report: string) => report.split('\n');
const headings = (report: string) => lines(report).filter((l) => l.startsWith('#'));

/** The text of one `##` section, without its heading. */
function sectionOf(report: string, heading: string): string {
  const start = report.indexOf(`\n## ${heading}\n`);
  expect(start, `## ${heading}`).toBeGreaterThan(-1);
  const body = report.slice(start + heading.length + 5);
  const end = body.indexOf('\n## ');
  return (end === -1 ? body : body.slice(0, end)).trim();
}

describe('planReport of a closed plan', () => {
  const report = planReport(viewOf(history.closed));

  it('has the award entry’s headings, in order', () => {
    expect(headings(report)).toEqual([
      '# Bonfire night disorder at Thornes Park (PSP-2026-0007)',
      '## Summary',
      '## Scanning',
      '## Analysis',
      '### Problem matrix',
      '### Problem analysis triangle',
      '### Hypotheses',
      '### Data used',
      '## Response',
      '### Objectives',
      '### Response actions',
      '## Assessment',
      '### Results',
      '### Process evaluation',
      '### What worked',
      '### What did not work',
      '### Displacement',
      '### Diffusion of benefits',
      '### Closure',
    ]);
    expect(report.endsWith('\n')).toBe(true);
    expect(report).not.toMatch(/\n\n\n/);
  });

  it('says who is involved on the line under the title', () => {
    expect(lines(report)[2]).toBe(
      '**Stage:** Closed (opened 2026-09-01, closed 2026-11-20) · **Owner:** Grace Mensah, Detached youth worker (youth) · **Partners:** none yet · **Raised by:** Thornes Park Residents’ Association, Cllr Nadia Ahmed',
    );
  });

  it('summarises the problem, the analysis, the response, the results and the closure', () => {
    expect(sectionOf(report, 'Summary')).toBe(
      [
        '**Problem.** Groups of young people throw fireworks at passers-by, buses and cars on Denby Dale Road. Where: Thornes Park and the Denby Dale Road entrance. When: 17:00-22:00, 20 October to 6 November.',
        '**Analysis.** From 3 sources of data, the partnership put forward 2 hypotheses: “Nothing else to do on those evenings”; “Fireworks are sold to under-18s locally”.',
        '**Response.** 1 of 1 response action done.',
        '**Results.** ASB calls to police, 20 October to 6 November: 48 → 19 (target 24), met.',
        '**Outcome.** Closed on 2026-11-20. Calls halved and the residents report a quiet bonfire night.',
      ].join('\n\n'),
    );
  });

  it('writes scanning up as a list, and the analysis as tables', () => {
    const scanning = sectionOf(report, 'Scanning');
    expect(scanning).toContain('*As opened on 2026-09-01:* Fireworks thrown at people and cars around the park in the fortnight before 5 November.');
    expect(scanning).toContain('- **Sources:** calls for service, community engagement');
    expect(scanning).toContain('- **Why prioritised:** Voted the top priority at the September PACT meeting.');
    const analysis = lines(sectionOf(report, 'Analysis'));
    expect(analysis).toContain('| Question | Finding |');
    expect(analysis).toContain('| How often | Nightly at the peak |');
    expect(analysis).toContain('| Are there repeats | The same three streets every year |');
    expect(analysis).toContain('| Offender | Bored young people with fireworks | Handler: Parents, youth workers |');
    expect(analysis).toContain('| Victim or target | People and cars on the park edge | Guardian: Park wardens, bus operators |');
    expect(analysis).toContain('| Place | An unlit park entrance | Manager: Wakefield Council parks |');
    expect(analysis).toContain('2. Fireworks are sold to under-18s locally');
    expect(analysis).toContain('- Bus operator incident reports');
  });

  it('lists objectives and response actions in the response', () => {
    const response = lines(sectionOf(report, 'Response'));
    expect(response).toContain('| Reduce firework ASB calls around the park | ASB calls to police, 20 October to 6 November | 48 | 24 | 2026-11-30 | reduce it by 50% |');
    expect(response).toContain('| Agency | Action | Due | Outcome |');
    expect(response).toContain('| youth | Diversionary events in the park on the four Fridays before bonfire night | 2026-10-30 | done 2026-10-30 |');
  });

  it('assesses results per objective, the process, displacement by kind, and every raiser’s sign-off', () => {
    const assessment = lines(sectionOf(report, 'Assessment'));
    expect(assessment).toContain('| Measure | Baseline | Target | Latest | Change | Met |');
    expect(assessment).toContain('| ASB calls to police, 20 October to 6 November | 48 | 24 | 19 (2026-11-10; comparison area 41) | -60.4% | yes |');
    expect(assessment).toContain('As counted when the results analysis was concluded on 2026-11-15: 1 action planned; 1 done (0 of them late); 0 cancelled; 0 still open (0 overdue).');
    expect(assessment).toContain('The Friday events drew the same groups away from the entrance.');
    expect(assessment).toContain('Test purchases found no under-age sales, so that hypothesis was wrong.');
    expect(assessment.filter((l) => /^\| (Temporal|Spatial|Target|Tactical|Offence) \|/.test(l))).toEqual([
      '| Temporal | no | Calls after 6 November stayed at the usual level. |',
      '| Spatial | no | Holmfield Park and Pugneys calls did not rise. |',
      '| Target | no | No rise in attacks on other vehicles. |',
      '| Tactical | no | No shift to other missiles. |',
      '| Offence | no | Criminal damage in the ward unchanged. |',
    ]);
    expect(assessment).toContain('Calls also fell on the streets next to the park that the response did not cover.');
    expect(assessment).toContain('**Justification** (proposed 2026-11-16): Calls halved and the residents report a quiet bonfire night.');
    expect(assessment).toContain('| Thornes Park Residents’ Association | 2026-11-18 | yes | A much quieter year. |');
    expect(assessment).toContain('| Cllr Nadia Ahmed | 2026-11-19 | yes | Keep the Friday events next year. |');
  });
});

describe('planReport of a plan part of the way', () => {
  it('says “Not recorded yet.” under each section with nothing in it, never leaving a heading empty', () => {
    const opened = viewOf([{ ...history.opened[0]!, description: undefined } as PlanEvent]);
    const report = planReport(opened);
    expect(headings(report)).toEqual(['# Bonfire night disorder at Thornes Park (PSP-2026-0007)', '## Summary', '## Scanning', '## Analysis', '## Response', '## Assessment']);
    expect(lines(report)[2]).toBe('**Stage:** Scanning (opened 2026-09-01) · **Owner:** none yet · **Partners:** none yet · **Raised by:** Thornes Park Residents’ Association, Cllr Nadia Ahmed');
    for (const heading of ['Scanning', 'Analysis', 'Response', 'Assessment']) expect(sectionOf(report, heading)).toBe('Not recorded yet.');
    expect(sectionOf(report, 'Summary')).toBe(
      [
        '**Problem.** The scanning is not recorded yet.',
        '**Analysis.** Not recorded yet.',
        '**Response.** Not recorded yet.',
        '**Results.** No objectives set yet.',
        '**Outcome.** Open, at the scanning stage.',
      ].join('\n\n'),
    );
    const all = lines(report);
    all.forEach((line, i) => {
      if (line.startsWith('#')) expect(all[i + 2], `under ${line}`).not.toMatch(/^#/);
    });
  });

  it('judges results so far before the analysis is concluded, and counts the process from the actions', () => {
    const report = planReport(viewOf(history.assessing));
    const assessment = lines(sectionOf(report, 'Assessment'));
    expect(assessment).toContain('| ASB calls to police, 20 October to 6 November | 48 | 24 | 19 (2026-11-10; comparison area 41) | -60.4% | on target so far |');
    expect(assessment).toContain('So far, from the response actions: 1 action planned; 1 done (0 of them late); 0 cancelled; 0 still open.');
    expect(assessment).toContain('The results analysis is not concluded yet.');
    expect(sectionOf(report, 'Summary')).toContain('**Results.** ASB calls to police, 20 October to 6 November: 48 → 19 (target 24), on target so far.');
  });

  it('shows who keeps a proposed closure open, and who has not signed', () => {
    const report = planReport(
      viewOf([...history.proposed, { type: 'ClosureSignedOff', partyId: 'cllr-ahmed', satisfied: false, comment: 'Not until the 117 runs after dark again.', signedOn: '2026-11-18' }]),
    );
    expect(sectionOf(report, 'Summary')).toContain(
      '**Outcome.** Open, at the assessment stage. Closure proposed on 2026-11-16: Calls halved and the residents report a quiet bonfire night. Not satisfied: Cllr Nadia Ahmed. Not yet signed off by Thornes Park Residents’ Association.',
    );
    const assessment = lines(sectionOf(report, 'Assessment'));
    expect(assessment).toContain('| Thornes Park Residents’ Association | not signed yet | — | — |');
    expect(assessment).toContain('| Cllr Nadia Ahmed | 2026-11-18 | no | Not until the 117 runs after dark again. |');
    expect(assessment).not.toContain('Closed on');
  });

  it('writes each response strand with its communication strategy, and a missing strand in one line', () => {
    const report = planReport(
      viewOf([
        ...history.responding,
        { type: 'ResponsePlanRecorded', strand: 'prevention', plan: 'Friday events in the park.', communicationStrategy: 'Flyers through schools' },
        { type: 'ResponsePlanRecorded', strand: 'intelligence', plan: 'Test purchases.', communicationStrategy: 'Briefing to the bus depot', communityEngagement: 'A stall at the park gates' },
      ]),
    );
    const response = sectionOf(report, 'Response');
    expect(response).toContain('### Prevention plan\n\nFriday events in the park.\n\n- **Communication strategy:** Flyers through schools');
    expect(response).toContain('### Intelligence plan\n\nTest purchases.\n\n- **Communication strategy:** Briefing to the bus depot\n- **Community engagement:** A stall at the park gates');
    expect(response).toContain('### Enforcement plan\n\nNot recorded yet.');
    expect(response).toContain(`| youth | Diversionary events in the park on the four Fridays before bonfire night | 2026-10-30 | open |`);
    expect(sectionOf(report, 'Summary')).toContain('**Response.** Prevention: Friday events in the park. Intelligence: Test purchases. 0 of 1 response action done.');
  });
});

describe('escaping', () => {
  it('escapes `|`, backslashes and line breaks in user text inside tables', () => {
    const analysed = history.analysed.map((event): PlanEvent =>
      event.type === 'AnalysisRecorded'
        ? { ...event, analysis: { ...event.analysis, problemMatrix: { ...event.analysis.problemMatrix, what: 'Fireworks | bangers\nthrown at cars \\ buses' } } }
        : event,
    );
    const report = planReport(
      viewOf([
        ...analysed,
        { type: 'PlanStageAdvanced', from: 'analysis', to: 'response' },
        { type: 'ResponseActionLinked', actionId, agencyId: 'youth', description: 'Events | Fridays', dueOn: '2026-10-30' },
      ]),
    );
    expect(lines(report)).toContain('| What | Fireworks \\| bangers<br>thrown at cars \\\\ buses |');
    expect(lines(report)).toContain('| youth | Events \\| Fridays | 2026-10-30 | open |');
    for (const row of lines(report).filter((l) => l.startsWith('| What ') || l.startsWith('| youth '))) {
      expect(row.split(/(?<!\\)\|/).length - 2).toBe(row.startsWith('| What ') ? 2 : 4);
    }
  });

  it('keeps free text written as its own paragraphs from starting a heading or a list', () => {
    const scanned = history.scanned.map((event): PlanEvent =>
      event.type === 'ScanningRecorded' ? { ...event, scanning: { ...event.scanning, description: '# Fireworks\n\n1. at buses\n\n- at cars' } } : event,
    );
    const scanning = sectionOf(planReport(viewOf(scanned)), 'Scanning');
    expect(scanning).toContain('\\# Fireworks\n\n1\\. at buses\n\n\\- at cars');
    expect(headings(planReport(viewOf(scanned)))).not.toContain('# Fireworks');
  });
});

describe('the summary’s limit', () => {
  const vocabulary = ['fireworks', 'thrown', 'at', 'buses', 'and', 'cars', 'near', 'the', 'park', 'gates', 'every', 'evening'];
  const prose = (n: number) => Array.from({ length: n }, (_, i) => vocabulary[i % vocabulary.length]).join(' ');
  const raisers = Array.from({ length: 20 }, (_, i) => ({ partyId: `party-${i}`, name: `${prose(25)} ${i}`, kind: 'community-group' as const }));
  const huge: PlanEvent[] = [
    { type: 'PlanOpened', reference: 'PSP-2026-0099', title: 'A problem described at great length', description: prose(600), neighbourhoodId: '5b0e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b', raisedBy: raisers, openedOn: '2026-01-05' },
    { type: 'PlanOwnerAssigned', owner: { name: 'Grace Mensah', agencyId: 'youth' } },
    {
      type: 'ScanningRecorded',
      scanning: { initialIndicators: [prose(40)], description: prose(650), where: prose(80), when: prose(80), reportedBy: prose(80), sources: ['calls-for-service'], whyPrioritised: prose(300) },
    },
    {
      type: 'AnalysisRecorded',
      analysis: {
        problemMatrix: { what: prose(150), offenders: prose(150), victims: prose(150), where: prose(150), when: prose(150), how: prose(150), howOften: prose(150), impact: prose(150), repeats: prose(150) },
        triangle: { offender: { description: prose(150), handler: prose(80) }, target: { description: prose(150), guardian: prose(80) }, place: { description: prose(150), manager: prose(80) } },
        hypotheses: Array.from({ length: 20 }, () => prose(150)),
        dataUsed: Array.from({ length: 30 }, () => prose(70)),
      },
    },
    ...Array.from({ length: 50 }, (_, i): PlanEvent => ({
      type: 'ObjectiveSet',
      objective: { objectiveId: `objective-${i}`, statement: prose(80), measure: `${prose(45)} ${i}`, baseline: 100, target: 50, direction: 'decrease', byDate: '2026-12-31', aim: { kind: 'eliminate' } },
      revised: false,
    })),
    ...(['prevention', 'intelligence', 'enforcement'] as const).map((strand): PlanEvent => ({ type: 'ResponsePlanRecorded', strand, plan: prose(650), communicationStrategy: prose(300) })),
    ...Array.from({ length: 50 }, (_, i): PlanEvent => ({ type: 'ResultMeasured', objectiveId: `objective-${i}`, measuredOn: '2026-11-01', value: 40 + i })),
    { type: 'ResultsAnalysisConcluded', ...history.conclusion, impact: [{ objectiveId: 'objective-0', met: true, note: prose(150) }], process: { planned: 0, done: 0, doneLate: 0, cancelled: 0, stillOpen: 0, overdue: 0 } },
    { type: 'ClosureProposed', justification: prose(650), proposedOn: '2026-11-16' },
    ...raisers.slice(0, 10).map((r): PlanEvent => ({ type: 'ClosureSignedOff', partyId: r.partyId, satisfied: false, comment: prose(300), signedOn: '2026-11-18' })),
  ];
  const report = planReport(viewOf(huge));
  const summary = sectionOf(report, 'Summary');

  it('holds the summary to 400 words however much is recorded', () => {
    expect(wordCount(summary)).toBeLessThanOrEqual(400);
    expect(wordCount(summary)).toBeGreaterThan(300);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary).toContain('; and 17 more.');
    expect(summary).toContain('46 more objectives in the Assessment.');
    expect(headings(report).filter((h) => h.startsWith('## '))).toEqual(['## Summary', '## Scanning', '## Analysis', '## Response', '## Assessment']);
  });

  it('cuts long free text between words, with an ellipsis', () => {
    expect(summary.startsWith(`**Problem.** ${prose(40)}… Where: ${prose(15)}… When: ${prose(15)}…`)).toBe(true);
    const cut = summary.match(/\S+…/g) ?? [];
    expect(cut.length).toBeGreaterThan(5);
    for (const token of cut) expect(vocabulary).toContain(token.replace(/^[“*]+|[”*.…]+$/gu, ''));
  });

  it('keeps the sections after the summary whole', () => {
    expect(sectionOf(report, 'Scanning')).toContain(prose(650));
    expect(sectionOf(report, 'Analysis')).toContain(`20. ${prose(150)}`);
    expect(lines(sectionOf(report, 'Assessment')).filter((l) => l.startsWith(`| ${prose(45)} `))).toHaveLength(50);
  });

  it('clips at a word boundary, dropping the punctuation it cuts after', () => {
    expect(clipWords('Fireworks thrown at buses, cars and people', 4)).toBe('Fireworks thrown at buses…');
    expect(clipWords('  Fireworks\nthrown  ', 4)).toBe('Fireworks thrown');
  });
});
