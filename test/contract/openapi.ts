import { createSpecChecker } from './specChecker';
import spec from './client-api.openapi.json';

/**
 * The Client API's contract: the committed facts-only copy of its part of Chatwoot's OpenAPI document
 * (scripts/extract-client-api-spec.mjs), with its errata, checked by test/contract/specChecker.ts.
 */


/**
 * Where the published document is wrong about what Chatwoot does, checked here against Chatwoot's behaviour instead.
 * Each entry says why; keep the list short.
 */
export const SPEC_ERRATA = {
  /** The survey route takes the conversation's UUID; the document types the parameter as an integer. */
  parameterSchemas: { conversation_uuid: { type: 'string', pattern: '^[^/]+$' } } as Record<string, object>,
  /** Chatwoot's message finder pages back with `before=<message id>`; the document leaves the parameter out. */
  extraQueryParameters: {
    'list-all-conversation-messages': { before: { type: 'string', pattern: '^[1-9][0-9]*$' } },
    // A GET carries its identity proof in the query: the HMAC check reads `identifier` and `identifier_hash` there.
    'get-details-of-a-contact': { identifier: { type: 'string' }, identifier_hash: { type: 'string', pattern: '^[0-9a-f]+$' } },
  } as Record<string, Record<string, object>>,
  /**
   * The inbox's working hours are null on days closed all day: the document's own descriptions say so, and Chatwoot's
   * view renders them as null, but the schema types them as plain integers.
   */
  nullableInboxHours: ['open_hour', 'open_minutes', 'close_hour', 'close_minutes'],
  /**
   * Bodies Chatwoot also takes as multipart/form-data, which the document leaves out: it gives sending a message a JSON
   * body only, but the controller permits `attachments: []` and Chatwoot's own widget sends files as multipart parts
   * named `attachments[]`. A multipart request is checked here: its text fields against the documented JSON schema,
   * its file parts by name.
   */
  multipartBodies: { 'create-a-message': { fileFields: ['attachments[]'] } } as Record<string, { fileFields: string[] }>,
};

/** The document's components with the errata above applied. */
function correctedComponents(): object {
  const components = JSON.parse(JSON.stringify(spec.components)) as {
    schemas: { public_inbox: { properties: { working_hours: { items: { properties: Record<string, { type: unknown }> } } } } };
  };
  const hours = components.schemas.public_inbox.properties.working_hours.items.properties;
  for (const name of SPEC_ERRATA.nullableInboxHours) hours[name]!.type = ['integer', 'null'];
  return components;
}

const checker = createSpecChecker('chatwoot-client-api', spec, correctedComponents(), SPEC_ERRATA);
export const { specOperations, matchOperation, requestProblems, responseProblems } = checker;
export type { MultipartRequestBody } from './specChecker';
