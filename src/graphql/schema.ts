import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from '../generated/graphql';
import { DEFAULT_MAX_REPRESENTATIONS, guardEntities } from './entities';
import { bulkResolvers } from './resolvers/bulk';
import { contactEntityResolvers } from './resolvers/contactEntity';
import { contactResolvers } from './resolvers/contacts';
import { conversationResolvers } from './resolvers/conversations';
import { csatResolvers } from './resolvers/csat';
import { applicationResolvers } from './resolvers/application';
import { platformResolvers } from './resolvers/platform';
import { inboxResolvers } from './resolvers/inboxes';
import { messageResolvers } from './resolvers/messages';
import { subscriptionResolvers } from './resolvers/subscriptions';
import { scalarResolvers } from './scalars';
import { buildSubgraphFromSdl } from './subgraph';

/** schema/ at the project root, whether running from src/ (tests) or dist/src/ (npm start). */
export const SCHEMA_DIR = findSchemaDir();

/** The SDL files of schema/ and its folders (one per API), joined in path order. */
export function loadTypeDefs(dir = SCHEMA_DIR): string {
  return sdlFiles(dir)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

/** Every .graphql file below `dir`, files before folders, each level in name order. */
export function sdlFiles(dir = SCHEMA_DIR): string[] {
  const names = readdirSync(dir).sort();
  const files = names.filter((name) => name.endsWith('.graphql')).map((name) => join(dir, name));
  const folders = names.filter((name) => !name.includes('.') && statSync(join(dir, name)).isDirectory());
  return [...files, ...folders.flatMap((folder) => sdlFiles(join(dir, folder)))];
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
  ...applicationResolvers,
  platformResolvers,
  subscriptionResolvers,
];

/** Bounds the schema applies by itself, at execution. */
export interface SchemaSettings {
  /** The most representations one `_entities` field resolves (GATEWAY_MAX_ENTITY_REPRESENTATIONS). */
  readonly maxEntityRepresentations?: number;
}

/**
 * Builds the executable schema, a Federation 2 subgraph, from the SDL, the scalars' parsers and the resolvers, with
 * `_entities` guarded against malformed and oversized representation lists (src/graphql/entities.ts).
 */
export function buildGatewaySchema(settings: SchemaSettings = {}): GraphQLSchema {
  const schema = buildSubgraphFromSdl(loadTypeDefs(), resolvers);
  return guardEntities(schema, settings.maxEntityRepresentations ?? DEFAULT_MAX_REPRESENTATIONS);
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
