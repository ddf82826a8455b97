import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { type GraphQLSchema, GraphQLScalarType, parse } from 'graphql';
import type { Resolvers } from '../generated/graphql';
import type { GatewayContext } from './context';
import { describeFederationMachinery } from './federationDocs';

/**
 * Builds the executable schema as an Apollo Federation 2 subgraph: @apollo/subgraph reads the `@link` and `@key`
 * directives of the SDL and adds `_service { sdl }` and `_entities`, which resolves Contact references through the
 * `__resolveReference` resolver.
 */
export function buildSubgraphFromSdl(typeDefs: string, resolvers: readonly Resolvers[]): GraphQLSchema {
  return describeFederationMachinery(
    buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers: mergeResolvers(resolvers) }]),
  );
}

/**
 * Merges the per-module resolver maps into one, type by type. A custom scalar is passed on as its functions only:
 * handed the GraphQLScalarType itself, @apollo/subgraph copies every property onto the schema's scalar, and the
 * library's description would replace the one written in our SDL.
 */
function mergeResolvers(maps: readonly Resolvers[]): GraphQLResolverMap<GatewayContext> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, value] of Object.entries(map)) {
      const entry =
        value instanceof GraphQLScalarType
          ? { serialize: value.serialize, parseValue: value.parseValue, parseLiteral: value.parseLiteral }
          : (value as Record<string, unknown>);
      merged[typeName] = { ...merged[typeName], ...entry };
    }
  }
  // The generated Resolvers type is stricter than @apollo/subgraph's loose map, but not assignable to it as is.
  return merged as unknown as GraphQLResolverMap<GatewayContext>;
}
