import { z } from 'zod';

/** Who did it. Every event says which person of which agency, in which role. */
export const eventActorSchema = z.object({
  userId: z.string().min(1),
  agencyId: z.string().min(1),
  roles: z.array(z.string().min(1)),
});

/** The metadata Casebook writes on every event (ARCHITECTURE.md). */
export const eventMetadataSchema = z.object({
  actor: eventActorSchema,
  correlationId: z.string().min(1),
  causationId: z.string().min(1),
  occurredAt: z.iso.datetime(),
  schemaVersion: z.number().int().positive(),
  /** Scoped to the caller; present when the command carried one. */
  idempotencyKey: z.string().optional(),
  /** With a key: sha-256 of the command it was first used for, so a key reused for another request is caught. */
  requestFingerprint: z.string().optional(),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/** What the store adds: the tamper-evidence chain. */
export interface ChainLink {
  readonly prevHash: string;
  readonly hash: string;
}

export type RecordedMetadata = EventMetadata & ChainLink;
