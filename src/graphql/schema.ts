import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from '../generated/graphql';
import { bulkResolvers } from './resolvers/bulk';
import { contactResolvers } from './resolvers/contacts';
import { conversationResolvers } from './resolvers/conversations';
import { csatResolvers } from './resolvers/csat';
import { inboxResolvers } from './resolvers/inboxes';
import { messageResolvers } from './resolvers/messages';
import { scalarResolvers } from './scalars';

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

/** The resolvers of every object type, typed by codegen from the SDL. */
export const resolvers: Resolvers[] = [
  contactResolvers,
  bulkResolvers,
  inboxResolvers,
  conversationResolvers,
  messageResolvers,
  csatResolvers,
];

/** Builds the executable schema from the SDL, the scalars' parsers and the resolvers. */
export function buildGatewaySchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: [scalarResolvers, ...resolvers] });
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
