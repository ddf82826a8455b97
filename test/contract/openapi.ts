import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import spec from './client-api.openapi.json';

/**
 * Reads the committed facts-only copy of Chatwoot's OpenAPI document (scripts/extract-client-api-spec.mjs) and checks
 * requests and responses against it with ajv. The document is OpenAPI 3.1, whose schemas are JSON Schema 2020-12
 * (nullable written as `type: [..., "null"]`), hence ajv's 2020 dialect.
 */

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: object;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
type PathItem = { parameters?: Parameter[] } & Partial<Record<'get' | 'post' | 'patch' | 'put', Operation>>;

const PATHS = spec.paths as unknown as Record<string, PathItem>;

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

/** A multipart/form-data request body, parsed: its text fields, and the names of its file parts in order. */
export interface MultipartRequestBody {
  fields: Record<string, string>;
  fileFields: string[];
}

/** The document's components with the errata above applied. */
function correctedComponents(): object {
  const components = JSON.parse(JSON.stringify(spec.components)) as {
    schemas: { public_inbox: { properties: { working_hours: { items: { properties: Record<string, { type: unknown }> } } } } };
  };
  const hours = components.schemas.public_inbox.properties.working_hours.items.properties;
  for (const name of SPEC_ERRATA.nullableInboxHours) hours[name]!.type = ['integer', 'null'];
  return components;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('binary', true);
ajv.addSchema({ $id: 'chatwoot-client-api', components: correctedComponents() }, 'chatwoot-client-api');

const compiled = new Map<string, ValidateFunction>();
function validator(schema: object): ValidateFunction {
  // Local refs point into the document's components; make them absolute to the registered copy.
  const text = JSON.stringify(schema).replace(/"#\/components\//g, '"chatwoot-client-api#/components/');
  let validate = compiled.get(text);
  if (!validate) {
    validate = ajv.compile(JSON.parse(text) as object);
    compiled.set(text, validate);
  }
  return validate;
}

export interface SpecOperation {
  readonly template: string;
  readonly method: string;
  readonly operation: Operation;
  readonly parameters: Parameter[];
}

/** Every operation of the copy, with its path-level parameters merged in. */
export function specOperations(): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [template, item] of Object.entries(PATHS)) {
    for (const method of ['get', 'post', 'patch', 'put'] as const) {
      const operation = item[method];
      if (operation) out.push({ template, method: method.toUpperCase(), operation, parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])] });
    }
  }
  return out;
}

function templateRegex(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([a-z_]+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${source}$`), names };
}

/** The operation a request is for, by method and path; path parameters decoded. */
export function matchOperation(method: string, path: string): { op: SpecOperation; params: Record<string, string> } | null {
  for (const op of specOperations()) {
    if (op.method !== method) continue;
    const { regex, names } = templateRegex(op.template);
    const match = regex.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
    return { op, params };
  }
  return null;
}

/** A path or query value as its schema types it (an integer parameter must be written as digits). */
function coerce(value: string, schema: object): unknown {
  const type = (schema as { type?: unknown }).type;
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  return value;
}

/** Every way the request breaks the document: unknown operation, parameters, body. Empty when it conforms. */
export function requestProblems(request: { method: string; path: string; query: string; body: unknown; multipart?: MultipartRequestBody }): string[] {
  const found = matchOperation(request.method, request.path);
  if (!found) return [`${request.method} ${request.path} is not an operation of the document`];
  const { op, params } = found;
  const problems: string[] = [];
  const check = (what: string, schema: object, value: unknown) => {
    const validate = validator(schema);
    if (!validate(value)) problems.push(`${what}: ${ajv.errorsText(validate.errors)}`);
  };

  for (const parameter of op.parameters.filter((p) => p.in === 'path')) {
    const schema = SPEC_ERRATA.parameterSchemas[parameter.name] ?? parameter.schema ?? {};
    check(`path parameter ${parameter.name}`, schema, coerce(params[parameter.name] ?? '', schema));
  }

  const query = new URLSearchParams(request.query);
  const declared = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  const extra = SPEC_ERRATA.extraQueryParameters[op.operation.operationId] ?? {};
  for (const parameter of declared.values()) {
    if (parameter.required && !query.has(parameter.name)) problems.push(`query parameter ${parameter.name} is required`);
  }
  for (const [name, value] of query) {
    const schema = declared.get(name)?.schema ?? extra[name];
    if (!schema) problems.push(`query parameter ${name} is not in the document`);
    else check(`query parameter ${name}`, schema, coerce(value, schema));
  }

  const body = op.operation.requestBody;
  if (request.multipart) {
    const allowed = SPEC_ERRATA.multipartBodies[op.operation.operationId];
    const media = body?.content['application/json'];
    if (!allowed || !media) return [...problems, `${op.operation.operationId} takes no multipart/form-data body`];
    check('multipart text fields', media.schema, request.multipart.fields);
    for (const name of request.multipart.fileFields) {
      if (!allowed.fileFields.includes(name)) problems.push(`file part ${name} is not one Chatwoot reads`);
    }
    return problems;
  }
  if (!body) {
    if (request.body !== undefined) problems.push('the operation takes no request body, but one was sent');
  } else if (request.body === undefined) {
    if (body.required) problems.push('the request body is required');
  } else {
    const media = body.content['application/json'];
    if (!media) problems.push('the operation takes no JSON body');
    else check('request body', media.schema, request.body);
  }
  return problems;
}

/** Whether a response conforms to the documented response of its status. */
export function responseProblems(method: string, path: string, status: number, contentType: string, text: string): string[] {
  const found = matchOperation(method, path);
  if (!found) return [`${method} ${path} is not an operation of the document`];
  const documented = found.op.operation.responses[String(status)];
  if (!documented) return [`status ${status} is not documented for ${found.op.operation.operationId}`];
  const media = documented.content?.['application/json'];
  if (!media) {
    // Documented without a JSON body: an empty answer (or, for the survey page, a web page).
    return text === '' || contentType.startsWith('text/html') ? [] : [`expected no JSON body, got ${contentType}: ${text.slice(0, 80)}`];
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`the body is not JSON: ${text.slice(0, 80)}`];
  }
  const validate = validator(media.schema);
  return validate(body) ? [] : [`response body: ${ajv.errorsText(validate.errors)}`];
}
