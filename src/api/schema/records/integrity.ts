/**
 * `verifyIntegrity`: one record's hash chain checked through the API, for an
 * auditor or a partner's own system. The record must be in the caller's sight
 * (ctx.records); otherwise the answer is null, as for an id never used. The
 * stream is read from the store as it is now and walked by the same verifier
 * as `casebook verify` (eventstore/chain.ts). The answer holds hashes and
 * revisions only, never the record's content.
 *
 * A chain proves that every event follows, unaltered, from the one before it.
 * It cannot tell that events were cut from the end of the stream, or that the
 * whole stream was rewritten with fresh hashes: only a head kept elsewhere
 * can, so the caller may pass one (`anchoredHead`) and hear whether the stream
 * still reaches it.
 */
import { GraphQLError } from 'graphql';
import { actionStreamName } from '../../../app/action-stream.js';
import { asbCaseStreamName } from '../../../app/asb-case-stream.js';
import { planStreamName } from '../../../app/plan-stream.js';
import { type ChainBreak, describeBreak, StreamChainVerifier } from '../../../eventstore/chain.js';
import type { GraphQLContext } from '../../context.js';
import { builder } from '../builder.js';

interface AnchoredHeadCheck {
  readonly hash: string;
  readonly reached: boolean;
  readonly revision: number | null;
  readonly eventsSince: number | null;
}

interface IntegrityCheck {
  readonly streamId: string;
  readonly whole: boolean;
  readonly events: number;
  readonly lastRevision: number | null;
  readonly lastHash: string | null;
  readonly firstBrokenRevision: number | null;
  readonly problem: string | null;
  readonly anchoredHead: AnchoredHeadCheck | null;
  readonly checkedAt: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The stream of a plan, case or action the caller may see; null for anything else. */
function streamInSight(id: { typename: string; id: string }, ctx: GraphQLContext): string | null {
  switch (id.typename) {
    case 'Plan':
      return ctx.records.plan(id.id) ? planStreamName(id.id) : null;
    case 'AsbCase':
      return ctx.records.asbCase(id.id) ? asbCaseStreamName(id.id) : null;
    case 'Action':
      return ctx.records.action(id.id) ? actionStreamName(id.id) : null;
    default:
      return null;
  }
}

/** The first revision that no longer holds: for a gap, the revision that is missing. */
function brokenRevision(b: ChainBreak): bigint {
  return b.kind === 'revision_gap' ? b.expectedRevision : b.revision;
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function anchorKept(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const hash = raw.trim().toLowerCase();
  if (!SHA256_HEX.test(hash)) {
    const message = 'a head hash is 64 hexadecimal characters, as `casebook verify --heads` prints it';
    throw new GraphQLError(`anchoredHead: ${message}`, { extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'anchoredHead', message }] } });
  }
  return hash;
}

async function checkStream(ctx: GraphQLContext, streamId: string, anchor: string | null): Promise<IntegrityCheck> {
  const verifier = new StreamChainVerifier(streamId);
  let anchorRevision: bigint | null = null;
  for await (const event of ctx.casebook.storeAsWritten.readStream(streamId)) {
    verifier.add(event);
    // The kept head counts only where the chain up to it holds: a hash copied onto a forged event proves nothing.
    if (anchor !== null && anchorRevision === null && event.metadata.hash === anchor && verifier.verdict().ok) anchorRevision = event.revision;
  }
  const verdict = verifier.verdict();
  const anchoredHead: AnchoredHeadCheck | null =
    anchor === null
      ? null
      : {
          hash: anchor,
          reached: anchorRevision !== null,
          revision: anchorRevision === null ? null : Number(anchorRevision),
          eventsSince: anchorRevision === null || verdict.headRevision === null ? null : Number(verdict.headRevision - anchorRevision),
        };

  let firstBrokenRevision: number | null = null;
  let problem: string | null = null;
  if (verdict.firstBreak) {
    firstBrokenRevision = Number(brokenRevision(verdict.firstBreak));
    problem = sentence(describeBreak(verdict.firstBreak));
  } else if (verdict.eventsChecked === 0) {
    // The record is known (the read models have it), so its stream cannot be empty unless every event was removed.
    firstBrokenRevision = 0;
    problem = 'The stream holds no events: revision 0 is missing, so every event of this record was removed.';
  } else if (anchoredHead && !anchoredHead.reached) {
    problem =
      `The stream does not reach the head you kept (${anchor!.slice(0, 12)}…): ` +
      'events were cut from its end, or the stream was rewritten. The chain alone cannot say from which revision.';
  }

  return {
    streamId,
    whole: problem === null,
    events: verdict.eventsChecked,
    lastRevision: verdict.headRevision === null ? null : Number(verdict.headRevision),
    lastHash: verdict.headHash,
    firstBrokenRevision,
    problem,
    anchoredHead,
    checkedAt: ctx.casebook.clock().toISOString(),
  };
}

