import { z } from 'zod';

/**
 * The roles of DOMAIN.md. A coordinator (CSP analyst, neighbourhood police)
 * sees the whole partnership; a supervisor reviews; a partner works on what its
 * agency takes part in; an auditor reads everything and changes nothing.
 */
export const roleSchema = z.enum(['coordinator', 'supervisor', 'partner', 'auditor']);
export type Role = z.infer<typeof roleSchema>;

/** Short agency ids, as in tokens and events: `police`, `council`, `housing`... */
export const agencyIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'an agency id is 2 to 40 lower-case letters, digits or hyphens, starting with a letter');
export type AgencyId = z.infer<typeof agencyIdSchema>;

/** The person acting, as the decider sees them. */
export interface Actor {
  readonly userId: string;
  readonly agencyId: AgencyId;
  readonly roles: readonly Role[];
  readonly displayName?: string;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}
