/**
 * What the api benchmark's two sides share: the configuration both sign and
 * check tokens with, the requests, who sends them, and the messages between
 * the benchmark and the server processes it forks (bench/api-server.ts).
 */
import { signDevelopmentToken } from '../src/api/auth.js';
import { demoUsers } from '../src/app/demo/partnership.js';
import { type CasebookConfig, loadConfig } from '../src/config.js';

/** Actions on the benchmark's plan. */
export const ACTIONS_ON_PLAN = 20;

/**
 * Production's behaviour (no GraphiQL, introspection disabled, no field
 * suggestions) with development tokens: production proper verifies tokens from
 * an identity provider's JWKS, which this machine has no way to reach. Built
 * from its own environment, never the caller's, so both sides always agree.
 */
export function benchConfig(): CasebookConfig {
  return { ...loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'info' }), environment: 'production' };
}

/** The agencies the plan's actions go to, in turn: each has a partner in the demo partnership to report on them. */
export const ASSIGNED_AGENCIES = ['council', 'housing', 'fire', 'youth', 'health'] as const;

/** The person who reports progress on an action assigned to `agencyId`: that agency's partner. */
export function reporterFor(agencyId: string): (typeof demoUsers)[number] {
  const user = demoUsers.find((u) => u.agencyId === agencyId && u.role === 'partner');
  if (!user) throw new Error(`the demo partnership has no partner in ${agencyId}`);
  return user;
}

export const coordinator = demoUsers.find((u) => u.role === 'coordinator')!;

export function tokenFor(config: CasebookConfig, user: (typeof demoUsers)[number]): Promise<string> {
  return signDevelopmentToken(config, { userId: user.userId, agencyId: user.agencyId, roles: [user.role], name: user.name, expiresIn: '2h' });
}

/** A plan as a coordinator opens it at the co-ordination meeting: who owns it, what it aims at, and every action with its notes. */
export const PLAN_QUERY = `query Plan($id: ID!) {
  plan(id: $id) {
    id
    reference
    title
    stage
    revision
    openedOn
    owner { name role agencyId }
    objectives { objectiveId statement measure baseline target direction byDate }
    actions {
      id
      reference
      agencyId
      description
      dueOn
      status
      overdue
      progressNotes { note by at }
    }
  }
}`;

/**
 * The baseline's schema: the types and fields PLAN_QUERY selects, no more, with
 * the same names, nullability, enums and scalars as Casebook's.
 */
export const BASELINE_TYPE_DEFS = `
scalar Date
scalar DateTime

enum PlanStage { scanning analysis response assessment closed }
enum ActionStatus { assigned accepted in_progress blocked done cancelled }

type Person { name: String! role: String agencyId: String }
type Objective { objectiveId: String! statement: String! measure: String! baseline: Float! target: Float! direction: String! byDate: Date! }
type ProgressNote { note: String! by: String! at: DateTime! }
type Action {
  id: ID!
  reference: String!
  agencyId: String!
  description: String!
  dueOn: Date!
  status: ActionStatus!
  overdue: Boolean!
  progressNotes: [ProgressNote!]!
}
type Plan {
  id: ID!
  reference: String!
  title: String!
  stage: PlanStage!
  revision: Int!
  openedOn: Date!
  owner: Person
  objectives: [Objective!]!
  actions: [Action!]!
}
type Query { plan(id: ID!): Plan }
`;

/** The partner's update; the answer shows the action as it now is, notes and all. */
export const PROGRESS_MUTATION = `mutation ReportProgress($input: ReportActionProgressInput!) {
  reportActionProgress(input: $input) {
    __typename
    ... on ActionPayload { action { id revision status progressNoteCount progressNotes(last: 32) { note by at } } }
    ... on RuleViolation { code }
    ... on Error { message }
  }
}`;

/** An action on the benchmark's plan, by its global id, and the agency it is assigned to. */
export interface BenchAction {
  readonly id: string;
  readonly agencyId: string;
}

/** The plan Casebook's server process wrote before it listened. */
export interface BenchPlan {
  readonly id: string;
  readonly actions: readonly BenchAction[];
  /** From the process's start to listening, the demo partnership and this plan written. */
  readonly setupSeconds: number;
}

/** The benchmark to a server process. */
export type ToServer =
  /** The baseline's one message before it listens: the answer it serves. */
  | { readonly type: 'serve'; readonly plan: unknown }
  /** Sampling of peak RSS and CPU starts afresh: a measured phase begins. */
  | { readonly type: 'phase-begin' }
  | { readonly type: 'phase-end' }
  | { readonly type: 'stop' };

/** A server process to the benchmark. */
export type FromServer =
  /** `plan`: Casebook's, once written (the baseline has none of its own). */
  | { readonly type: 'listening'; readonly url: string; readonly plan?: BenchPlan }
  | { readonly type: 'phase-report'; readonly peakRssMiB: number; readonly cpuMs: number }
  | { readonly type: 'stopped'; readonly maxRssMiB: number };
