import {
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLSchema,
  isCompositeType,
} from 'graphql';

/**
 * Builds one small document per field of the graph from the schema alone, so that tests over "every field" keep
 * covering fields added later: required arguments get a valid value of their type, ids get the value under test.
 */

const SCALAR_VALUES: Record<string, string> = {
  String: '"x"',
  Int: '1',
  Float: '1.5',
  Boolean: 'true',
  JSONObject: '{}',
  JSON: '{}',
  EmailAddress: '"probe@example.com"',
  E164PhoneNumber: '"+14155550123"',
  ImageUrl: '"https://example.com/a.png"',
  DateTime: '"2026-01-01T00:00:00Z"',
};

/** A literal of `type`; ID-typed values are `idValue`. Null when the type cannot be written inline (uploads). */
export function literalOf(type: GraphQLInputType, idValue: string, depth = 0): string | null {
  if (type instanceof GraphQLNonNull) return literalOf(type.ofType, idValue, depth);
  if (type instanceof GraphQLList) {
    const item = literalOf(type.ofType, idValue, depth);
    return item === null ? null : `[${item}]`;
  }
  if (type instanceof GraphQLEnumType) return type.getValues()[0]!.name;
  if (type instanceof GraphQLScalarType) {
    if (type.name === 'ID') return JSON.stringify(idValue);
    return SCALAR_VALUES[type.name] ?? null;
  }
  if (type instanceof GraphQLInputObjectType) {
    if (depth > 4) return null;
    const parts: string[] = [];
    for (const field of Object.values(type.getFields())) {
      if (!(field.type instanceof GraphQLNonNull)) continue;
      const value = literalOf(field.type, idValue, depth + 1);
      if (value === null) return null;
      parts.push(`${field.name}: ${value}`);
    }
    return `{ ${parts.join(', ')} }`;
  }
  return null;
}

/** The argument list of a call to `field` with its required arguments (and every ID argument) filled in. */
export function argumentsOf(field: GraphQLField<unknown, unknown>, idValue: string): string | null {
  const wanted = field.args.filter((arg: GraphQLArgument) => arg.type instanceof GraphQLNonNull || getNamedType(arg.type).name === 'ID');
  const parts: string[] = [];
  for (const arg of wanted) {
    const value = literalOf(arg.type, idValue);
    if (value === null) {
      if (arg.type instanceof GraphQLNonNull) return null;
      continue;
    }
    parts.push(`${arg.name}: ${value}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** `field(args) { __typename }`, or the bare call for a scalar field; null when it cannot be written inline. */
export function selectionOf(field: GraphQLField<unknown, unknown>, idValue: string): string | null {
  const args = argumentsOf(field, idValue);
  if (args === null) return null;
  return `${field.name}${args}${isCompositeType(getNamedType(field.type)) ? ' { __typename }' : ''}`;
}

export interface Probe {
  /** The field, as `Type.field`. */
  readonly field: string;
  readonly document: string;
}

/** One document per root mutation named in `mutations`, and per field of the Account type, for an id value. */
export function applicationProbes(schema: GraphQLSchema, mutations: ReadonlySet<string>, idValue: string): Probe[] {
  const probes: Probe[] = [];
  const mutation = schema.getMutationType()!;
  for (const field of Object.values(mutation.getFields())) {
    if (!mutations.has(field.name)) continue;
    const selection = selectionOf(field, idValue);
    if (selection) probes.push({ field: `Mutation.${field.name}`, document: `mutation { ${selection} }` });
  }
  const account = schema.getType('Account') as GraphQLObjectType;
  for (const field of Object.values(account.getFields())) {
    const selection = selectionOf(field, idValue);
    if (selection) probes.push({ field: `Account.${field.name}`, document: `{ account(id: ${JSON.stringify(idValue)}) { ${selection} } }` });
  }
  probes.push({ field: 'Query.me', document: '{ me { id } }' });
  return probes;
}
