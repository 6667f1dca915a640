/**
 * Casebook's GraphQL API, reached as any partner's client reaches it: POST
 * /graphql with a bearer token. The page has no other way in.
 */

/** The token is missing, expired or not accepted: the person signs in again. */
export class SignInNeeded extends Error {
  override readonly name = 'SignInNeeded';
}

/** No answer from Casebook: the network, or the server is down. */
export class CasebookUnreachable extends Error {
  override readonly name = 'CasebookUnreachable';
}

/** Casebook answered, but refused the request as a whole (a query error, a cost limit, an unexpected error). */
export class RequestRefused extends Error {
  override readonly name = 'RequestRefused';
  constructor(
    message: string,
    readonly correlationId: string | null,
  ) {
    super(message);
  }
}

interface GraphQLBody {
  readonly data?: unknown;
  readonly errors?: ReadonlyArray<{ readonly message: string; readonly extensions?: { readonly code?: string; readonly correlationId?: string } }>;
}

export class CasebookApi {
  constructor(
    private readonly endpoint: string,
    private readonly token: string,
  ) {}

  /** The `data` of the answer; anything else (no answer, HTTP 401, a GraphQL error) is thrown as one of the errors above. */
  async request<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          authorization: `Bearer ${this.token}`,
        },
        body: JSON.stringify({ query: document, variables }),
      });
    } catch {
      throw new CasebookUnreachable('Casebook could not be reached: check the connection, then try again.');
    }
    let body: GraphQLBody;
    try {
      body = (await response.json()) as GraphQLBody;
    } catch {
      throw new RequestRefused(`Casebook answered HTTP ${response.status} without a GraphQL answer.`, response.headers.get('x-correlation-id'));
    }
    const firstError = body.errors?.[0];
    if (response.status === 401) throw new SignInNeeded(firstError?.message ?? 'Sign in again: the token was not accepted.');
    if (firstError || body.data === undefined || body.data === null) {
      const correlationId = firstError?.extensions?.correlationId ?? response.headers.get('x-correlation-id');
      throw new RequestRefused(firstError?.message ?? `Casebook answered HTTP ${response.status} with no data.`, correlationId);
    }
    return body.data as T;
  }
}

/**
 * A random idempotency key. `crypto.randomUUID` exists only on https or
 * localhost; a hall's laptop may reach Casebook over plain http on the local
 * network, where `getRandomValues` still works.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
