import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig } from '../../src/config.js';

describe('CASEBOOK_RETENTION', () => {
  it('defaults to a first MoPI review six years after closing, for plans and cases', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).retention).toEqual({ plan: { firstReviewYears: 6 }, asbCase: { firstReviewYears: 6 } });
  });

  it('takes each kind’s years as JSON, a kind left out keeping six', () => {
    expect(loadConfig({ NODE_ENV: 'test', CASEBOOK_RETENTION: '{"asbCase":{"firstReviewYears":7}}' }).retention).toEqual({ plan: { firstReviewYears: 6 }, asbCase: { firstReviewYears: 7 } });
  });

  it('stops the start with a sentence for a value that is not valid', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', CASEBOOK_RETENTION: '{"plan":{"firstReviewYears":0}}' })).toThrow(ConfigurationError);
    expect(() => loadConfig({ NODE_ENV: 'test', CASEBOOK_RETENTION: 'six' })).toThrow(/CASEBOOK_RETENTION/);
  });
});
