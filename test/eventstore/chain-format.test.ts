/**
 * The format of the hash chain is a promise to every auditor who kept a head
 * hash: it must never change silently. These hashes are pinned.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../src/eventstore/chain.js';

const event = {
  streamId: 'plan-6b1f1c0e-4f2e-4d0b-9a57-3c1b2f0a9e11',
  revision: 3n,
  id: '0c7d9e42-2b51-4f8a-8d0e-5a6f7b8c9d10',
  type: 'NoticePosted',
  data: { type: 'NoticePosted', text: 'Bonfire safety talk, 1 Nov', by: 'sarah.khan' },
  metadata: {
    actor: { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] },
    correlationId: 'corr-1',
    causationId: 'cause-1',
    occurredAt: '2026-11-05T19:30:00.000Z',
    schemaVersion: 1,
  },
};

describe('the chain hash', () => {
  it('is sha-256 of the previous hash, a newline and the RFC 8785 form of the event', () => {
    const canonical =
      '{"data":{"by":"sarah.khan","text":"Bonfire safety talk, 1 Nov","type":"NoticePosted"},"id":"0c7d9e42-2b51-4f8a-8d0e-5a6f7b8c9d10",' +
      '"metadata":{"actor":{"agencyId":"police","roles":["coordinator"],"userId":"sarah.khan"},"causationId":"cause-1","correlationId":"corr-1",' +
      '"occurredAt":"2026-11-05T19:30:00.000Z","schemaVersion":1},"revision":"3","streamId":"plan-6b1f1c0e-4f2e-4d0b-9a57-3c1b2f0a9e11","type":"NoticePosted"}';
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex');
    expect(chainHash(GENESIS_HASH, event)).toBe(expected);
    expect(chainHash(GENESIS_HASH, event)).toBe('7aef377d5ab38799be13513d77bfc9db5ee05886ec338e93fb92ed3b6a3dc79a');
  });

  it('does not depend on the order of keys, and does depend on every value', () => {
    const reordered = { ...event, metadata: { schemaVersion: 1, occurredAt: event.metadata.occurredAt, causationId: 'cause-1', correlationId: 'corr-1', actor: event.metadata.actor } };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, event));
    expect(chainHash(GENESIS_HASH, { ...event, revision: 4n })).not.toBe(chainHash(GENESIS_HASH, event));
    expect(chainHash('1'.repeat(64), event)).not.toBe(chainHash(GENESIS_HASH, event));
  });
});
