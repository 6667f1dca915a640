/**
 * A GraphQL subscription over server-sent events, read as the events come:
 * POST /graphql with `Accept: text/event-stream`, as a partner's client does.
 */
import { expect } from 'vitest';
import type { TestServer } from './server.js';

export interface EventStream<T> {
  /** Every `next` event's payload so far. */
  readonly received: Array<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Resolves once `count` events have come, or rejects after `ms`. */
  waitFor(count: number, ms?: number): Promise<void>;
  /** Resolves when the server ends the stream (`event: complete`). */
  readonly completed: Promise<void>;
  close(): void;
}

export async function subscribe<T>(server: TestServer, token: string, query: string, variables: Record<string, unknown> = {}): Promise<EventStream<T>> {
  const abort = new AbortController();
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { accept: 'text/event-stream', authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const received: EventStream<T>['received'] = [];
  const listeners = new Set<() => void>();
  let complete: () => void = () => undefined;
  const completed = new Promise<void>((resolve) => (complete = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = message.split('\n');
          if (lines.includes('event: complete')) complete();
          if (!lines.includes('event: next')) continue;
          const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          received.push(JSON.parse(data));
          for (const listener of listeners) listener();
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    received,
    completed,
    waitFor: (count, ms = 5_000) =>
      new Promise<void>((resolve, reject) => {
        if (received.length >= count) return resolve();
        const timer = setTimeout(() => reject(new Error(`${received.length} events within ${ms} ms, not ${count}`)), ms);
        const listener = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve();
        };
        listeners.add(listener);
      }),
    close: () => abort.abort(),
  };
}
