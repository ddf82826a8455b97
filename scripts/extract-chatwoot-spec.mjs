#!/usr/bin/env node
/**
 * Writes test/contract/chatwoot.openapi.json: the facts the Application and Platform contract and coverage tests need
 * from Chatwoot's complete OpenAPI document (every path, method, operationId, parameter, request body and response
 * schema), with every description, summary and example dropped. Run it by hand when Chatwoot publishes a new document:
 *
 *   node scripts/extract-chatwoot-spec.mjs <folder holding swagger.json>
 *
 * The tests only read the committed output, never the upstream document.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node scripts/extract-chatwoot-spec.mjs <folder with swagger.json>');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(join(folder, 'swagger.json'), 'utf8'));

const PROSE = new Set(['description', 'summary', 'example', 'examples', 'tags', 'externalDocs', 'title', 'x-code-samples']);
const schemas = {};

/** Copies a node without prose; parameter refs are inlined, schema refs kept and their targets collected. */
function facts(node) {
  if (Array.isArray(node)) return node.map((item) => facts(item));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const [, kind, name] = node.$ref.match(/^#\/components\/(\w+)\/(.+)$/) ?? [];
    if (kind === 'schemas') {
      if (!(name in schemas)) {
        schemas[name] = null;
        schemas[name] = facts(doc.components.schemas[name]);
      }
      return { $ref: node.$ref };
    }
    return facts(doc.components[kind][name]);
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (PROSE.has(key)) continue;
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, facts(v)])) : facts(value);
  }
  return out;
}

const paths = {};
for (const [path, item] of Object.entries(doc.paths)) paths[path] = facts(item);
const out = {
  openapi: doc.openapi,
  info: { title: 'Chatwoot API: facts for the contract and coverage tests', version: doc.info?.version ?? 'unknown' },
  paths,
  components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) },
};
writeFileSync(new URL('../test/contract/chatwoot.openapi.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${Object.keys(paths).length} paths and ${Object.keys(schemas).length} schemas`);
