/**
 * The HTTP face of Casebook: express serving graphql-yoga at /graphql, the
 * health endpoints, the co-ordination meeting page at /meeting and a page of
 * links at /.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import express, { type NextFunction, type Request, type Response } from 'express';
import { type ExecutionArgs, type ExecutionResult, getOperationAST, getVariableValues, GraphQLError, type ValidationContext } from 'graphql';
import { createYoga, handleStreamOrSingleExecutionResult, maskError as yogaMaskError, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Casebook } from '../casebook.js';
import type { CasebookConfig } from '../config.js';
import { type Principal, type TokenVerifier, tokenVerifier, Unauthenticated } from './auth.js';
import { type GraphQLContext, recordsInSightOf } from './context.js';
import type { DevelopmentToken } from './development-tokens.js';
import { buildSchema } from './schema/index.js';

/**
 * What the compiled path takes: queries and mutations whose variables are
 * good. graphql-js answers bad variables as a request error (HTTP 400, naming
 * the value) where the compiled path would answer 200, and subscriptions stay
 * on graphql-js's own, long-lived path.
 */
function compilable(args: ExecutionArgs): boolean {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation || operation.operation === 'subscription') return false;
  if (!operation.variableDefinitions?.length) return true;
  return getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {}).errors === undefined;
}

/** The defect in an error, if it is one: errors raised on purpose are GraphQLErrors all the way down. */
function unexpectedErrorIn(error: unknown): unknown {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return undefined;
  return original ?? error;
}

function maskedError(error: unknown, correlationId: string | undefined): GraphQLError {
  return new GraphQLError('Unexpected error: the request was not completed. Quote the correlation id to support.', {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(correlationId ? { correlationId } : {}) },
  });
}

/**
 * A defect inside execution (anything not raised on purpose as a GraphQLError)
 * is masked for the client and logged whole under the request's correlation
 * id, which the context carries. It runs before yoga's own masking, which then
 * passes the masked error through. (yoga's maskError is not given the
 * request; reaching it through AsyncLocalStorage turned on promise hooks for
 * every promise in the process: about 7% of a plan query's CPU, bench/api.)
 */
function useUnexpectedErrorMasking(logger: Logger): Plugin<GraphQLContext> {
  const masked = (ctx: GraphQLContext, result: ExecutionResult): ExecutionResult | undefined => {
    if (!result.errors?.some((e) => unexpectedErrorIn(e) !== undefined)) return undefined;
    const errors = result.errors.map((error) => {
      const unexpected = unexpectedErrorIn(error);
      if (unexpected === undefined) return error;
      logger.error({ err: unexpected, correlationId: ctx.correlationId }, 'unexpected error');
      return maskedError(error, ctx.correlationId);
    });
    return { ...result, errors };
  };
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: (payload) =>
        handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
          const replaced = masked(args.contextValue, result);
          if (replaced) setResult(replaced);
        }),
    }),
    onSubscribe: ({ args }) => ({
      onSubscribeResult: (payload) =>
        handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
          const replaced = masked(args.contextValue, result);
          if (replaced) setResult(replaced);
        }),
    }),
  };
}

/** Limits sized for a connection-heavy schema (STACK-NOTES.md): deep enough for plan -> actions -> edges -> node. */
export const queryLimits = {
  maxDepth: 10,
  maxCost: 5_000,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2_000,
} as const;

/**
 * graphql-armor's validation rules throw their refusal by default, which escapes
 * validation: the client got HTTP 200, no `data` and no error code. Reported
 * through the validation context instead, a refusal is a validation error like
 * any other: code GRAPHQL_VALIDATION_FAILED, HTTP 400 under graphql-response+json.
 */
const refuseAsValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

const CORRELATION_ID = /^[A-Za-z0-9._:-]{8,128}$/;

interface ServerLocals {
  correlationId: string;
  principal?: Principal;
}

export interface ServerOptions {
  readonly casebook: Casebook;
  readonly config: Pick<CasebookConfig, 'environment' | 'tokens' | 'jwtIssuer' | 'jwtAudience'>;
  readonly logger: Logger;
  /** Shown in GraphiQL's header editor in development, so a newcomer's first query works. */
  readonly graphiqlToken?: string;
  /** Listed by the meeting page to sign in with, outside production: the same tokens `npm start` prints. */
  readonly developmentTokens?: readonly DevelopmentToken[];
  /** Where the built pages are (`npm run build` writes dist/web); by default the package's own dist/web. */
  readonly webRoot?: string;
  readonly verifyToken?: TokenVerifier;
}

