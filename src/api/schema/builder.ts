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
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}

/** The field builder of an input type, for helpers that add the same fields to many inputs. */
export type InputFields = PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<CasebookTypes>, 'InputObject'>;

const globalIds = new Map<string, string>();

/**
 * Relay's global id (base64 of `Type:id`, as Pothos makes it), remembered: a
 * plan query serves the same ids again and again (bench/api), and encoding is
 * a Buffer round trip each time. Cleared whole when it grows large, since an
 * id is cheap to make again.
 */
function globalIdOf(typename: string, id: string | number | bigint): string {
  const key = `${typename}:${String(id)}`;
  let globalId = globalIds.get(key);
  if (globalId === undefined) {
    globalId = Buffer.from(key, 'utf8').toString('base64');
    if (globalIds.size >= 100_000) globalIds.clear();
    globalIds.set(key, globalId);
  }
  return globalId;
}

export const builder = new SchemaBuilder<CasebookTypes>({
  plugins: [RelayPlugin, ScopeAuthPlugin, ErrorsPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  relay: {
    encodeGlobalID: globalIdOf,
    // The types and fields the relay plugin makes: described here, as every other part of the schema is.
    nodeTypeOptions: { description: 'A record with a global id (a `Plan`, an `Action`): read any of them with `node(id)` or `nodes(ids)`.' },
    idFieldOptions: { description: 'The global id: opaque, and the same for the life of the record. Pass it back as it is.' },
    nodeQueryOptions: {
      description: 'Any record by its global id; null if there is none, or none the caller may see.',
      args: { id: { description: 'A global id, as an `id` field gives it.' } },
    },
    nodesQueryOptions: {
      description: 'Records by their global ids, in the order of `ids`: null in the place of each there is none of, or none the caller may see.',
      args: { ids: { description: 'Global ids, as `id` fields give them.' } },
    },
    pageInfoTypeOptions: { description: 'Where a page sits in its list, and the cursors to ask for the pages around it.' },
    hasNextPageFieldOptions: { description: 'True when items follow this page: ask for them with `after: endCursor`.' },
    hasPreviousPageFieldOptions: { description: 'True when items come before this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first item on this page: pass it as `before`, with `last`, for the page before.' },
    endCursorFieldOptions: { description: 'The cursor of the last item on this page: pass it as `after` for the next page.' },
    pageInfoFieldOptions: { description: 'Whether there are items before and after this page, and the cursors to reach them.' },
    edgesFieldOptions: { description: 'The items on this page, in the list’s order, each with its cursor.' },
    cursorFieldOptions: { description: 'This item’s position in the list, to pass as `after` or `before`.' },
    firstArgOptions: { description: 'How many items to return from the start of the list, or after `after`: 0 to 100 (more is refused with an error). Without `first` or `last` a page holds 20.' },
    afterArgOptions: {
      description: 'A cursor: the page starts after that item. Cursors are positions in the list, so a page may repeat or skip an item when the list changes between requests.',
    },
    lastArgOptions: { description: 'How many items to return from the end of the list, or before `before`: 0 to 100 (more is refused with an error).' },
    beforeArgOptions: { description: 'A cursor: the page ends before that item.' },
  },
  scopeAuth: {
    authScopes: (context) => accessScopes(context.records),
    authorizeOnSubscribe: true,
  },
  errors: {},
});

// No field repeats "signed in": the server answers 401 to a request without a valid token before GraphQL runs
// (server.ts), and a scope check on every query field cost the plan query about 1% (bench/api).
builder.queryType({ description: 'What partners in the Community Safety Partnership can read.' });
builder.mutationType({ description: 'What partners in the Community Safety Partnership can change. Every mutation answers a union of its payload and the errors that can happen.' });
