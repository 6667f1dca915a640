/**
 * Dates as API.md promises them: `Date` is a calendar day (YYYY-MM-DD, the
 * domain's own form, never shifted by a time zone) and `DateTime` an instant
 * in ISO-8601 UTC. `JSON` carries a value as it is, for the data of an event
 * in a record's history.
 */
import { GraphQLError, Kind, valueFromASTUntyped } from 'graphql';
import { z } from 'zod';
import { builder } from './builder.js';

const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });

function parsed(schema: z.ZodType<string>, value: unknown, what: string): string {
  const result = schema.safeParse(value);
  if (!result.success) throw new GraphQLError(`${JSON.stringify(value)} is not ${what}`);
  return result.data;
}

builder.scalarType('Date', {
  description: 'A calendar day, YYYY-MM-DD (e.g. 2026-11-05). Days are never shifted by a time zone.',
  serialize: (value) => String(value),
  parseValue: (value) => parsed(day, value, 'a date as YYYY-MM-DD'),
  parseLiteral: (ast) => parsed(day, ast.kind === Kind.STRING ? ast.value : undefined, 'a date as YYYY-MM-DD'),
});

builder.scalarType('DateTime', {
  description: 'An instant in ISO-8601, e.g. 2026-11-05T19:30:00.000Z.',
  serialize: (value) => String(value),
  parseValue: (value) => parsed(instant, value, 'an ISO-8601 date and time'),
  parseLiteral: (ast) => parsed(instant, ast.kind === Kind.STRING ? ast.value : undefined, 'an ISO-8601 date and time'),
});

builder.scalarType('JSON', {
  description: 'Any JSON value (an object, a list, a string, a number, a boolean or null), given as it is: the data of an event in a record’s history.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
