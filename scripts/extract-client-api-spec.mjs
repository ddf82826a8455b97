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
import { factsOf, sortedSchemas } from './spec-facts.mjs';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node scripts/extract-client-api-spec.mjs <folder with swagger.json and other_swagger.json>');
  process.exit(2);
}
const main = JSON.parse(readFileSync(join(folder, 'swagger.json'), 'utf8'));
const other = JSON.parse(readFileSync(join(folder, 'other_swagger.json'), 'utf8'));

const schemas = {};
const mainFacts = factsOf(main, schemas);
const otherFacts = factsOf(other, schemas);
/** The facts of a node of either document (the survey page is only in the other one). */
const facts = (node, doc) => (doc === other ? otherFacts(node) : mainFacts(node));

const paths = {};
for (const [path, item] of Object.entries(main.paths)) if (path.startsWith('/public/api/v1/inboxes/')) paths[path] = facts(item, main);
paths['/survey/responses/{conversation_uuid}'] = facts(other.paths['/survey/responses/{conversation_uuid}'], other);

const out = {
  openapi: main.openapi,
  info: { title: 'Chatwoot Client API: facts for the contract test', version: main.info?.version ?? 'unknown' },
  paths,
  components: { schemas: sortedSchemas(schemas) },
};
writeFileSync(new URL('../test/contract/client-api.openapi.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${Object.keys(paths).length} paths and ${Object.keys(schemas).length} schemas`);
