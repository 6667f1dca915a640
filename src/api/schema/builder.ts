import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { GraphQLContext } from '../context.js';
import { accessScopes, type AccessScopes } from '../access-policy.js';

/**
 * Plugin order matters: relay before scope-auth so that auth sees decoded
 * global ids, errors after scope-auth so that a refusal is never turned into
 * a union member that would reveal the field exists for that caller.
 */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  AuthScopes: AccessScopes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  plugins: [RelayPlugin, ScopeAuthPlugin, ErrorsPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  relay: {},
  scopeAuth: {
    authScopes: (context) => accessScopes(context.principal),
    authorizeOnSubscribe: true,
  },
  errors: {},
});

builder.queryType({ description: 'What partners in the Community Safety Partnership can read.' });
