import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/app/demo/load-demo.js';
import { demoAgencies } from '../../src/app/demo/partnership.js';
import { partnershipStreamName } from '../../src/app/partnership-register.js';
import { openCasebook } from '../../src/casebook.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { priorityWarnings } from '../../src/domain/neighbourhood/decider.js';
import { neighbourhoodsProjection } from '../../src/projections/neighbourhoods.js';
import { actionsProjection } from '../../src/projections/actions.js';
import { partnershipProjection } from '../../src/projections/partnership.js';
import { closuresAwaitingSignOff, plansProjection } from '../../src/projections/plans.js';
import { alertsFor, asbCasesProjection, riskRegister } from '../../src/projections/asb-cases.js';
import { judgeCaseReviewThreshold } from '../../src/domain/asb-case/case-review.js';
import { agenciesOnCase, complaintsOfCase } from '../../src/domain/asb-case/state.js';
import { currentAssessment } from '../../src/domain/asb-case/risk-assessment.js';
import { newEntityId } from '../../src/app/command-handler.js';
import { collect, newEvent } from '../support/events.js';

describe('the demo data', () => {
  it('registers the demo partnership in an empty store, through command handling, once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casebook-demo-')), 'store.sqlite');
    const casebook = await openCasebook({ store: new SqliteEventStore({ path }), clock: () => new Date('2026-11-23T12:00:00.000Z') });
    try {
      expect(await loadDemoData(casebook)).toEqual({ streamsWritten: 21 });
      await casebook.projections.waitFor((await casebook.store.headPosition())!);

      // Plans in every stage, each through the rules of the decider.
      const plans = [...casebook.projections.model(plansProjection).plans.values()].map((v) => v.plan);
      expect(plans.map((p) => [p.reference, p.stage])).toEqual([
        ['PSP-2026-0001', 'closed'],
        ['PSP-2026-0002', 'assessment'],
        ['PSP-2026-0003', 'response'],
        ['PSP-2026-0004', 'analysis'],
        ['PSP-2026-0005', 'scanning'],
      ]);
      // A closure waiting on one unsatisfied party, to show at the co-ordination meeting.
      expect(closuresAwaitingSignOff(casebook.projections.model(plansProjection))).toMatchObject([
        { reference: 'PSP-2026-0002', signedSatisfied: ['leisure-centre'], signedUnsatisfied: [{ partyId: 'whitwood-residents' }], notSigned: [] },
      ]);
      // Partner actions, each known to its plan: done, blocked, or waiting for the council.
      const actions = [...casebook.projections.model(actionsProjection).values()].map((v) => [v.action.reference, v.action.agencyId, v.action.status]);
      expect(actions).toEqual([
        ['ACT-2026-0001', 'youth', 'done'],
        ['ACT-2026-0002', 'fire', 'done'],
        ['ACT-2026-0003', 'council', 'done'],
        ['ACT-2026-0004', 'council', 'done'],
        ['ACT-2026-0005', 'fire', 'blocked'],
        ['ACT-2026-0006', 'council', 'assigned'],
        ['ACT-2026-0007', 'housing', 'done'],
        ['ACT-2026-0008', 'youth', 'done'],
      ]);
      expect(plans.map((p) => p.actions.size)).toEqual([2, 2, 2, 0, 0]);

      // ASB cases, two of them linked to plans: the fireworks case to the bonfire plan, the Bull Ring case to street drinking.
      const planIdOf = (key: string) => newEntityId({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] }, `demo-plan-${key}`, 'plan');
      const directory = casebook.projections.model(asbCasesProjection);
      const cases = [...directory.cases.values()].map((v) => v.asbCase);
      expect(cases.map((c) => [c.reference, c.status, c.owningAgencyId, c.plan?.planId ?? null])).toEqual([
        ['ASB-2026-0001', 'open', 'housing', null],
        ['ASB-2026-0002', 'open', 'council', planIdOf('street-drinking')],
        ['ASB-2026-0003', 'open', 'council', null],
        ['ASB-2026-0004', 'closed', 'police', planIdOf('bonfire')],
      ]);
      const caseNumbered = (reference: string) => directory.cases.get(directory.byReference.get(reference)!)!.asbCase;
      const [hawthorn, bullRing, sycamore, parkside] = [caseNumbered('ASB-2026-0001'), caseNumbered('ASB-2026-0002'), caseNumbered('ASB-2026-0003'), caseNumbered('ASB-2026-0004')];

      // The case-review victim qualifies: three qualifying complaints about separate incidents, a fourth report of one of them counted once, one too late.
      const review = hawthorn.caseReviews.get('community-trigger')!;
      expect(review.thresholdShown).toEqual({ met: true, routesMet: ['qualifying-complaints'], countedComplaintIds: expect.any(Array) });
      expect(review.thresholdShown.countedComplaintIds).toHaveLength(3);
      expect(review.decision).toMatchObject({ thresholdMet: true, basis: 'qualifying-complaints' });
      const judgement = judgeCaseReviewThreshold(complaintsOfCase(hawthorn), review.appliedOn, review.procedure);
      expect(judgement.met).toBe(true);
      expect(judgement.complaints.map((c) => c.standing).sort()).toEqual(['counted', 'counted', 'counted', 'not-within-a-month-of-behaviour', 'same-incident']);
      expect(hawthorn.people.get(review.applicantPersonId)?.name).toBe('Karen Ashworth');

      // The high-risk victim: assessed high with the questionnaire; the alert went to every agency on the case, and health has not acknowledged it.
      const [alan] = [...sycamore.victims.values()];
      expect(currentAssessment(alan!.risk)).toMatchObject({ questionnaireVersion: 'asb-risk-1', scoredLevel: 'high', level: 'high' });
      const highAlert = sycamore.alerts.find((a) => a.personId === alan!.personId && a.reason === 'assessed-high')!;
      expect(highAlert.agencies).toEqual([...agenciesOnCase(sycamore)].sort());
      expect(highAlert.agencies).toEqual(['council', 'health', 'housing', 'police']);
      expect([...highAlert.acknowledgements.keys()].sort()).toEqual(['council', 'housing', 'police']);
      expect(alertsFor(directory, 'health', false).map((a) => [a.view.asbCase.reference, a.alert.alertId])).toEqual([['ASB-2026-0003', highAlert.alertId]]);
      // Every other alert in the demo has been acknowledged by everyone it went to.
      for (const agency of ['police', 'council', 'housing', 'fire', 'youth']) expect(alertsFor(directory, agency, false)).toEqual([]);
      expect(sycamore.referrals.get('marac')).toMatchObject({ service: 'marac', personId: alan!.personId });
      expect(riskRegister(directory, '2026-11-23').map((e) => [e.view.asbCase.reference, e.level, e.reviewOverdue])).toEqual([
        ['ASB-2026-0003', 'high', false],
        ['ASB-2026-0001', 'medium', false],
        ['ASB-2026-0002', 'medium', false],
      ]);

      // Up the ladder: a CPW then a CPN for an adult, a breach of the notice and a fixed penalty; an ABC for a 14-year-old.
      expect([...bullRing.interventions.values()].map((i) => [i.kind, i.subjectAgeBandOnIssue, i.breaches.length])).toEqual([
        ['community-protection-warning', '18-plus', 0],
        ['community-protection-notice', '18-plus', 1],
        ['fixed-penalty-notice', '18-plus', 0],
      ]);
      expect([...parkside.interventions.values()].map((i) => [i.kind, i.subjectAgeBandOnIssue])).toEqual([['acceptable-behaviour-contract', '10-15']]);
      // Each case knows its partner actions, and the closed case its victim's satisfaction.
      expect([...sycamore.actions.values()].map((a) => [a.agencyId, a.outcome?.status])).toEqual([['housing', 'done']]);
      expect([...parkside.actions.values()].map((a) => [a.agencyId, a.outcome?.status])).toEqual([['youth', 'done']]);
      expect(parkside.closure).toMatchObject({ outcome: 'resolved', victimSatisfaction: [{ satisfaction: 'satisfied' }] });

      const neighbourhoods = [...casebook.projections.model(neighbourhoodsProjection).values()];
      expect(neighbourhoods.map((n) => [n.state.neighbourhood!.name, n.state.current.size, priorityWarnings(n.state).length])).toEqual([
        ['Thornes', 3, 0],
        ['Castleford and Whitwood', 3, 0],
        ['Wakefield city centre', 4, 1],
      ]);
      const members = [...casebook.projections.model(partnershipProjection).current.agencies.values()];
      expect(members.map((m) => m.agencyId)).toEqual(['police', 'council', 'housing', 'fire', 'youth', 'health']);
      expect(members.find((m) => m.agencyId === 'housing')).toEqual({ agencyId: 'housing', name: 'Wakefield District Housing', leadContact: 'Amira Hussain' });
      const events = await collect(casebook.store.readStream(partnershipStreamName));
      expect(events).toHaveLength(demoAgencies.length);
      expect(events[0]!.metadata).toMatchObject({ actor: { userId: 'sarah.khan', agencyId: 'police' }, correlationId: 'demo-data' });

      // A second start finds history and writes nothing.
      const head = await casebook.store.headPosition();
      expect(await loadDemoData(casebook)).toEqual({ streamsWritten: 0 });
      expect(await casebook.store.headPosition()).toEqual(head);
      expect(await collect(casebook.store.readStream(partnershipStreamName))).toHaveLength(demoAgencies.length);
    } finally {
      await casebook.close();
    }
  });

  it('never touches a store that already has history', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append('plan-00000000-0000-4000-8000-000000000001', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' });
    const casebook = await openCasebook({ store });
    try {
      expect(await loadDemoData(casebook)).toEqual({ streamsWritten: 0 });
      expect(await collect(store.readStream(partnershipStreamName))).toEqual([]);
    } finally {
      await casebook.close();
    }
  });
});
