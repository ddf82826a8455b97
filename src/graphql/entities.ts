import { type GraphQLFieldResolver, type GraphQLSchema, isUnionType } from 'graphql';
import { InvalidRequestError } from '../chatwoot/errors';
import { QueryLimitError } from './limits';

/**
 * Guards `_entities`, the field @apollo/subgraph adds, against what anyone who reaches /graphql can send it.
 *
 * Threat model: `representations` is a list of `_Any`, so each element is arbitrary JSON the schema never checks.
 * @apollo/subgraph resolves the list with one synchronous `map`: a representation that throws there (an unknown
 * `__typename`) abandons the promises already started for the earlier ones, and when those reject too the process
 * dies of an unhandled rejection. So every representation is checked first and resolved on its own, its failure
 * returned as that list item's error (graphql-js reports an Error item at its own path), and the list's length is
 * bounded before anything is resolved.
 */

/** Default of GATEWAY_MAX_ENTITY_REPRESENTATIONS: the most representations one `_entities` field resolves. */
export const DEFAULT_MAX_REPRESENTATIONS = 1000;

/** Replaces `Query._entities`' resolver of `schema` with the guarded one; returns the same schema. */
export function guardEntities(schema: GraphQLSchema, maxRepresentations = DEFAULT_MAX_REPRESENTATIONS): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const union = schema.getType('_Entity');
  if (!field?.resolve || !isUnionType(union)) return schema;
  const original: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  const entityTypes = new Set(union.getTypes().map((type) => type.name));

  field.resolve = (source, args: { representations?: unknown }, context, info) => {
    const representations = Array.isArray(args.representations) ? (args.representations as unknown[]) : [];
    if (representations.length > maxRepresentations) {
      throw new QueryLimitError(
        `_entities was sent ${representations.length} representations; at most ${maxRepresentations} are resolved ` +
          'in one field (GATEWAY_MAX_ENTITY_REPRESENTATIONS).',
        'representations',
        maxRepresentations,
      );
    }
    return representations.map((representation, index) => {
      const problem = checkRepresentation(representation, index, entityTypes);
      if (problem) return problem;
      try {
        const [result] = original(source, { representations: [representation] }, context, info) as unknown[];
        return result;
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
  };
  return schema;
}

/** Why a representation cannot be resolved, as the error of its list item, or undefined when it may be. */
function checkRepresentation(value: unknown, index: number, entityTypes: ReadonlySet<string>): Error | undefined {
  const where = `representations[${index}]`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return new InvalidRequestError(`${where} must be an object with __typename and the key fields.`, 'representations');
  }
  const typename = (value as Record<string, unknown>).__typename;
  if (typeof typename !== 'string') {
    return new InvalidRequestError(`${where} must have a string __typename.`, 'representations');
  }
  if (!entityTypes.has(typename)) {
    // The name is not echoed: it is the client's text, and may be anything up to the body limit.
    return new InvalidRequestError(
      `${where} names a __typename that is not an entity of this subgraph (entities: ${[...entityTypes].join(', ')}).`,
      'representations',
    );
  }
  return undefined;
}
