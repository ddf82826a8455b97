import { type GraphQLSchema, isEnumType, isObjectType } from 'graphql';

/**
 * Descriptions for what @apollo/subgraph adds to the schema (`_entities`, `_service`, `_Any`, the `@link` and
 * federation directives...), which it leaves undocumented. The explorer is documentation: a developer who meets
 * `_entities` there should learn what it is without leaving the page.
 */

const TYPES: Readonly<Record<string, string>> = {
  _Any: 'A representation of an entity a router asks for: its `__typename` plus its key fields, as JSON.',
  _Entity: 'Every type of this subgraph that other subgraphs can reference by key (here: Contact).',
  _Service: "This subgraph's description of itself, for composing a supergraph.",
  link__Import: 'A name imported by `@link`, optionally renamed.',
  link__Purpose: 'What a `@link`ed specification is for.',
  federation__FieldSet: 'A selection of fields, written as a string, naming an entity key or required fields.',
  federation__Scope: 'An authorization scope name (`@requiresScopes`).',
  federation__Policy: 'An authorization policy name (`@policy`).',
};

const FIELDS: Readonly<Record<string, string>> = {
  'Query._entities':
    'Federation: resolves entity representations sent by a router. For Contact, one upstream read per distinct contact.',
  'Query._entities(representations)': 'The entities to resolve: `__typename` and the key fields of each.',
  'Query._service': "Federation: this subgraph's SDL, for composition (`rover subgraph check`, IntrospectAndCompose).",
  '_Service.sdl': 'The subgraph schema in SDL, with its federation directives.',
};

const ENUM_VALUES: Readonly<Record<string, string>> = {
  SECURITY: 'The linked specification affects security; a router that does not support it must refuse the schema.',
  EXECUTION: 'The linked specification affects execution; a router that does not support it must refuse the schema.',
};

/** Fills in the descriptions the federation machinery lacks; leaves anything already described alone. */
export function describeFederationMachinery(schema: GraphQLSchema): GraphQLSchema {
  for (const [name, description] of Object.entries(TYPES)) {
    const type = schema.getType(name);
    if (type && !type.description) type.description = description;
    if (type && isEnumType(type)) {
      for (const value of type.getValues()) value.description ??= ENUM_VALUES[value.name] ?? `The ${value.name} purpose.`;
    }
  }
  for (const [path, description] of Object.entries(FIELDS)) {
    const match = /^(\w+)\.(\w+)(?:\((\w+)\))?$/.exec(path);
    const type = match ? schema.getType(match[1]!) : undefined;
    if (!match || !type || !isObjectType(type)) continue;
    const field = type.getFields()[match[2]!];
    if (!field) continue;
    if (match[3]) {
      const arg = field.args.find((a) => a.name === match[3]);
      if (arg && !arg.description) arg.description = description;
    } else if (!field.description) {
      field.description = description;
    }
  }
  for (const directive of schema.getDirectives()) {
    const name = directive.name.replace(/^federation__/, '');
    if (!directive.description && !['include', 'skip', 'deprecated', 'specifiedBy', 'oneOf'].includes(directive.name)) {
      (directive as { description?: string | null }).description =
        `Apollo Federation \`@${name}\` (see the Federation 2 directives reference). Used by routers when composing.`;
    }
    for (const arg of directive.args) {
      (arg as { description?: string | null }).description ??= `The \`${arg.name}\` argument of \`@${name}\`.`;
    }
  }
  return schema;
}
