/**
 * Configuration comes from the environment and is checked once, at start-up,
 * so a mistyped value stops the process with a sentence instead of failing
 * the first request that needs it.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { caseReviewProcedureSchema, type CaseReviewProcedure } from './domain/asb-case/case-review.js';
import { sharingGatewaySchema, type SharingGateway } from './domain/disclosure/ledger.js';
import { agencyIdSchema } from './domain/shared/actor.js';
import { type RetentionRules, retentionRulesSchema } from './domain/shared/retention.js';
import { defaultReviewCadence, reviewCadenceSchema, type ReviewCadence } from './domain/asb-case/risk-assessment.js';
import { redactConnectionString } from './eventstore/connection-string.js';

const DEVELOPMENT_JWT_SECRET = 'casebook-development-secret-do-not-use-in-production';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'use true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** A JSON value in an environment variable, checked against its schema. */
function jsonOf<T extends z.ZodType>(schema: T, example: string) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `use JSON, e.g. ${example}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/**
 * The legal gateway each agency receives the people's personal data under,
 * recorded with every disclosure (the disclosure ledger): Crime and Disorder
 * Act 1998 s.115 or s.17A, DPA 2018 Part 3 (law enforcement), or consent.
 */
const informationSharingSchema = z.strictObject({
  gateways: z.record(agencyIdSchema, sharingGatewaySchema).default({}),
  default: sharingGatewaySchema.default('cda-s115'),
});

/** MoPI: how many years after a plan or a case closes its first retention review falls due (six by default). */
const retentionSchema = z.strictObject({
  plan: retentionRulesSchema.default({ firstReviewYears: 6 }),
  asbCase: retentionRulesSchema.default({ firstReviewYears: 6 }),
});

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'use development, production or test' }).default('development'),
    PORT: z.coerce.number({ message: 'use a port number' }).int().min(0).max(65_535).default(4000),
    // Loopback unless told otherwise: in development anyone who can reach the port can sign tokens with the published secret.
    HOST: z.string().min(1).default('127.0.0.1'),
    CASEBOOK_DATA_DIR: z.string().min(1).default('./data'),
    CASEBOOK_KEYRING_PATH: z.string().min(1).optional(),
    EVENTSTORE_CONNECTION_STRING: z
      .string()
      .regex(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//, 'use an esdb:// or kurrentdb:// connection string')
      .optional(),
    JWT_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
    JWKS_URL: z.url({ message: 'use an https URL of the identity provider’s JWKS' }).optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).default('casebook'),
    CASEBOOK_DEMO: booleanFlag.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CASEBOOK_RISK_REVIEWS: jsonOf(reviewCadenceSchema, '{"medium":[{"reviewer":"supervisor","everyDays":28}],"high":[{"reviewer":"supervisor","everyDays":14}]}').optional(),
    CASEBOOK_CASE_REVIEW_PROCEDURE: jsonOf(caseReviewProcedureSchema, '{"qualifyingComplaints":3,"hateIncident":{"enabled":true}}').optional(),
    CASEBOOK_INFORMATION_SHARING: jsonOf(informationSharingSchema, '{"gateways":{"police":"dpa-2018-part-3","housing":"cda-s115"},"default":"cda-s115"}').optional(),
    CASEBOOK_RETENTION: jsonOf(retentionSchema, '{"plan":{"firstReviewYears":6},"asbCase":{"firstReviewYears":6}}').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['JWKS_URL'], message: 'production verifies tokens against your identity provider: set JWKS_URL' });
    }
    if (env.NODE_ENV === 'production' && env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'production does not accept shared-secret tokens: unset JWT_SECRET and use JWKS_URL' });
    }
  });

export type TokenVerification =
  | { readonly kind: 'shared-secret'; readonly secret: Uint8Array; readonly isDevelopmentDefault: boolean }
  | { readonly kind: 'jwks'; readonly url: URL };

export interface CasebookConfig {
  readonly environment: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** The file each person's key is kept in; by default beside the embedded store. EventStoreDB needs it set. */
  readonly keyringPath: string | undefined;
  readonly eventStoreConnectionString: string | undefined;
  readonly tokens: TokenVerification;
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: string;
  readonly loadDemo: boolean;
  readonly logLevel: string;
  readonly caseRules: CaseRules;
  readonly informationSharing: InformationSharing;
  readonly retention: Retention;
}

/** The partnership's own settings for ASB cases: how often risk is reviewed, and its Community Trigger procedure. */
export interface CaseRules {
  readonly riskReviewCadence: ReviewCadence;
  readonly caseReviewProcedure: CaseReviewProcedure;
}

export const defaultCaseRules: CaseRules = { riskReviewCadence: defaultReviewCadence, caseReviewProcedure: caseReviewProcedureSchema.parse({}) };

/** The partnership's information-sharing configuration: each agency's gateway, and the one for an agency not named. */
export interface InformationSharing {
  readonly gateways: Readonly<Record<string, SharingGateway>>;
  readonly default: SharingGateway;
}

/** The police receive under DPA 2018 Part 3 (law enforcement processing); every other agency under the Crime and Disorder Act s.115. */
export const defaultInformationSharing: InformationSharing = { gateways: { police: 'dpa-2018-part-3' }, default: 'cda-s115' };

/** MoPI retention: when the first review of a closed plan, and of a closed ASB case, falls due. */
export interface Retention {
  readonly plan: RetentionRules;
  readonly asbCase: RetentionRules;
}

/** Records are normally held at least six years (MoPI): the first review falls due six years after closing. */
export const defaultRetention: Retention = { plan: { firstReviewYears: 6 }, asbCase: { firstReviewYears: 6 } };

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** A value as a start-up error may print it: secrets never, passwords in connection strings hidden. */
function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (name === 'JWT_SECRET') return '(hidden)';
  if (name === 'EVENTSTORE_CONNECTION_STRING') return redactConnectionString(value);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CasebookConfig {
  const parsed = environmentSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${shownValue(String(i.path[0]), env[String(i.path[0])])}: ${i.message}`);
    throw new ConfigurationError(`Casebook cannot start: the configuration is not valid.\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const tokens: TokenVerification = e.JWKS_URL
    ? { kind: 'jwks', url: new URL(e.JWKS_URL) }
    : {
        kind: 'shared-secret',
        secret: new TextEncoder().encode(e.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET),
        isDevelopmentDefault: e.JWT_SECRET === undefined,
      };
  return {
    environment: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.CASEBOOK_DATA_DIR),
    keyringPath: e.CASEBOOK_KEYRING_PATH === undefined ? undefined : resolve(e.CASEBOOK_KEYRING_PATH),
    eventStoreConnectionString: e.EVENTSTORE_CONNECTION_STRING,
    tokens,
    jwtIssuer: e.JWT_ISSUER,
    jwtAudience: e.JWT_AUDIENCE,
    loadDemo: e.CASEBOOK_DEMO ?? e.NODE_ENV !== 'production',
    logLevel: e.LOG_LEVEL,
    caseRules: {
      riskReviewCadence: e.CASEBOOK_RISK_REVIEWS ?? defaultCaseRules.riskReviewCadence,
      caseReviewProcedure: e.CASEBOOK_CASE_REVIEW_PROCEDURE ?? defaultCaseRules.caseReviewProcedure,
    },
    informationSharing: e.CASEBOOK_INFORMATION_SHARING ?? defaultInformationSharing,
    retention: e.CASEBOOK_RETENTION ?? defaultRetention,
  };
}
