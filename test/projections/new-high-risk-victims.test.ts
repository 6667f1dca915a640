/**
 * The meeting pack's count of new high-risk victims, on hand-made cases: only
 * the read model's fields the count reads (neighbourhood, status, opening day,
 * victims and their assessments) are given.
 */
import { describe, expect, it } from 'vitest';
import type { AsbCaseDirectory } from '../../src/projections/asb-cases.js';
import { newHighRiskVictims } from '../../src/projections/coordination-agenda.js';

const castleford = 'castleford';
type Assessed = { assessedOn: string; level: 'standard' | 'medium' | 'high' };

function directory(cases: Array<{ neighbourhoodId?: string; status?: 'open' | 'closed'; victims: Record<string, Assessed[]> }>): AsbCaseDirectory {
  const views = cases.map((c, i): [string, unknown] => [
    `case-${i}`,
    {
      asbCase: {
        neighbourhoodId: c.neighbourhoodId ?? castleford,
        status: c.status ?? 'open',
        openedOn: '2026-09-01',
        victims: new Map(Object.entries(c.victims).map(([personId, assessments]) => [personId, { personId, risk: { assessments } }])),
      },
    },
  ]);
  return { cases: new Map(views), byReference: new Map() } as unknown as AsbCaseDirectory;
}

describe('new high-risk victims', () => {
  it('counts a victim assessed high on the last meeting’s own day: the assessment may have come after the meeting', () => {
    const cases = directory([{ victims: { karen: [{ assessedOn: '2026-10-30', level: 'high' }] } }]);
    expect(newHighRiskVictims(cases, castleford, '2026-10-30', '2026-11-23')).toBe(1);
    expect(newHighRiskVictims(cases, castleford, '2026-10-31', '2026-11-23')).toBe(0);
  });

  it('counts a person once, whatever the number of cases they are a victim on', () => {
    const high = [{ assessedOn: '2026-11-01', level: 'high' as const }];
    expect(newHighRiskVictims(directory([{ victims: { alan: high } }, { victims: { alan: high, denise: high } }]), castleford, '2026-10-30', '2026-11-23')).toBe(2);
  });

  it('counts a victim high before the last meeting only if they were not (lowered, then raised again)', () => {
    const history: Assessed[] = [
      { assessedOn: '2026-09-10', level: 'high' },
      { assessedOn: '2026-10-01', level: 'medium' },
      { assessedOn: '2026-11-10', level: 'high' },
    ];
    expect(newHighRiskVictims(directory([{ victims: { priya: history } }]), castleford, '2026-10-20', '2026-11-23')).toBe(1);
    expect(newHighRiskVictims(directory([{ victims: { priya: history.slice(0, 1) } }]), castleford, '2026-10-20', '2026-11-23')).toBe(0);
  });

  it('leaves out closed cases, other neighbourhoods, and assessments after the meeting’s day', () => {
    const high = [{ assessedOn: '2026-11-01', level: 'high' as const }];
    const cases = directory([{ status: 'closed', victims: { a: high } }, { neighbourhoodId: 'thornes', victims: { b: high } }, { victims: { c: [{ assessedOn: '2026-11-24', level: 'high' }] } }]);
    expect(newHighRiskVictims(cases, castleford, null, '2026-11-23')).toBe(0);
  });
});
