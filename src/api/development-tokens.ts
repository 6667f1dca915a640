/**
 * Development tokens for the demo partnership's people: `npm start` prints
 * them, GraphiQL starts with the first, and the co-ordination meeting page
 * lists them to sign in with. Never in production, where tokens come from the
 * identity provider (JWKS_URL) and Casebook cannot sign any.
 */
import type { CasebookConfig } from '../config.js';
import { type DemoUser, demoUsers } from '../app/demo/partnership.js';
import { signDevelopmentToken } from './auth.js';

export interface DevelopmentToken {
  readonly user: DemoUser;
  readonly token: string;
}

/** One token for each demo user, or none when Casebook does not sign tokens (JWKS_URL is set). */
export async function mintDevelopmentTokens(config: Pick<CasebookConfig, 'tokens' | 'jwtIssuer' | 'jwtAudience'>): Promise<DevelopmentToken[]> {
  if (config.tokens.kind !== 'shared-secret') return [];
  return Promise.all(
    demoUsers.map(async (user) => ({
      user,
      token: await signDevelopmentToken(config, { userId: user.userId, agencyId: user.agencyId, roles: [user.role], name: user.name }),
    })),
  );
}
