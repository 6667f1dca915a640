/**
 * Who may see or do what: the one place the API asks. Resolvers name a scope;
 * the deciders keep their own checks on top (a partner completing another
 * agency's action is refused by the action decider even if a scope slipped).
 */
import type { Principal } from './auth.js';

export interface AccessScopes {
  /** Any valid token. */
  signedIn: boolean;
  coordinator: boolean;
  supervisor: boolean;
  partner: boolean;
  auditor: boolean;
  /** May change anything at all: every role but auditor. */
  mayWrite: boolean;
}

export function accessScopes(principal: Principal): AccessScopes {
  const roles = principal.roles;
  return {
    signedIn: true,
    coordinator: roles.includes('coordinator'),
    supervisor: roles.includes('supervisor'),
    partner: roles.includes('partner'),
    auditor: roles.includes('auditor'),
    mayWrite: roles.some((r) => r !== 'auditor'),
  };
}
