/**
 * The whole server through HTTP: express + graphql-yoga + graphql-armor on a
 * random port, over the real embedded SQLite store. What a partner's client
 * (or an attacker) would see, with exact values.
 */
import { base64url, decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/api/auth.js';
import { queryLimits } from '../../src/api/server.js';
import type { CasebookConfig } from '../../src/config.js';
import type { ProjectionRunner } from '../../src/projections/runner.js';
import { newEvent } from '../support/events.js';
import { type GraphQLResponse, startTestServer, type TestServer, testUser } from '../support/server.js';

const ME = '{ me { userId name agency { id name } roles } }';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MASKED_MESSAGE = 'Unexpected error: the request was not completed. Quote the correlation id to support.';

let dev: TestServer;
let prod: TestServer;

beforeAll(async () => {
  [dev, prod] = await Promise.all([startTestServer({ environment: 'development' }), startTestServer({ environment: 'production' })]);
});

afterAll(async () => {
  await Promise.all([dev?.close(), prod?.close()]);
});

function secretOf(config: CasebookConfig): Uint8Array {
  if (config.tokens.kind !== 'shared-secret') throw new Error('the test servers sign their own tokens');
  return config.tokens.secret;
}

/** A token built by hand with jose, to say things signDevelopmentToken never would. */
async function handMadeToken(
  claims: Record<string, unknown>,
  { secret = secretOf(dev.config), audience = dev.config.jwtAudience }: { secret?: Uint8Array; audience?: string } = {},
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(testUser.userId).setAudience(audience).setIssuedAt().setExpirationTime('1h').sign(secret);
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function postRaw(server: TestServer, body: string, headers: Record<string, string>, method = 'POST'): Promise<Response> {
  return fetch(server.graphqlUrl, { method, headers, body });
}

describe('health endpoints', () => {
  it('/healthz answers 200 {status: ok} without a token', async () => {
    const response = await getJson(`${dev.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 ready once the projections have caught up with the history in the store', async () => {
    const server = await startTestServer({
      seed: async (store) => {
        await store.append('plan-7d1f7a43-3f0c-4a55-9d8e-2f1f1c0c0a01', [newEvent('PlanOpened'), newEvent('PlanScanned')], { expectedRevision: 'no_stream' });
        await store.append('action-0b6c3d1e-8a43-4d6e-b7a5-5c1d0f7e9a02', [newEvent('ActionAgreed')], { expectedRevision: 'no_stream' });
      },
    });
    try {
      const response = await getJson(`${server.url}/readyz`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'ready',
        store: 'sqlite',
        projections: { caughtUp: true, position: '3', eventsApplied: 3, faults: [] },
        actionNewsReactor: { failing: null },
      });
    } finally {
      await server.close();
    }
  });

  it('/readyz answers 503 not ready once the projections have stopped', async () => {
    const server = await startTestServer({ demo: false });
    try {
      await server.casebook.projections.stop();
      const response = await getJson(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ status: 'not ready', store: 'sqlite', projections: { caughtUp: true, position: null, eventsApplied: 0, faults: [] } });
    } finally {
      await server.close();
    }
  });

  it('/readyz answers 503 not ready, naming the fault, while the plan-action reactor is stuck retrying', async () => {
    const failing = { position: { commit: 7n, prepare: 7n }, eventType: 'ActionAssigned', error: 'SQLITE_FULL: database or disk is full' };
    const server = await startTestServer({
      demo: false,
      casebook: (casebook) => ({ ...casebook, reactions: Object.assign(Object.create(casebook.reactions) as typeof casebook.reactions, { status: () => ({ position: null, failing }) }) }),
    });
    try {
      const response = await getJson(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ status: 'not ready', actionNewsReactor: { failing: { eventType: 'ActionAssigned', position: '7', error: 'SQLITE_FULL: database or disk is full' } } });
    } finally {
      await server.close();
    }
  });

  it('an unknown path is a JSON 404, not an HTML page', async () => {
    const response = await getJson(`${dev.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Not found. Casebook serves /graphql, /meeting (the co-ordination meeting page), / (links to both), /healthz and /readyz.' });
  });
});

describe('me: the caller as their token names them', () => {
  it('names the agency and its lead contact from the partnership register', async () => {
    const response = await dev.graphql('{ me { agency { id name leadContact } } }', { token: await dev.token({ userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'] }) });
    expect(response.body).toEqual({ data: { me: { agency: { id: 'housing', name: 'Wakefield District Housing', leadContact: 'Amira Hussain' } } } });
  });

  it('shows an agency the register does not list by its id, with no lead contact', async () => {
    const response = await dev.graphql('{ me { agency { id name leadContact } } }', { token: await dev.token({ userId: 'pat.lee', agencyId: 'probation', roles: ['partner'] }) });
    expect(response.body).toEqual({ data: { me: { agency: { id: 'probation', name: 'probation', leadContact: null } } } });
  });

  it('answers the user, their agency (id and name) and roles for a development token', async () => {
    const response = await dev.graphql(ME);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: { me: { userId: 'megan.lloyd', name: 'Megan Lloyd', agency: { id: 'council', name: 'Wakefield Council ASB Team' }, roles: ['partner'] } },
    });
  });

  it('answers a different person for a different token, and the user id as the name when the token carries none', async () => {
    const token = await dev.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator', 'supervisor'], name: '' });
    expect(decodeJwt(token)).not.toHaveProperty('name');
    const response = await dev.graphql(ME, { token });
    expect(response.body).toEqual({
      data: {
        me: {
          userId: 'sarah.khan',
          name: 'sarah.khan',
          agency: { id: 'police', name: 'West Yorkshire Police (Neighbourhood Policing Team)' },
          roles: ['coordinator', 'supervisor'],
        },
      },
    });
  });
});

describe('authentication', () => {
  it('refuses a request without an Authorization header: 401, UNAUTHENTICATED, a Bearer challenge without an error code', async () => {
    const response = await dev.graphql(ME, { token: null });
    expect(response.status).toBe(401);
    // RFC 6750 3.1: no credentials at all gets the challenge alone.
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="casebook"');
    expect(response.body).toEqual({ errors: [{ message: 'Send a bearer token: Authorization: Bearer <token>.', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('refuses another authentication scheme the same way', async () => {
    const response = await dev.graphql(ME, { token: null, headers: { authorization: 'Basic bWVnYW46cGFzc3dvcmQ=' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="casebook"');
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  const NOT_VALID = 'Unauthenticated: the token is not valid.';
  const NO_CLAIMS = 'Unauthenticated: the token does not name a user, an agency and roles.';

  const badTokens: Array<[string, () => Promise<string>, string]> = [
    ['an expired token', () => dev.token({ expiresIn: '-60s' }), 'Unauthenticated: the token has expired.'],
    [
      'a token whose payload was edited (partner made coordinator)',
      async () => {
        const [header, payload, signature] = (await dev.token()).split('.') as [string, string, string];
        const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
        expect(claims.roles).toEqual(['partner']);
        return [header, base64url.encode(JSON.stringify({ ...claims, roles: ['coordinator'] })), signature].join('.');
      },
      NOT_VALID,
    ],
    [
      'a token with one character of its signature changed',
      async () => {
        const token = await dev.token();
        const at = token.lastIndexOf('.') + 10;
        return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      },
      NOT_VALID,
    ],
    [
      'a token signed with another secret',
      () => handMadeToken({ agency: 'council', roles: ['partner'] }, { secret: new TextEncoder().encode('somebody-elses-secret-of-at-least-32-characters') }),
      NOT_VALID,
    ],
    ['a token for another audience', () => handMadeToken({ agency: 'council', roles: ['partner'] }, { audience: 'another-service' }), NOT_VALID],
    [
      'an unsigned token (alg none)',
      async () => {
        const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
        const now = Math.floor(Date.now() / 1000);
        const payload = base64url.encode(JSON.stringify({ sub: 'megan.lloyd', agency: 'council', roles: ['coordinator'], aud: 'casebook', iat: now, exp: now + 3600 }));
        return `${header}.${payload}.`;
      },
      NOT_VALID,
    ],
    ['a token with a role Casebook does not know', () => handMadeToken({ agency: 'council', roles: ['superuser'] }), NO_CLAIMS],
    ['a token without an agency', () => handMadeToken({ roles: ['partner'] }), NO_CLAIMS],
    ['a token without roles', () => handMadeToken({ agency: 'council', roles: [] }), NO_CLAIMS],
    ['something that is not a JWT at all', async () => 'not-a-jwt', NOT_VALID],
  ];

  it.each(badTokens)('refuses %s with 401 and says why', async (_label, makeToken, message) => {
    const response = await dev.graphql(ME, { token: await makeToken() });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="casebook", error="invalid_token"');
    expect(response.body).toEqual({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('the hand-made tokens above are refused for what is wrong with them, not for how they are made', async () => {
    const response = await dev.graphql(ME, { token: await handMadeToken({ agency: 'council', roles: ['partner'] }) });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      me: { userId: 'megan.lloyd', name: 'megan.lloyd', agency: { id: 'council', name: 'Wakefield Council ASB Team' }, roles: ['partner'] },
    });
  });
});

describe('query limits (graphql-armor)', () => {
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { userId }`).join(' ')} }`;
  /** `__type` is not exempt from the depth limit (only `__schema` is): depth = 4 + ofTypes. */
  const nested = (ofTypes: number) => `{ __type(name: "Me") { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } }`;

  function expectRefused(response: GraphQLResponse, message: string, code: string): void {
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]).toMatchObject({ message, extensions: { code } });
  }

  it(`accepts ${queryLimits.maxAliases} aliases and refuses ${queryLimits.maxAliases + 1} with 400 and a validation error`, async () => {
    const atLimit = await dev.graphql(aliases(queryLimits.maxAliases));
    expect(atLimit.status).toBe(200);
    expect(Object.keys(atLimit.body.data ?? {})).toHaveLength(queryLimits.maxAliases);
    expect(atLimit.body.data?.a14).toEqual({ userId: 'megan.lloyd' });

    expectRefused(await dev.graphql(aliases(16)), 'Syntax Error: Aliases limit of 15 exceeded, found 16.', 'GRAPHQL_VALIDATION_FAILED');
  });

  it(`accepts depth ${queryLimits.maxDepth} and refuses depth ${queryLimits.maxDepth + 1}`, async () => {
    const atLimit = await dev.graphql(nested(queryLimits.maxDepth - 4));
    expect(atLimit.status).toBe(200);
    expect(atLimit.body.errors).toBeUndefined();
    // Me has four fields: userId, name, agency, roles.
    expect((atLimit.body.data?.__type as { fields: unknown[] }).fields).toHaveLength(4);

    expectRefused(await dev.graphql(nested(queryLimits.maxDepth - 3)), 'Syntax Error: Query depth limit of 10 exceeded, found 11.', 'GRAPHQL_VALIDATION_FAILED');
  });

  it(`refuses a document of more than ${queryLimits.maxTokens} tokens before validating it`, async () => {
    const fine = await dev.graphql(`{ me { ${'userId '.repeat(700)}} }`);
    expect(fine.status).toBe(200);
    expect(fine.body.data).toEqual({ me: { userId: 'megan.lloyd' } });

    expectRefused(await dev.graphql(`{ me { ${'userId '.repeat(2_100)}} }`), 'Syntax Error: Token limit of 2000 exceeded.', 'GRAPHQL_PARSE_FAILED');
  });

  it('answers a refusal to a client asking for plain application/json with a 200 and the error, never a 500', async () => {
    const response = await dev.graphql(aliases(16), { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.body.errors?.[0]).toMatchObject({
      message: 'Syntax Error: Aliases limit of 15 exceeded, found 16.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});

describe('introspection and field suggestions', () => {
  const SCHEMA_QUERY = '{ __schema { types { name } } }';

  it('works in development', async () => {
    const response = await dev.graphql(SCHEMA_QUERY);
    expect(response.status).toBe(200);
    const names = ((response.body.data?.__schema as { types: Array<{ name: string }> }).types ?? []).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Query', 'Me', 'Agency', 'Role', 'RuleViolation']));
  });

  it('is refused in production, for __schema and __type alike', async () => {
    const schema = await prod.graphql(SCHEMA_QUERY);
    expect(schema.status).toBe(400);
    expect(schema.body.data).toBeUndefined();
    expect(schema.body.errors?.[0]).toMatchObject({
      message: 'GraphQL introspection has been disabled, but the requested query contained the field "__schema".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(JSON.stringify(schema.body)).not.toContain('RuleViolation');

    const type = await prod.graphql('{ __type(name: "Me") { fields { name } } }');
    expect(type.status).toBe(400);
    expect(type.body.data).toBeUndefined();
    expect(JSON.stringify(type.body)).not.toContain('userId');
  });

  it('does not suggest field names in production ("Did you mean"), as development does', async () => {
    const misspelt = '{ me { userI } }';
    const inDevelopment = await dev.graphql(misspelt);
    expect(inDevelopment.body.errors?.[0]?.message).toBe('Cannot query field "userI" on type "Me". Did you mean "userId"?');

    const inProduction = await prod.graphql(misspelt);
    expect(inProduction.status).toBe(400);
    expect(inProduction.body.errors).toEqual([
      { message: 'Cannot query field "userI" on type "Me". [Suggestion hidden]', locations: [{ line: 1, column: 8 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    expect(JSON.stringify(inProduction.body)).not.toContain('Did you mean');
    expect(JSON.stringify(inProduction.body)).not.toContain('userId');
  });
});

describe('unexpected errors are masked and logged with a correlation id', () => {
  const SECRET_DETAIL = 'display-name lookup failed: connection to 10.0.0.7 refused';

  /** A verifier whose principal fails when its display name is read: a defect inside a resolver. */
  const brokenPrincipal = async (): Promise<Principal> => ({
    userId: testUser.userId,
    agencyId: testUser.agencyId,
    roles: [...testUser.roles],
    get displayName(): string {
      throw new Error(SECRET_DETAIL);
    },
  });

  it('inside a resolver (development, where stacks would be most tempting): the client gets a sentence and the id; the log gets the error', async () => {
    const server = await startTestServer({ environment: 'development', verifyToken: brokenPrincipal });
    try {
      const correlationId = 'e2e-masked-0001';
      const response = await server.graphql('{ me { userId name } }', { headers: { 'x-correlation-id': correlationId } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-correlation-id')).toBe(correlationId);
      // No `locations`: the compiled execution path (graphql-jit) leaves them out, which the spec allows.
      expect(response.body).toEqual({
        data: null,
        errors: [{ message: MASKED_MESSAGE, path: ['me', 'name'], extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId } }],
      });
      const text = JSON.stringify(response.body);
      expect(text).not.toContain('10.0.0.7');
      expect(text).not.toContain('stack');
      expect(text).not.toContain('originalError');

      const logged = server.logs.filter((line) => line.msg === 'unexpected error');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: 50, correlationId, err: { type: 'Error', message: SECRET_DETAIL } });
      expect(String((logged[0]!.err as { stack: string }).stack)).toContain(`Error: ${SECRET_DETAIL}`);
    } finally {
      await server.close();
    }
  });

  it('the id the server generates is the one in the header, in the error and in the log', async () => {
    const server = await startTestServer({ environment: 'production', verifyToken: brokenPrincipal });
    try {
      const response = await server.graphql('{ me { name } }');
      const correlationId = response.headers.get('x-correlation-id');
      expect(correlationId).toMatch(UUID);
      expect(response.body.errors?.[0]?.message).toBe(MASKED_MESSAGE);
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', correlationId });
      expect(server.logs.filter((line) => line.msg === 'unexpected error').map((line) => line.correlationId)).toEqual([correlationId]);
    } finally {
      await server.close();
    }
  });

  it('outside GraphQL (a failing /readyz): 500 with the id and no detail; the log gets the error', async () => {
    const server = await startTestServer({
      casebook: (casebook) => {
        const projections = Object.create(casebook.projections, {
          status: {
            value: () => {
              throw new Error(SECRET_DETAIL);
            },
          },
        }) as ProjectionRunner;
        return { ...casebook, projections };
      },
    });
    try {
      const response = await getJson(`${server.url}/readyz`, { 'x-correlation-id': 'e2e-readyz-0002' });
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ errors: [{ message: 'Unexpected error', extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'e2e-readyz-0002' } }] });
      const logged = server.logs.filter((line) => line.msg === 'unexpected error');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: 50, correlationId: 'e2e-readyz-0002', err: { message: SECRET_DETAIL } });
    } finally {
      await server.close();
    }
  });
});

describe('correlation ids', () => {
  it('echoes the id a client sends, on every route and on refusals', async () => {
    const id = 'client-req:42.abc_DEF';
    expect((await fetch(`${dev.url}/healthz`, { headers: { 'x-correlation-id': id } })).headers.get('x-correlation-id')).toBe(id);
    expect((await dev.graphql(ME, { headers: { 'x-correlation-id': id } })).headers.get('x-correlation-id')).toBe(id);
    expect((await dev.graphql(ME, { token: null, headers: { 'x-correlation-id': id } })).headers.get('x-correlation-id')).toBe(id);
  });

  it('generates a fresh one when none is sent, and replaces one that is too short or carries odd characters', async () => {
    const first = (await fetch(`${dev.url}/healthz`)).headers.get('x-correlation-id');
    const second = (await fetch(`${dev.url}/healthz`)).headers.get('x-correlation-id');
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
    for (const bad of ['abc', 'has spaces in it', 'x'.repeat(129), 'inject\\"quote"here']) {
      const echoed = (await fetch(`${dev.url}/healthz`, { headers: { 'x-correlation-id': bad } })).headers.get('x-correlation-id');
      expect(echoed).toMatch(UUID);
    }
  });

  it('writes the request log line with the id, the path, the status and the caller', async () => {
    const id = 'e2e-request-log-0003';
    await dev.graphql('{ me { userId } }', { headers: { 'x-correlation-id': id } });
    await expect.poll(() => dev.logs.find((line) => line.msg === 'request' && line.correlationId === id)).toMatchObject({
      method: 'POST',
      path: '/graphql',
      status: 200,
      agency: 'council',
      user: 'megan.lloyd',
    });
  });
});

describe('malformed requests never answer 500', () => {
  const GRAPHQL_RESPONSE = 'application/graphql-response+json';
  const cases: Array<{ name: string; body: string; contentType?: string; method?: string; status: number; message?: string; code?: string }> = [
    { name: 'a body that is not JSON', body: '{"query": ', status: 400, message: 'POST body sent invalid JSON.', code: 'BAD_REQUEST' },
    { name: 'a query that is not a string', body: '{"query": 42}', status: 400, message: 'Expected "query" param to be a string, but given number.', code: 'BAD_REQUEST' },
    { name: 'no query at all', body: '{}', status: 400, message: 'Must provide query string.', code: 'BAD_REQUEST' },
    { name: 'a query that does not parse', body: JSON.stringify({ query: '{ me { ' }), status: 400, message: 'Syntax Error: Expected Name, found <EOF>.', code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'variables that are not an object', body: JSON.stringify({ query: '{ me { userId } }', variables: 'x' }), status: 400, code: 'BAD_REQUEST' },
    { name: 'a batch (an array)', body: '[{"query": "{ me { userId } }"}]', status: 400, message: 'Batching is not supported.', code: 'BAD_REQUEST' },
    { name: 'a JSON body that is not an object', body: '"{ me { userId } }"', status: 400, code: 'BAD_REQUEST' },
    { name: 'an unsupported content type', body: '{ me { userId } }', contentType: 'text/plain', status: 415 },
    { name: 'an unsupported method', body: '{"query":"{ me { userId } }"}', method: 'PUT', status: 405, code: 'BAD_REQUEST' },
  ];

  it.each(cases)('$name -> $status', async ({ body, contentType = 'application/json', method = 'POST', status, message, code }) => {
    const token = await dev.token();
    for (const accept of [GRAPHQL_RESPONSE, 'application/json']) {
      const response = await postRaw(dev, body, { 'content-type': contentType, accept, authorization: `Bearer ${token}` }, method);
      const text = await response.text();
      expect(response.status, `${accept}: ${text}`).toBeLessThan(500);
      if (accept !== GRAPHQL_RESPONSE) continue;
      expect(response.status, text).toBe(status);
      if (!code) continue;
      const errors = (JSON.parse(text) as GraphQLResponse['body']).errors;
      expect(errors?.[0]?.extensions?.code).toBe(code);
      if (message) expect(errors?.[0]?.message).toBe(message);
    }
    expect(dev.logs.filter((line) => line.msg === 'unexpected error')).toEqual([]);
  });
});

describe('GraphiQL', () => {
  it('is served without a token in development', async () => {
    const response = await fetch(dev.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>Casebook GraphiQL</title>');
  });

  it('a page load is not a way round authentication: a query in the URL of a page load is not run', async () => {
    const response = await fetch(`${dev.graphqlUrl}?query=${encodeURIComponent('{ me { userId } }')}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<title>Casebook GraphiQL</title>');
    expect(page).not.toContain('megan.lloyd');
    expect(dev.logs.filter((line) => line.msg === 'unexpected error')).toEqual([]);
  });

  it('a GET query without a token is refused in development too', async () => {
    const response = await fetch(`${dev.graphqlUrl}?query=${encodeURIComponent('{ me { userId } }')}`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(401);
  });

  it('is not served in production: 401 without a token', async () => {
    const response = await fetch(prod.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="casebook"');
    expect(await response.json()).toEqual({ errors: [{ message: 'Send a bearer token: Authorization: Bearer <token>.', extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});
