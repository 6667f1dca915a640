import { describe, expect, it } from 'vitest';
import { type DisclosureEvent, disclosureLedgerDecider, gatewayFor, type RecordDisclosures } from '../../../src/domain/disclosure/ledger.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { givenWhenThen } from '../../support/given-when-then.js';

const given = givenWhenThen(disclosureLedgerDecider);
const sarah: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] };
const amira: Actor = { userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'] };

const alan = { caseId: 'c0a8e7d2-0000-4000-8000-000000000001', reference: 'ASB-2026-0003', personId: 'a1a8e7d2-0000-4000-8000-000000000001', role: 'victim' as const };

const record = (over: Partial<RecordDisclosures> = {}): RecordDisclosures => ({
  type: 'RecordDisclosures',
  disclosures: [{ ...alan, fields: ['name', 'address'], gateway: 'dpa-2018-part-3' }],
  readAt: '2026-11-23T12:00:00.000Z',
  reader: { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] },
  correlationId: 'req-00000001',
  ...over,
});

describe('the disclosure ledger', () => {
  it('records the disclosures read, with who, when, the gateway and the request', () => {
    const { type: _type, ...rest } = record();
    given([]).when(record(), sarah).then([{ type: 'PersonalDataDisclosed', ...rest }]);
  });

  it('records on a ledger that already holds disclosures', () => {
    const { type: _type, ...rest } = record();
    const earlier: DisclosureEvent = { type: 'PersonalDataDisclosed', ...rest };
    given([earlier]).when(record(), sarah).then([earlier]);
  });

  it('records nothing when no field was read', () => {
    given([]).when(record({ disclosures: [{ ...alan, fields: [], gateway: 'cda-s115' }] }), sarah).then([]);
  });

  it('is recorded by the one who read the data, never on their behalf', () => {
    given([]).when(record(), amira).thenViolates('DISCLOSURE_READER_MISMATCH');
  });

  it('counts the disclosures it holds', () => {
    const { type: _type, ...rest } = record();
    expect(disclosureLedgerDecider.evolve({ disclosures: 2 }, { type: 'PersonalDataDisclosed', ...rest })).toEqual({ disclosures: 3 });
  });

  it('takes the gateway from the reader’s agency, the default, or audit for an auditor', () => {
    const sharing = { gateways: { police: 'dpa-2018-part-3' as const, health: 'consent' as const }, default: 'cda-s115' as const };
    expect(gatewayFor(sharing, sarah)).toBe('dpa-2018-part-3');
    expect(gatewayFor(sharing, { ...amira, agencyId: 'health' })).toBe('consent');
    expect(gatewayFor(sharing, amira)).toBe('cda-s115');
    expect(gatewayFor(sharing, { userId: 'olivia.grant', agencyId: 'police', roles: ['auditor'] })).toBe('audit');
  });
});
