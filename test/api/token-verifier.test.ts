/** Verified tokens are remembered until they expire, and not a moment longer. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signDevelopmentToken, tokenVerifier, Unauthenticated } from '../../src/api/auth.js';
import { loadConfig } from '../../src/config.js';

const config = loadConfig({ NODE_ENV: 'test' });
const megan = { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], name: 'Megan Lloyd' };

afterEach(() => {
  vi.useRealTimers();
});

describe('the token verifier', () => {
  it('answers a token again from memory while it is valid, and refuses it once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T12:00:00Z'));
    const verify = tokenVerifier(config);
    const token = await signDevelopmentToken(config, { ...megan, expiresIn: '1h' });
    expect(await verify(token)).toEqual({ userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], displayName: 'Megan Lloyd' });
    vi.setSystemTime(new Date('2026-11-23T12:59:00Z'));
    expect((await verify(token)).userId).toBe('megan.lloyd');
    vi.setSystemTime(new Date('2026-11-23T13:00:01Z'));
    await expect(verify(token)).rejects.toThrow(new Unauthenticated('the token has expired'));
  });

  it('never remembers a token that did not verify', async () => {
    const verify = tokenVerifier(config);
    const token = await signDevelopmentToken(config, megan);
    const forged = `${token.slice(0, -4)}AAAA`;
    await expect(verify(forged)).rejects.toThrow(Unauthenticated);
    await expect(verify(forged)).rejects.toThrow(Unauthenticated);
    expect((await verify(token)).userId).toBe('megan.lloyd');
  });
});
