/**
 * Shared by the extract scripts: copies a node of an OpenAPI document without its prose (descriptions, summaries,
 * examples, tags), inlining parameter refs and keeping schema refs, whose targets it collects into `schemas`.
 */
const PROSE = new Set(['description', 'summary', 'example', 'examples', 'tags', 'externalDocs', 'title', 'x-code-samples']);

export function factsOf(doc, schemas) {
  const facts = (node) => {
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
      // `properties` maps names to schemas: a property may itself be called "description" or "title".
      if (PROSE.has(key)) continue;
      out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, facts(v)])) : facts(value);
    }
    return out;
  };
  return facts;
}

/** The schemas collected, sorted by name. */
export function sortedSchemas(schemas) {
  return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}
