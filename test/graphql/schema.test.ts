import { isInputObjectType, isObjectType, isEnumType, isScalarType, type GraphQLSchema } from 'graphql';
import { buildGatewaySchema } from '../../src/graphql/schema';

/** Every named type, field, argument and enum value, with whether it is documented. */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    if (!type.description?.trim()) missing.push(type.name);
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        if ('args' in field) {
          for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
    }
    if (isScalarType(type) && !type.description?.trim()) missing.push(type.name);
  }
  for (const directive of schema.getDirectives()) {
    if (!directive.description?.trim()) missing.push(`@${directive.name}`);
    for (const arg of directive.args) if (!arg.description?.trim()) missing.push(`@${directive.name}(${arg.name})`);
  }
  return missing;
}

describe('the schema', () => {
  const schema = buildGatewaySchema();

  it('documents every type, field, argument, enum value and directive for the explorer, federation ones included', () => {
    expect(undocumented(schema)).toEqual([]);
  });

  it('keeps the fixed names of updateContact and contact', () => {
    const mutation = schema.getMutationType()!.getFields().updateContact!;
    expect(mutation.args.map((a) => `${a.name}: ${a.type.toString()}`)).toEqual([
      'inboxIdentifier: String!',
      'contactIdentifier: String!',
      'input: UpdateContactInput!',
      'options: RequestOptionsInput',
    ]);
    expect(mutation.type.toString()).toBe('Contact!');
    const query = schema.getQueryType()!.getFields().contact!;
    expect(query.args.map((a) => a.name)).toEqual(expect.arrayContaining(['inboxIdentifier', 'contactIdentifier', 'options']));
    expect(query.type.toString()).toBe('Contact');
  });
});
