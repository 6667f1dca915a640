/**
 * Bearer tokens. Development signs and checks HS256 tokens with JWT_SECRET;
 * production checks tokens from the partnership's identity provider against
 * its JWKS. Either way a token names a person, their agency and their roles.
 */
import { createRemoteJWKSet, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { agencyIdSchema, type Actor, roleSchema } from '../domain/shared/actor.js';
import type { CasebookConfig } from '../config.js';

/** The caller, as every resolver sees them. */
export interface Principal extends Actor {
  readonly displayName: string;
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  agency: agencyIdSchema,
  roles: z.array(roleSchema).min(1),
  name: z.string().min(1).max(200).optional(),
});

export class Unauthenticated extends Error {
  override readonly name = 'Unauthenticated';
}

export type TokenVerifier = (token: string) => Promise<Principal>;

/** How many verified tokens are remembered: far more than the people using one instance at once. */
const VERIFIED_TOKENS_KEPT = 10_000;

export function tokenVerifier(config: Pick<CasebookConfig, 'tokens' | 'jwtIssuer' | 'jwtAudience'>): TokenVerifier {
  const options = {
    audience: config.jwtAudience,
    ...(config.jwtIssuer ? { issuer: config.jwtIssuer } : {}),
  };
  const verify: (token: string) => Promise<{ payload: JWTPayload }> =
    config.tokens.kind === 'jwks'
      ? ((jwks) => (token) => jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] }))(
          createRemoteJWKSet(config.tokens.url),
        )
      : ((secret) => (token) => jwtVerify(token, secret, { ...options, algorithms: ['HS256'] }))(config.tokens.secret);
  // A partner's system sends the same token with every request until it expires: verifying it once saves
  // a tenth of a plan query's CPU (bench/api). The cache holds only tokens that verified, and only until they expire.
  const verified = new Map<string, { readonly principal: Principal; readonly expiresAt: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAt) return known.principal;
      verified.delete(token);
    }
    let payload: JWTPayload;
    try {
      payload = (await verify(token)).payload;
    } catch (error) {
      const reason = error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED' ? 'the token has expired' : 'the token is not valid';
      throw new Unauthenticated(reason);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new Unauthenticated('the token does not name a user, an agency and roles');
    const principal: Principal = {
      userId: claims.data.sub,
      agencyId: claims.data.agency,
      roles: claims.data.roles,
      displayName: claims.data.name ?? claims.data.sub,
    };
    // A token without an expiry is checked every time; the oldest entry makes room, so the map stays bounded.
    if (payload.exp !== undefined) {
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
      verified.set(token, { principal, expiresAt: payload.exp * 1000 });
    }
    return principal;
  };
}

export interface TokenRequest {
  readonly userId: string;
  readonly agencyId: string;
  readonly roles: readonly string[];
  readonly name?: string;
  /** jose time span, e.g. '12h', '30d'. */
  readonly expiresIn?: string;
}

/** Signs a development token. Production tokens come from the identity provider, never from here. */
export async function signDevelopmentToken(
  config: Pick<CasebookConfig, 'tokens' | 'jwtIssuer' | 'jwtAudience'>,
  request: TokenRequest,
): Promise<string> {
  if (config.tokens.kind !== 'shared-secret') {
    throw new Error('Tokens are issued by the identity provider when JWKS_URL is set; Casebook signs development tokens only.');
  }
  const jwt = new SignJWT({ agency: request.agencyId, roles: [...request.roles], ...(request.name ? { name: request.name } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.userId)
    .setAudience(config.jwtAudience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '30d');
  if (config.jwtIssuer) jwt.setIssuer(config.jwtIssuer);
  return jwt.sign(config.tokens.secret);
}