const AnchoredHeadCheckType = builder.objectRef<AnchoredHeadCheck>('AnchoredHeadCheck').implement({
  description:
    'Whether the stream still reaches a head hash the caller kept (from `casebook verify --heads` or an earlier `verifyIntegrity`). The chain alone cannot show that events were cut from the end of a stream, or that the whole stream was rewritten with fresh hashes; a head kept somewhere Casebook cannot write can.',
  fields: (t) => ({
    hash: t.exposeString('hash', { description: 'The head hash that was checked, in lower case.' }),
    reached: t.exposeBoolean('reached', {
      description:
        'True when an event of the stream carries this hash and the chain holds from the first event up to it: everything the head vouched for is still there, unaltered. False when no such event is found: events were cut from the end, or the stream was rewritten.',
    }),
    revision: t.exposeInt('revision', { nullable: true, description: 'The revision whose hash the kept head is; null when it was not reached.' }),
    eventsSince: t.exposeInt('eventsSince', {
      nullable: true,
      description: 'How many events were appended after the kept head (0 when the stream still ends at it); null when it was not reached.',
    }),
  }),
});

const IntegrityCheckType = builder.objectRef<IntegrityCheck>('IntegrityCheck').implement({
  description:
    'One record’s hash chain, checked as the store holds it now. Each event’s hash is sha-256 over the previous event’s hash and the event’s canonical JSON, so an event edited, removed, reordered or inserted breaks the chain from that revision on. Only hashes and revisions are answered, never the record’s content.',
  fields: (t) => ({
    streamId: t.exposeString('streamId', { description: 'The event stream checked (`plan-<uuid>`, `asbcase-<uuid>`, `action-<uuid>`): the name `casebook verify --heads` prints beside its head.' }),
    whole: t.exposeBoolean('whole', {
      description: 'True when every event follows, unaltered, from the one before it, from revision 0 to the last, and (when `anchoredHead` was given) the stream still reaches that head.',
    }),
    events: t.exposeInt('events', { description: 'How many events the stream holds now.' }),
    lastRevision: t.exposeInt('lastRevision', { nullable: true, description: 'The revision of the stream’s last event; null when it holds none.' }),
    lastHash: t.exposeString('lastHash', {
      nullable: true,
      description: 'The hash of the stream’s last event as stored: keep it somewhere Casebook cannot write, and pass it back as `anchoredHead` later. Null when the stream holds no events.',
    }),
    firstBrokenRevision: t.exposeInt('firstBrokenRevision', {
      nullable: true,
      description:
        'The first revision that no longer holds (altered, missing, out of order, or not following the hash before it); every revision before it is proven unaltered. Null when the chain holds, including when the only problem is a kept head not reached: a hash alone does not say where a stream was cut or rewritten.',
    }),
    problem: t.exposeString('problem', { nullable: true, description: 'What is wrong, in a sentence; null when `whole` is true.' }),
    anchoredHead: t.field({
      type: AnchoredHeadCheckType,
      nullable: true,
      description: 'Whether the stream still reaches the head hash passed as `anchoredHead`; null when none was passed.',
      resolve: (c) => c.anchoredHead,
    }),
    checkedAt: t.field({ type: 'DateTime', description: 'When the stream was read and checked, by the server’s clock.', resolve: (c) => c.checkedAt }),
  }),
});

builder.queryField('verifyIntegrity', (t) =>
  t.field({
    type: IntegrityCheckType,
    nullable: true,
    description:
      'Checks the hash chain of a plan, an ASB case or an action, reading its events as the store holds them now, with the verifier `casebook verify` uses. Null if there is no such record, or none the caller may see.',
    args: {
      id: t.arg.globalID({ required: true, description: 'The global id of a plan, an ASB case or an action.' }),
      anchoredHead: t.arg.string({
        required: false,
        description:
          'A head hash kept earlier for this record (from `casebook verify --heads`, or `lastHash` of an earlier answer): the answer then also says whether the stream still reaches it, which catches a cut tail or a rewritten stream.',
      }),
    },
    resolve: async (_root, { id, anchoredHead }, ctx) => {
      const streamId = streamInSight(id, ctx);
      if (streamId === null) return null;
      return checkStream(ctx, streamId, anchorKept(anchoredHead));
    },
  }),
);
