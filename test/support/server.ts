/**
 * A real Casebook HTTP server for tests: express + yoga on 127.0.0.1 and a
 * random port, over the real embedded SQLite store (in memory), with every log
 * line captured so a test can read what an operator would see.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { signDevelopmentToken, type TokenRequest } from '../../src/api/auth.js';
import { mintDevelopmentTokens } from '../../src/api/development-tokens.js';
import { type RunningServer, type ServerOptions, startServer } from '../../src/api/server.js';
import { demoNeighbourhoodId } from '../../src/app/demo/coordinators.js';
import { loadDemoData } from '../../src/app/demo/load-demo.js';

/** The id the demo gives a neighbourhood: tests open plans in real ones. */
export { demoNeighbourhoodId };
import { type Casebook, openCasebook } from '../../src/casebook.js';
import { type CasebookConfig, type InformationSharing, loadConfig } from '../../src/config.js';
import type { PersonKeyring } from '../../src/eventstore/person-keyring.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';

export type LogLine = Record<string, unknown> & { level: number; msg: string };

export interface TestServer {
  readonly url: string;
  readonly graphqlUrl: string;
  readonly config: CasebookConfig;
  readonly casebook: Casebook;
  /** Every JSON line the server's logger wrote, parsed. */
  readonly logs: LogLine[];
  token(request?: Partial<TokenRequest>): Promise<string>;
  /** POST a GraphQL request; returns the HTTP status, headers and parsed body. */
  graphql(query: string, options?: { token?: string | null; variables?: Record<string, unknown>; headers?: Record<string, string> }): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export interface GraphQLResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown>; locations?: unknown; path?: unknown }>;
  };
}

export interface TestServerOptions {
  readonly environment?: CasebookConfig['environment'];
  /** Wrap the opened Casebook, e.g. to make one of its parts fail. */
  readonly casebook?: (casebook: Casebook) => Casebook;
  readonly verifyToken?: ServerOptions['verifyToken'];
  /** Writes history into the store before Casebook opens it (and then no demo data is loaded). */
  readonly seed?: (store: SqliteEventStore) => Promise<void>;
  /** Load the demo partnership into the empty store, as `npm start` does. Default true. */
  readonly demo?: boolean;
  /** The server's clock; by default `testNow`, so the demo's dates and references are the same on every day the tests run. */
  readonly clock?: () => Date;
  /** The partnership's information-sharing configuration; by default Casebook's. */
  readonly informationSharing?: InformationSharing;
  /** A shared secret of the operator's own instead of the published development one. */
  readonly jwtSecret?: string;
  /** The people's keys, for a `seed` copied from a store written with its own keyring; by default one in memory. */
  readonly keyring?: PersonKeyring;
  /** Give the server the demo people's tokens, as `npm start` does, for the meeting page to list. Default false. */
  readonly developmentTokens?: boolean;
}

/** The instant the test server's clock reads: demo dates count back from it. */
export const testNow = new Date('2026-11-23T12:00:00.000Z');

export const testUser = { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], name: 'Megan Lloyd' } as const;

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const base = loadConfig({ NODE_ENV: 'test', ...(options.jwtSecret ? { JWT_SECRET: options.jwtSecret } : {}) });
  const config: CasebookConfig = { ...base, environment: options.environment ?? 'test' };
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      callback();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const store = new SqliteEventStore({ path: ':memory:' });
  await options.seed?.(store);
  const opened = await openCasebook({
    store,
    clock: options.clock ?? (() => testNow),
    ...(options.informationSharing ? { informationSharing: options.informationSharing } : {}),
    ...(options.keyring ? { keyring: options.keyring } : {}),
  });
  await opened.projections.whenCaughtUp();
  if (options.demo ?? true) {
    await loadDemoData(opened);
    const head = await store.headPosition();
    if (head) await opened.projections.waitFor(head);
  }
  const casebook = options.casebook ? options.casebook(opened) : opened;
  let server: RunningServer;
  try {
    server = await startServer({
      casebook,
      config,
      logger,
      port: 0,
      host: '127.0.0.1',
      ...(options.verifyToken ? { verifyToken: options.verifyToken } : {}),
      ...(options.developmentTokens ? { developmentTokens: await mintDevelopmentTokens(config) } : {}),
    });
  } catch (error) {
    await opened.close();
    throw error;
  }
  const graphqlUrl = `${server.url}/graphql`;
  const token = (request: Partial<TokenRequest> = {}) =>
    signDevelopmentToken(config, {
      userId: request.userId ?? testUser.userId,
      agencyId: request.agencyId ?? testUser.agencyId,
      roles: request.roles ?? testUser.roles,
      ...(request.name !== undefined ? { name: request.name } : { name: testUser.name }),
      ...(request.expiresIn ? { expiresIn: request.expiresIn } : {}),
    });
  let defaultToken: string | undefined;
  return {
    url: server.url,
    graphqlUrl,
    config,
    casebook,
    logs,
    token,
    async graphql(query, { token: given, variables, headers = {} } = {}) {
      const bearer = given === undefined ? (defaultToken ??= await token()) : given;
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: JSON.parse(text) as GraphQLResponse['body'] };
    },
    async close() {
      await server.close();
      await opened.close();
    },
  };
}
