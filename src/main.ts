#!/usr/bin/env node
/**
 * The command line: `casebook serve | token | seed | verify | export | disclosures`.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { signDevelopmentToken } from './api/auth.js';
import { type DevelopmentToken, mintDevelopmentTokens } from './api/development-tokens.js';
import { demoAgencies, demoUsers } from './app/demo/partnership.js';
import { loadDemoData } from './app/demo/load-demo.js';
import { exportDisclosures } from './app/disclosure-ledger.js';
import { exportRecord, isRecordReference, type RecordExport } from './app/record-export.js';
import { openCasebook, openConfiguredKeyring, openConfiguredStore } from './casebook.js';
import { type CasebookConfig, ConfigurationError, loadConfig } from './config.js';
import { agencyIdSchema, roleSchema } from './domain/shared/actor.js';
import { describeBreak, verifyStore } from './eventstore/chain.js';
import { EventStoreMissing } from './eventstore/sqlite.js';

const USAGE = `Usage: casebook <command> [options]

Commands:
  serve                         start the GraphQL server (the default)
  token --agency A --role R [--user U] [--name N] [--expires 30d]
                                print a development token (and nothing else)
  seed                          load the demo partnership into an empty store (a store with history is never touched)
  verify [--heads]              check every stream's hash chain; exit 1 naming each broken stream.
                                --heads also prints each stream's last revision and hash to keep.
  export <reference> [--out FILE]
                                write one plan's, ASB case's or action's whole history (PSP-, ASB-, ACT-2026-0001)
                                as JSON: every event, who and when, and its hash chain with how to recompute it.
                                To stdout, or FILE (a new one readable by you alone). It is the whole record, personal
                                data included (an ASB case's victims, witnesses and subjects; a resident who raised a
                                plan). Exit 1 for an unknown reference, or a broken chain (the document is still written).
  disclosures --person ID [--out FILE]
                                write every recorded disclosure of one person's personal data (the disclosure ledger:
                                who read what, when, from which case, on what gateway) as JSON, for a subject access
                                request. To stdout, or FILE (a new one readable by you alone).

Agencies: ${demoAgencies.map((a) => a.id).join(', ')}
Roles:    ${roleSchema.options.join(', ')}
Configuration is read from the environment: see README.md.`;

class UsageError extends Error {}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Ours, or node:util parseArgs refusing an unknown option or a missing value. */
function isUsageError(error: unknown): error is Error {
  return error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
}

