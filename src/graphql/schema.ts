import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from '../generated/graphql';
import { bulkResolvers } from './resolvers/bulk';
import { contactEntityResolvers } from './resolvers/contactEntity';
import { contactResolvers } from './resolvers/contacts';
import { conversationResolvers } from './resolvers/conversations';
import { csatResolvers } from './resolvers/csat';
import { inboxResolvers } from './resolvers/inboxes';
import { messageResolvers } from './resolvers/messages';
import { subscriptionResolvers } from './resolvers/subscriptions';
import { scalarResolvers } from './scalars';
import { buildSubgraphFromSdl } from './subgraph';

/** schema/ at the project root, whether running from src/ (tests) or dist/src/ (npm start). */
export const SCHEMA_DIR = findSchemaDir();

/** The SDL files of schema/, joined in name order. */
export function loadTypeDefs(dir = SCHEMA_DIR): string {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

/** Every resolver map, typed by codegen from the SDL. */
export const resolvers: Resolvers[] = [
  scalarResolvers,
  contactResolvers,
  contactEntityResolvers,
  bulkResolvers,
  inboxResolvers,
  conversationResolvers,
  messageResolvers,
  csatResolvers,
  subscriptionResolvers,
];

/** Builds the executable schema, a Federation 2 subgraph, from the SDL, the scalars' parsers and the resolvers. */
export function buildGatewaySchema(): GraphQLSchema {
  return buildSubgraphFromSdl(loadTypeDefs(), resolvers);
}

function findSchemaDir(): string {
  for (const candidate of [join(__dirname, '..', '..', 'schema'), join(__dirname, '..', '..', '..', 'schema')]) {
    try {
      if (readdirSync(candidate).some((name) => name.endsWith('.graphql'))) return candidate;
    } catch {
      // try the next location
    }
  }
  throw new Error(`schema/ not found next to ${__dirname}`);
}