/**
 * dist/web of the package this file belongs to. Built, this file is
 * dist/src/api/server.js; under the tests it is src/api/server.ts: the
 * package root is the nearest folder above it with a package.json.
 */
function packagedWebRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return join(folder, 'dist', 'web');
}

/**
 * The pages load nothing but their own files and talk to nothing but this
 * server: no inline script or style (so injected markup cannot run), no
 * framing, no third-party origin. GraphiQL, a development tool that loads
 * from a CDN, is not under it.
 */
const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // A hall's laptop keeps what it loaded: revalidated each time, so a new build is seen at once.
  'Cache-Control': 'no-cache',
};

function withPageHeaders(res: { setHeader(name: string, value: string): unknown }): void {
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) res.setHeader(name, value);
}

export function createApp(options: ServerOptions): express.Express {
  const { casebook, config, logger } = options;
  const production = config.environment === 'production';
  const verifyToken = options.verifyToken ?? tokenVerifier(config);

  const yoga = createYoga<{ req: Request; res: Response }, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: false,
    graphiql: production
      ? false
      : {
          title: 'Casebook GraphiQL',
          defaultQuery: '{\n  me {\n    userId\n    name\n    agency { id name }\n    roles\n  }\n}\n',
          ...(options.graphiqlToken ? { headers: JSON.stringify({ Authorization: `Bearer ${options.graphiqlToken}` }, null, 2) } : {}),
        },
    context: ({ res }) => {
      const locals = res.locals as ServerLocals;
      // The auth middleware ran first; a request reaching here without a principal is a GraphiQL page load.
      const principal = locals.principal as Principal;
      let requestLog: Logger | undefined;
      return {
        principal,
        correlationId: locals.correlationId,
        casebook,
        records: recordsInSightOf(casebook, principal, locals.correlationId),
        // Made on first use: most requests log nothing, and a child logger per request is not free.
        get log() {
          requestLog ??= logger.child({ correlationId: locals.correlationId, agency: principal?.agencyId, user: principal?.userId });
          return requestLog;
        },
      };
    },
    maskedErrors: {
      // The last resort, for a defect outside execution (which useUnexpectedErrorMasking covers with the request's
      // correlation id): masked all the same, logged whole; the response's x-correlation-id header still names the request.
      maskError(error, message, isDev) {
        const unexpected = unexpectedErrorIn(error);
        if (unexpected === undefined) return error as GraphQLError;
        logger.error({ err: unexpected }, 'unexpected error');
        return maskedError(yogaMaskError(error, message, isDev && !production), undefined);
      },
    },
    plugins: [
      useUnexpectedErrorMasking(logger),
      EnvelopArmorPlugin({
        maxDepth: { n: queryLimits.maxDepth, ...refuseAsValidationError },
        costLimit: { maxCost: queryLimits.maxCost, ...refuseAsValidationError },
        maxAliases: { n: queryLimits.maxAliases, ...refuseAsValidationError },
        maxDirectives: { n: queryLimits.maxDirectives, ...refuseAsValidationError },
        maxTokens: { n: queryLimits.maxTokens },
        blockFieldSuggestion: { enabled: production },
      }),
      ...(production ? [useDisableIntrospection()] : []),
      // Compiles each distinct query once into plain JavaScript: bench/api's plan query costs about a quarter less CPU.
      useGraphQlJit({}, { enableIf: compilable }),
    ],
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.header('x-correlation-id');
    const correlationId = given && CORRELATION_ID.test(given) ? given : randomUUID();
    (res.locals as ServerLocals).correlationId = correlationId;
    res.setHeader('x-correlation-id', correlationId);
    // The request line is logged at debug only: at info, watching every response finish is cost for nothing.
    if (!logger.isLevelEnabled('debug')) return next();
    const started = process.hrtime.bigint();
    // Read now: by the time the response finishes, a mounted route (app.use('/graphql')) has rewritten req.path to '/'.
    const path = req.path;
    res.on('finish', () => {
      const locals = res.locals as ServerLocals;
      logger.debug(
        {
          correlationId,
          method: req.method,
          path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          agency: locals.principal?.agencyId,
          user: locals.principal?.userId,
        },
        'request',
      );
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', (_req, res) => {
    const status = casebook.projections.status();
    const reactions = casebook.reactions.status();
    // A reactor stuck retrying leaves plans behind their actions: not ready, though every read model is whole.
    const ready = status.running && status.caughtUp && status.faults.length === 0 && reactions.failing === null;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      store: casebook.store.kind,
      projections: {
        caughtUp: status.caughtUp,
        position: status.position ? status.position.commit.toString() : null,
        eventsApplied: status.eventsApplied,
        faults: status.faults.map((f) => ({ ...f, position: f.position.commit.toString() })),
      },
      actionNewsReactor: {
        position: reactions.position ? reactions.position.commit.toString() : null,
        failing: reactions.failing ? { ...reactions.failing, position: reactions.failing.position.commit.toString() } : null,
      },
    });
  });

  app.use(yoga.graphqlEndpoint, async (req: Request, res: Response, next: NextFunction) => {
    const locals = res.locals as ServerLocals;
    const wantsGraphiQL = !production && req.method === 'GET' && (req.header('accept') ?? '').includes('text/html');
    const header = req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      if (wantsGraphiQL) return next();
      return unauthorized(res, 'Send a bearer token: Authorization: Bearer <token>.', false);
    }
    try {
      locals.principal = await verifyToken(match[1]!);
      return next();
    } catch (error) {
      if (error instanceof Unauthenticated) return unauthorized(res, `Unauthenticated: ${error.message}.`, true);
      return next(error);
    }
  });

  app.use(yoga.graphqlEndpoint, (req: Request, res: Response) => yoga(req, res, { req, res }));

  const webRoot = options.webRoot ?? packagedWebRoot();
  // Listed over HTTP only with the published development secret, with which anyone can sign tokens anyway: a secret
  // of the operator's own (JWT_SECRET) makes these tokens worth something, and then only `npm start`'s console shows them.
  const publishedSecret = config.tokens.kind === 'shared-secret' && config.tokens.isDevelopmentDefault;
  const developmentTokens = production || !publishedSecret ? [] : (options.developmentTokens ?? []);

  // The meeting page asks for these; in production it is told there are none, and offers only a pasted token.
  app.get('/meeting/development-tokens.json', (_req: Request, res: Response) => {
    withPageHeaders(res);
    res.setHeader('Cache-Control', 'no-store');
    res.json(developmentTokens.map(({ user, token }) => ({ name: user.name, job: user.job, agencyId: user.agencyId, role: user.role, token })));
  });

  // The page of links at /, and the meeting page at /meeting/ (/meeting redirects there, so its files load relative to it).
  app.use(express.static(webRoot, { index: 'index.html', redirect: true, dotfiles: 'ignore', setHeaders: (res) => withPageHeaders(res) }));
  app.get(['/', '/meeting', '/meeting/'], (_req: Request, res: Response) => {
    res.status(404).json({ error: `Casebook's pages are not built (${webRoot} has none): run npm run build.` });
  });

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'Not found. Casebook serves /graphql, /meeting (the co-ordination meeting page), / (links to both), /healthz and /readyz.' });
  });

  // Express's last resort: never a stack trace to the client.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const correlationId = (res.locals as ServerLocals).correlationId;
    logger.error({ err: error, correlationId }, 'unexpected error');
    if (!res.headersSent) res.status(500).json({ errors: [{ message: 'Unexpected error', extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId } }] });
  });

  return app;
}

/** RFC 6750 section 3.1: a request without credentials gets the challenge alone, one with a bad token `invalid_token`. */
function unauthorized(res: Response, message: string, tokenGiven: boolean): void {
  res
    .status(401)
    .setHeader('WWW-Authenticate', tokenGiven ? 'Bearer realm="casebook", error="invalid_token"' : 'Bearer realm="casebook"')
    .json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Resolves once every connection is closed; requests still running after `graceMs` are cut. */
  close(graceMs?: number): Promise<void>;
}

export async function startServer(options: ServerOptions & { port: number; host?: string }): Promise<RunningServer> {
  const app = createApp(options);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host ?? '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : 'localhost';
  return {
    url: `http://${host}:${port}`,
    port,
    // Stop taking connections and let requests in progress finish (a mutation's caller must hear how its write went);
    // idle keep-alive connections go at once, and whatever is still running after the grace period is cut.
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close((error) => {
          clearTimeout(cut);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
