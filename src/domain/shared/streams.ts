/**
 * Stream names follow EventStoreDB's category convention, `<category>-<uuid>`,
 * so `$ce-plan` style projections work on a production node too.
 */
export const streamCategories = {
  plan: 'plan',
  asbCase: 'asbcase',
  action: 'action',
  neighbourhood: 'neighbourhood',
  partnership: 'partnership',
  /** The disclosure ledger: `disclosures-<agencyId>-<YYYY-MM-DD>`, one per reading agency per day. */
  disclosures: 'disclosures',
  /** A person's data-protection record: erased, restricted (`person-<personId>`). */
  person: 'person',
} as const;
export type StreamCategory = (typeof streamCategories)[keyof typeof streamCategories];

export function streamName(category: StreamCategory, id: string): string {
  return `${category}-${id}`;
}

export function parseStreamName(stream: string): { category: string; id: string } | null {
  const dash = stream.indexOf('-');
  if (dash <= 0 || dash === stream.length - 1) return null;
  return { category: stream.slice(0, dash), id: stream.slice(dash + 1) };
}
