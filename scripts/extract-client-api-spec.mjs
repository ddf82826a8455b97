#!/usr/bin/env node
/**
 * Writes test/contract/client-api.openapi.json: the facts the contract test needs from Chatwoot's OpenAPI documents
 * (paths, methods, parameters, request bodies, response schemas of the Client API and the CSAT survey page), with
 * every description, summary and example dropped. Run it by hand when Chatwoot publishes a new document:
 *
 *   node scripts/extract-client-api-spec.mjs <folder holding swagger.json and other_swagger.json>
 *
 * The tests only read the committed output, never the upstream documents.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node scripts/extract-client-api-spec.mjs <folder with swagger.json and other_swagger.json>');
  process.exit(2);
}
const main = JSON.parse(readFileSync(join(folder, 'swagger.json'), 'utf8'));
const other = JSON.parse(readFileSync(join(folder, 'other_swagger.json'), 'utf8'));

const PROSE = new Set(['description', 'summary', 'example', 'examples', 'tags', 'externalDocs', 'title']);
const schemas = {};

/** Copies a node without prose; parameter refs are inlined, schema refs kept and their targets collected. */
function facts(node, doc) {
  if (Array.isArray(node)) return node.map((item) => facts(item, doc));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const [, kind, name] = node.$ref.match(/^#\/components\/(\w+)\/(.+)$/) ?? [];
    if (kind === 'schemas') {
      if (!(name in schemas)) {
        schemas[name] = null;
        schemas[name] = facts(doc.components.schemas[name], doc);
      }
      return { $ref: node.$ref };
    }
    return facts(doc.components[kind][name], doc);
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    // `properties` maps names to schemas: a property may itself be called "description" or "title".
    if (PROSE.has(key)) continue;
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, facts(v, doc)])) : facts(value, doc);
  }
  return out;
}

const paths = {};
for (const [path, item] of Object.entries(main.paths)) if (path.startsWith('/public/api/v1/inboxes/')) paths[path] = facts(item, main);
paths['/survey/responses/{conversation_uuid}'] = facts(other.paths['/survey/responses/{conversation_uuid}'], other);

const out = {
  openapi: main.openapi,
  info: { title: 'Chatwoot Client API: facts for the contract test', version: main.info?.version ?? 'unknown' },
  paths,
  components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) },
};
writeFileSync(new URL('../test/contract/client-api.openapi.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${Object.keys(paths).length} paths and ${Object.keys(schemas).length} schemas`);
