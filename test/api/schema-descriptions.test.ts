/**
 * API.md: "Every type and field has a description: the schema is the
 * partners' manual." Every type, field, field argument, input field and enum
 * value of the built schema must say what it is. Introspection types (`__*`)
 * and graphql-js's built-in scalars are graphql-js's own, described there.
 */
import { describe, expect, it } from 'vitest';
import {
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
} from 'graphql';
import { buildSchema } from '../../src/api/schema/index.js';

const described = (description: string | null | undefined) => typeof description === 'string' && description.trim().length > 0;

/** The coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`) of everything in the schema without a description. */
function undescribed(types: readonly GraphQLNamedType[]): string[] {
  const missing: string[] = [];
  for (const type of types) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!described(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!described(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

describe('the schema is the partners’ manual', () => {
  const schema = buildSchema();

  it('describes every type, field, argument, input field and enum value', () => {
    expect(undescribed(Object.values(schema.getTypeMap()))).toEqual([]);
  });

  it('leaves the built-in scalars to graphql-js, which describes them', () => {
    const builtIns = ['String', 'Int', 'Float', 'Boolean', 'ID'].map((name) => schema.getType(name)).filter((type) => type !== undefined);
    expect(builtIns.length).toBeGreaterThan(0);
    for (const type of builtIns) expect(described(type.description), type.name).toBe(true);
  });

  it('finds what is missing, so that an empty list means something', () => {
    expect(undescribed(Object.values(buildSchemaWithAGap().getTypeMap()))).toEqual(['Gap', 'Gap.field', 'Gap.field(arg:)']);
  });
});

/** A schema with one undescribed type, field and argument, to show the check finds them. */
function buildSchemaWithAGap() {
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Gap',
      fields: { field: { type: GraphQLString, args: { arg: { type: GraphQLString } } } },
    }),
  });
}
