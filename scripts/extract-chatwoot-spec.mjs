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
import { factsOf, sortedSchemas } from './spec-facts.mjs';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node scripts/extract-chatwoot-spec.mjs <folder with swagger.json>');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(join(folder, 'swagger.json'), 'utf8'));

const schemas = {};
const facts = factsOf(doc, schemas);

const paths = {};
for (const [path, item] of Object.entries(doc.paths)) paths[path] = facts(item);
const out = {
  openapi: doc.openapi,
  info: { title: 'Chatwoot API: facts for the contract and coverage tests', version: doc.info?.version ?? 'unknown' },
  paths,
  components: { schemas: sortedSchemas(schemas) },
};
writeFileSync(new URL('../test/contract/chatwoot.openapi.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${Object.keys(paths).length} paths and ${Object.keys(schemas).length} schemas`);
