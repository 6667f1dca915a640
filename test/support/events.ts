import { randomUUID } from 'node:crypto';
import type { JsonObject, NewEvent } from '../../src/eventstore/event-store.js';
import type { EventMetadata } from '../../src/eventstore/metadata.js';

export const testActor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] };

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: testActor,
    correlationId: 'test-correlation',
    causationId: 'test-causation',
    occurredAt: '2026-11-01T10:00:00.000Z',
    schemaVersion: 1,
    ...overrides,
  };
}

export function newEvent(type: string, data: JsonObject = {}, id: string = randomUUID()): NewEvent {
  return { id, type, data, metadata: metadata() };
}

export function uniqueStream(category = 'test'): string {
  return `${category}-${randomUUID()}`;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
