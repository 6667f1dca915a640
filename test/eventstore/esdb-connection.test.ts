import { describe, expect, it } from 'vitest';
import { clientConnectionString, redactConnectionString } from '../../src/eventstore/connection-string.js';

describe('EventStoreDB connection strings', () => {
  it('gives the 6.x client the esdb:// scheme for KurrentDB’s names of it', () => {
    expect(clientConnectionString('kurrentdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
    expect(clientConnectionString('kurrentdb+discover://a,b,c:2113')).toBe('esdb+discover://a,b,c:2113');
    expect(clientConnectionString('kdb://node:2113')).toBe('esdb://node:2113');
    expect(clientConnectionString(' esdb://localhost:2113?tls=false ')).toBe('esdb://localhost:2113?tls=false');
  });

  it('never shows the password', () => {
    expect(redactConnectionString('esdb://admin:changeit@node1:2113?tls=true')).toBe('esdb://admin:***@node1:2113?tls=true');
    expect(redactConnectionString('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
  });
});
