import { GraphQLDateTime } from 'graphql-scalars';

/**
 * The DateTime scalar: ISO 8601 in UTC. The adapter already hands out ISO strings (Chatwoot sends Unix seconds), and
 * graphql-scalars checks what callers send.
 */
export const scalarDateTime = GraphQLDateTime;
