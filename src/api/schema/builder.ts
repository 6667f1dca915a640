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
export interface CasebookTypes {
  Context: GraphQLContext;
  AuthScopes: AccessScopes;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}

/** The field builder of an input type, for helpers that add the same fields to many inputs. */
export type InputFields = PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<CasebookTypes>, 'InputObject'>;

export const builder = new SchemaBuilder<CasebookTypes>({
  plugins: [RelayPlugin, ScopeAuthPlugin, ErrorsPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  relay: {},
  scopeAuth: {
    authScopes: (context) => accessScopes(context.records),
    authorizeOnSubscribe: true,
  },
  errors: {},
});

builder.queryType({ description: 'What partners in the Community Safety Partnership can read.' });
builder.mutationType({ description: 'What partners in the Community Safety Partnership can change. Every mutation answers a union of its payload and the errors that can happen.' });