async function serve(config: CasebookConfig): Promise<void> {
  // Loaded here, not at the top: `token` and `verify` need none of the GraphQL stack, and start twice as fast without it.
  const { startServer } = await import('./api/server.js');
  const logger = pino({ level: config.logLevel, base: { service: 'casebook' } });
  const store = await openConfiguredStore(config);
  const casebook = await openCasebook({
    store,
    keyring: openConfiguredKeyring(config, store),
    caseRules: config.caseRules,
    informationSharing: config.informationSharing,
    retention: config.retention,
    onProjectionFault: (fault) => logger.error({ fault }, 'a projection failed and stopped taking events'),
    onReactorFault: (fault) => logger.warn({ fault }, 'a plan or case did not take the news of one of its actions'),
    onSubscriptionDropped: (error) => logger.warn({ err: error }, 'the subscription to the event store dropped; resubscribing from the checkpoint'),
    onErasureFault: (error) => logger.error({ err: error }, 'an erasure recorded before the last stop could not be finished: the person’s key is still held; it is tried again at the next start'),
  });
  await casebook.projections.whenCaughtUp();
  // Nothing is served while an erased person's key survives: a stop between recording an erasure and destroying the key is finished first.
  const finished = await casebook.erasuresFinished;
  if (finished > 0) logger.warn({ erasures: finished }, 'erasures interrupted by the last stop finished: their keys are destroyed');
  if (config.loadDemo) {
    const loaded = await loadDemoData(casebook);
    if (loaded.streamsWritten > 0) logger.info({ streams: loaded.streamsWritten }, 'demo data loaded into the empty store');
  }
  const tokens = await mintDevelopmentTokens(config);
  const server = await startServer({
    casebook,
    config,
    logger,
    port: config.port,
    host: config.host,
    ...(tokens[0] ? { graphiqlToken: tokens[0].token } : {}),
    developmentTokens: tokens,
  });
  printBanner(config, server.url, tokens);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await server.close();
    await casebook.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function printBanner(config: CasebookConfig, url: string, tokens: readonly DevelopmentToken[]): void {
  const lines = [
    '',
    `Casebook is running on ${config.eventStoreConnectionString ? 'EventStoreDB' : `the embedded store (${config.dataDir})`}.`,
    '',
    `  Meeting:   ${url}/meeting   (the co-ordination meeting page${tokens.length > 0 ? ': sign in with a token below' : ''})`,
    `  GraphQL:   ${url}/graphql${config.environment === 'production' ? '' : '   (open it in a browser for GraphiQL)'}`,
    `  Health:    ${url}/healthz   ${url}/readyz`,
  ];
  if (tokens.length > 0) {
    lines.push('', 'Development tokens (valid 30 days; send as "Authorization: Bearer <token>"):', '');
    for (const { user, token } of tokens) {
      lines.push(`  ${user.agencyId.padEnd(8)} ${user.role.padEnd(12)} ${user.name} (${user.job})`, `    ${token}`);
    }
    const first = tokens[0]!;
    lines.push(
      '',
      `Try it (as ${first.user.name}, ${first.user.agencyId} ${first.user.role}):`,
      '',
      `  curl -s ${url}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${first.token}' -d '{"query":"{ me { userId name agency { id name } roles } }"}'`,
      '',
      'More tokens: npm run casebook -- token --agency council --role partner',
    );
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function token(config: CasebookConfig, args: string[]): Promise<void> {
  if (config.tokens.kind !== 'shared-secret') {
    throw new ConfigurationError('casebook token signs development tokens only: with JWKS_URL set, tokens come from your identity provider.');
  }
  const { values } = parseArgs({
    args,
    options: {
      agency: { type: 'string' },
      role: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string', default: '30d' },
    },
    strict: true,
  });
  const agency = agencyIdSchema.safeParse(values.agency);
  if (!values.agency || !agency.success || !demoAgencies.some((a) => a.id === values.agency)) {
    throw new UsageError(`--agency must be one of: ${demoAgencies.map((a) => a.id).join(', ')}`);
  }
  const role = roleSchema.safeParse(values.role);
  if (!role.success) throw new UsageError(`--role must be one of: ${roleSchema.options.join(', ')}`);
  if (!/^\d+[smhdw]$/.test(values.expires ?? '')) throw new UsageError('--expires is a number and a unit: 30m, 12h, 30d, 2w');
  const known = demoUsers.find((u) => u.agencyId === agency.data && u.role === role.data);
  const userId = values.user ?? known?.userId ?? `${role.data}.${agency.data}`;
  const name = values.name ?? (values.user ? undefined : known?.name);
  const jwt = await signDevelopmentToken(config, {
    userId,
    agencyId: agency.data,
    roles: [role.data],
    ...(name ? { name } : {}),
    expiresIn: values.expires!,
  });
  process.stdout.write(`${jwt}\n`);
}

async function seed(config: CasebookConfig): Promise<number> {
  const store = await openConfiguredStore(config);
  const casebook = await openCasebook({ store, keyring: openConfiguredKeyring(config, store), projections: [] });
  try {
    const { streamsWritten } = await loadDemoData(casebook);
    process.stdout.write(
      streamsWritten > 0
        ? `Demo data loaded: ${count(streamsWritten, 'stream')} written.\n`
        : 'The store already has history: demo data is loaded only into an empty store. Nothing was written.\n',
    );
    return streamsWritten > 0 ? 0 : 1;
  } finally {
    await casebook.close();
  }
}

async function verify(config: CasebookConfig, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { heads: { type: 'boolean', default: false } }, strict: true });
  const store = await openConfiguredStore(config, { mustExist: true });
  try {
    const { streams: verdicts, events, broken } = await verifyStore(store);
    for (const v of broken) {
      process.stdout.write(`BROKEN ${v.streamId}: ${describeBreak(v.firstBreak!)}\n`);
    }
    if (values.heads) {
      for (const v of verdicts) process.stdout.write(`${v.streamId}\t${v.headRevision}\t${v.headHash}\n`);
    }
    process.stdout.write(
      broken.length === 0
        ? `OK: ${count(verdicts.length, 'stream')}, ${count(events, 'event')}, every hash chain whole.\n`
        : `FAILED: ${broken.length} of ${count(verdicts.length, 'stream')} ${broken.length === 1 ? 'has' : 'have'} a broken hash chain.\n`,
    );
    return broken.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

async function exportCommand(config: CasebookConfig, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [reference, ...extra] = positionals;
  if (!reference || extra.length > 0) throw new UsageError('casebook export takes one reference, e.g. PSP-2026-0001, ASB-2026-0001 or ACT-2026-0001.');
  if (!isRecordReference(reference)) throw new UsageError(`"${reference}" is not a reference: use one such as PSP-2026-0001, ASB-2026-0001 or ACT-2026-0001.`);
  const store = await openConfiguredStore(config, { mustExist: true });
  const keyring = openConfiguredKeyring(config, store);
  let exported: RecordExport | null;
  try {
    exported = await exportRecord(store, keyring, reference, new Date());
  } finally {
    keyring.close();
    await store.close();
  }
  if (!exported) {
    process.stderr.write(`No plan, ASB case or action has the reference ${reference} in this store.\n`);
    return 1;
  }
  const json = `${JSON.stringify(exported, null, 2)}\n`;
  if (values.out) {
    // The whole record, personal data included: readable by the one who exported it.
    await writeFile(values.out, json, { mode: 0o600 });
    process.stdout.write(`Wrote ${reference} (${exported.streamId}, ${count(exported.events.length, 'event')}) to ${values.out}.\n`);
  } else {
    process.stdout.write(json);
  }
  const verdict = exported.chain.verifiedAtExport;
  if (!verdict.whole) {
    process.stderr.write(`BROKEN ${exported.streamId}: ${verdict.problem}\n`);
    return 1;
  }
  return 0;
}

async function disclosuresCommand(config: CasebookConfig, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { person: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.person) throw new UsageError('casebook disclosures takes --person and the person id.');
  const store = await openConfiguredStore(config, { mustExist: true });
  let exported: Awaited<ReturnType<typeof exportDisclosures>>;
  try {
    exported = await exportDisclosures(store, values.person, new Date());
  } finally {
    await store.close();
  }
  const json = `${JSON.stringify(exported, null, 2)}\n`;
  if (values.out) {
    // It names the person and who read their data: readable by the one who exported it.
    await writeFile(values.out, json, { mode: 0o600 });
    process.stdout.write(`Wrote ${count(exported.disclosures.length, 'disclosure')} of ${values.person} to ${values.out}.\n`);
  } else {
    process.stdout.write(json);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
    case 'token':
      await token(config, rest);
      return 0;
    case 'seed':
      return seed(config);
    case 'verify':
      return verify(config, rest);
    case 'export':
      return exportCommand(config, rest);
    case 'disclosures':
      return disclosuresCommand(config, rest);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

// `casebook verify --heads | head` stops reading early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigurationError || error instanceof EventStoreMissing) {
      process.stderr.write(`${error.message}\n`);
    } else if (isUsageError(error)) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    } else {
      process.stderr.write(`casebook: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    // A mistyped command line exits 2 whether we or parseArgs noticed it.
    process.exitCode = isUsageError(error) ? 2 : 1;
  },
);
