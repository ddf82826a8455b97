import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

/**
 * Checks requests and responses against a committed facts-only copy of one of Chatwoot's OpenAPI documents with ajv,
 * after applying that document's errata: the places where the document is wrong about what Chatwoot does, each
 * written down with its reason next to the checker that uses it. OpenAPI 3.1 schemas are JSON Schema 2020-12
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
type PathItem = { parameters?: Parameter[] } & Partial<Record<'get' | 'post' | 'patch' | 'put' | 'delete', Operation>>;

export interface SpecDocument {
  readonly paths: unknown;
  readonly components: unknown;
}

/** Where a document is wrong, by kind of correction. */
export interface SpecErrata {
  /** Path parameter schemas by parameter name, replacing the document's. */
  readonly parameterSchemas?: Record<string, object>;
  /** Query parameters Chatwoot reads that the document leaves out, by operationId. */
  readonly extraQueryParameters?: Record<string, Record<string, object>>;
  /** Request body schemas replacing the document's, by operationId. */
  readonly requestBodies?: Record<string, object>;
  /** Operations Chatwoot also takes as multipart/form-data, with the names of their file parts. */
  readonly multipartBodies?: Record<string, { fileFields: string[] }>;
  /** Operations whose recorded path differs from every documented one in a known way: `{ from: RegExp, to: string }`. */
  readonly pathAliases?: readonly { readonly from: RegExp; readonly to: string }[];
}

/** A multipart/form-data request body, parsed: its text fields, and the names of its file parts in order. */
export interface MultipartRequestBody {
  fields: Record<string, string>;
  fileFields: string[];
}

export interface SpecOperation {
  readonly template: string;
  readonly method: string;
  readonly operation: Operation;
  readonly parameters: Parameter[];
}

export interface RecordedCall {
  method: string;
  path: string;
  query: string;
  body: unknown;
  multipart?: MultipartRequestBody;
}

export interface SpecChecker {
  specOperations(): SpecOperation[];
  matchOperation(method: string, path: string): { op: SpecOperation; params: Record<string, string> } | null;
  requestProblems(request: RecordedCall): string[];
  responseProblems(method: string, path: string, status: number, contentType: string, text: string): string[];
}

function templateRegex(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([a-z_]+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${source}$`), names };
}

/** A path or query value as its schema types it (an integer parameter must be written as digits). */
function coerce(value: string, schema: object): unknown {
  const type = (schema as { type?: unknown }).type;
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  return value;
}

/** A checker for one document (`id` names its copy in ajv), with its errata applied. */
export function createSpecChecker(id: string, spec: SpecDocument, components: object, errata: SpecErrata): SpecChecker {
  const paths = spec.paths as Record<string, PathItem>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: id, components }, id);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (schema: object): ValidateFunction => {
    // Local refs point into the document's components; make them absolute to the registered copy.
    const text = JSON.stringify(schema).replace(/"#\/components\//g, `"${id}#/components/`);
    let validate = compiled.get(text);
    if (!validate) {
      validate = ajv.compile(JSON.parse(text) as object);
      compiled.set(text, validate);
    }
    return validate;
  };

  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries(paths)) {
    for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
      const operation = item[method];
      if (operation) operations.push({ template, method: method.toUpperCase(), operation, parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])] });
    }
  }

  function matchOperation(method: string, rawPath: string) {
    const path = (errata.pathAliases ?? []).reduce((out, alias) => out.replace(alias.from, alias.to), rawPath);
    for (const op of operations) {
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

  function requestProblems(request: RecordedCall): string[] {
    const found = matchOperation(request.method, request.path);
    if (!found) return [`${request.method} ${request.path} is not an operation of the document`];
    const { op, params } = found;
    const operationId = op.operation.operationId;
    const problems: string[] = [];
    const check = (what: string, schema: object, value: unknown) => {
      const validate = validator(schema);
      if (!validate(value)) problems.push(`${what}: ${ajv.errorsText(validate.errors)}`);
    };

    // The document repeats some path parameters under other names; each placeholder is checked once.
    const pathParameters = new Map(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]));
    for (const parameter of pathParameters.values()) {
      if (!(parameter.name in params)) continue;
      const schema = errata.parameterSchemas?.[parameter.name] ?? parameter.schema ?? {};
      check(`path parameter ${parameter.name}`, schema, coerce(params[parameter.name] ?? '', schema));
    }

    const query = new URLSearchParams(request.query);
    const declared = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
    const extra = errata.extraQueryParameters?.[operationId] ?? {};
    for (const parameter of declared.values()) {
      if (parameter.required && !query.has(parameter.name) && !(parameter.name in extra)) problems.push(`query parameter ${parameter.name} is required`);
    }
    for (const [name, value] of query) {
      const schema = extra[name] ?? declared.get(name)?.schema;
      if (!schema) problems.push(`query parameter ${name} is not in the document`);
      else check(`query parameter ${name}`, schema, coerce(value, schema));
    }

    const body = op.operation.requestBody;
    const replaced = errata.requestBodies?.[operationId];
    if (request.multipart) {
      const allowed = errata.multipartBodies?.[operationId];
      const media = replaced ?? body?.content['application/json']?.schema;
      if (!allowed || !media) return [...problems, `${operationId} takes no multipart/form-data body`];
      check('multipart text fields', media, request.multipart.fields);
      for (const name of request.multipart.fileFields) {
        if (!allowed.fileFields.includes(name)) problems.push(`file part ${name} is not one Chatwoot reads`);
      }
      return problems;
    }
    const schema = replaced ?? body?.content['application/json']?.schema;
    if (!body && !replaced) {
      if (request.body !== undefined) problems.push('the operation takes no request body, but one was sent');
    } else if (request.body === undefined) {
      if (body?.required) problems.push('the request body is required');
    } else if (!schema) {
      problems.push('the operation takes no JSON body');
    } else {
      check('request body', schema, request.body);
    }
    return problems;
  }

  function responseProblems(method: string, path: string, status: number, contentType: string, text: string): string[] {
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

  return { specOperations: () => operations, matchOperation, requestProblems, responseProblems };
}
