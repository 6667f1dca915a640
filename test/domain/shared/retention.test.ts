import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addYears, checkRetentionReviewShape, mopiReviewDue, retentionReviewFields } from '../../../src/domain/shared/retention.js';

const schema = z.object(retentionReviewFields).superRefine(checkRetentionReviewShape);
const paths = (input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('calendar years', () => {
  it('adds years to a day, 29 February becoming 28 February in a year without one', () => {
    expect(addYears('2026-11-20', 6)).toBe('2032-11-20');
    expect(addYears('2028-02-29', 6)).toBe('2034-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addYears('2027-12-31', 1)).toBe('2028-12-31');
  });
});

describe('the MoPI review date', () => {
  const rules = { firstReviewYears: 6 };
  it('is none while open, the configured years after closing, the next review a retain set, and none after dispose', () => {
    expect(mopiReviewDue(null, [], rules)).toBeNull();
    expect(mopiReviewDue('2026-11-20', [], rules)).toBe('2032-11-20');
    expect(mopiReviewDue('2026-11-20', [], { firstReviewYears: 7 })).toBe('2033-11-20');
    expect(mopiReviewDue('2026-11-20', [{ decision: 'retain', nextReviewOn: '2035-01-01' }], rules)).toBe('2035-01-01');
    expect(mopiReviewDue('2026-11-20', [{ decision: 'retain', nextReviewOn: '2035-01-01' }, { decision: 'dispose' }], rules)).toBeNull();
  });
});

describe('the shape of a review', () => {
  const retain = { reviewedOn: '2032-11-20', decision: 'retain', reason: 'Still of use', nextReviewOn: '2035-11-20' };
  it('takes a retain with a next review after it, at most ten years on, and a dispose without one', () => {
    expect(paths(retain)).toEqual([]);
    expect(paths({ ...retain, nextReviewOn: '2042-11-20' })).toEqual([]);
    expect(paths({ reviewedOn: '2032-11-20', decision: 'dispose', reason: 'No purpose' })).toEqual([]);
  });
  it('names the field that is wrong', () => {
    expect(paths({ ...retain, nextReviewOn: undefined })).toEqual(['nextReviewOn']);
    expect(paths({ ...retain, nextReviewOn: '2032-11-20' })).toEqual(['nextReviewOn']);
    expect(paths({ ...retain, nextReviewOn: '2042-11-21' })).toEqual(['nextReviewOn']);
    expect(paths({ ...retain, decision: 'dispose' })).toEqual(['nextReviewOn']);
    expect(paths({ ...retain, reason: '  ' })).toEqual(['reason']);
  });
});
