import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { UploadFile } from '../chatwoot/types';
import { ErrorCode } from '../errors';
import { RequestBodyError } from './body';

/**
 * The GraphQL multipart request spec (github.com/jaydenseric/graphql-multipart-request-spec): a multipart/form-data
 * POST whose first field `operations` is the usual JSON body with null where files go, whose second field `map` names,
 * for each file part, the places in `operations` it fills (`{ "0": ["variables.input.attachments.0"] }`), and whose
 * remaining parts are the files. Parsed with busboy; each file is held in memory (it is sent on to Chatwoot after
 * the operation has run), so its size and the number of files are bounded here.
 */

export interface MultipartLimits {
  /** Largest single file, in bytes. */
  readonly maxFileBytes: number;
  /** Most files in one request. */
  readonly maxFiles: number;
  /** Most bytes of all files of one request together. */
  readonly maxTotalBytes: number;
  /** Largest `operations` or `map` field, in bytes (the JSON body limit). */
  readonly maxFieldBytes: number;
}

/**
 * Why a `map` path of `operations` may not receive a file (null when it may): src/graphql/uploadTargets.ts checks it
 * against the operation's variable types. Without one, any null placeholder is accepted.
 */
export type UploadTargetCheck = (operations: unknown, path: string) => string | null;

/** Whether a request is a multipart upload; the JSON path never pays for more than this test. */
export function isMultipart(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return type !== undefined && /^multipart\/form-data\b/i.test(type);
}

/**
 * A multipart POST is a CORS "simple" request that a browser sends cross-site without asking, so, exactly like Apollo's
 * CSRF prevention, it is only accepted with a header a simple request cannot carry.
 */
export function hasPreflightHeader(req: IncomingMessage): boolean {
  const headers = req.headers;
  return Boolean(headers['apollo-require-preflight'] || headers['x-apollo-operation-name']);
}

/** Keys a map path may not walk through: they would reach Object.prototype rather than the operations' own data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Reads a multipart request and returns `operations` with every mapped place holding its UploadFile. Each file must
 * be mapped to exactly one place, and each place be one `checkTarget` accepts; both are checked when `map` arrives,
 * before any file part is read, so a refused request holds no file in memory.
 */
export function readMultipartBody(req: IncomingMessage, limits: MultipartLimits, checkTarget?: UploadTargetCheck): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // busboy reports a size limit when a part reaches it, so one byte more: a file of exactly the limit is accepted.
      parser = busboy({
        headers: req.headers,
        // Browsers and undici write file names as raw UTF-8; busboy's default would read them as Latin-1.
        defParamCharset: 'utf8',
        limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: 2, fieldSize: limits.maxFieldBytes + 1 },
      });
    } catch {
      reject(badRequest('The multipart request has no usable boundary in its Content-Type.'));
      return;
    }
    let operations: unknown;
    let map: Map<string, string[]> | undefined;
    const files = new Map<string, UploadFile>();
    let settled = false;
    let pending = 0;
    let totalBytes = 0;
    let ended = false;

    const fail = (error: RequestBodyError) => {
      if (settled) return;
      settled = true;
      // Stop parsing and drain what the client still sends, so it reads our answer instead of a reset.
      req.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => undefined);
      req.resume();
      reject(error);
    };
    const finish = () => {
      if (settled || !ended || pending > 0) return;
      if (map === undefined) return fail(badRequest('The multipart request has no `map` field.'));
      for (const name of map.keys()) {
        if (!files.has(name)) return fail(badRequest(`The multipart request maps the file "${name}" but carries no such file part.`));
      }
      try {
        for (const [name, paths] of map) for (const path of paths) place(operations, path, files.get(name)!);
      } catch (error) {
        return fail(error as RequestBodyError);
      }
      settled = true;
      resolve(operations);
    };

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(tooLarge(`The \`${name}\` field is larger than ${limits.maxFieldBytes} bytes.`));
      if (name === 'operations' && operations === undefined && map === undefined) {
        operations = parseJson(value, 'operations', fail);
        if (operations === null || typeof operations !== 'object') fail(badRequest('The `operations` field must be a JSON object or array.'));
      } else if (name === 'map' && operations !== undefined && map === undefined) {
        map = parseMap(parseJson(value, 'map', fail), limits.maxFiles, fail);
        if (map && checkTarget) checkTargets(operations, map, checkTarget, fail);
      } else {
        fail(badRequest('A multipart request starts with the fields `operations` then `map`, each once, before any file.'));
      }
    });
    parser.on('file', (name, stream, info) => {
      if (map === undefined) {
        stream.resume();
        return fail(badRequest('A multipart request must send `operations` and `map` before its files.'));
      }
      if (!map.has(name) || files.has(name)) {
        stream.resume();
        return fail(badRequest(`The file part "${name}" is not named in \`map\` (or is sent twice).`));
      }
      pending++;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        totalBytes += chunk.length;
        if (totalBytes > limits.maxTotalBytes) {
          return fail(tooLarge(`The files of this request are larger than ${limits.maxTotalBytes} bytes together (GATEWAY_MAX_UPLOAD_TOTAL_BYTES).`));
        }
        chunks.push(chunk);
      });
      stream.on('limit', () =>
        fail(tooLarge(`The file "${info.filename}" is larger than the limit of ${limits.maxFileBytes} bytes (GATEWAY_MAX_UPLOAD_BYTES).`)),
      );
      stream.on('end', () => {
        pending--;
        if (settled) return;
        files.set(name, { filename: info.filename || name, mimeType: info.mimeType || 'application/octet-stream', content: Buffer.concat(chunks) });
        finish();
      });
    });
    parser.on('filesLimit', () => fail(tooLarge(`The request carries more than ${limits.maxFiles} files (GATEWAY_MAX_UPLOAD_FILES).`)));
    parser.on('fieldsLimit', () => fail(badRequest('A multipart request carries only the fields `operations` and `map` besides its files.')));
    parser.on('error', () => fail(badRequest('The multipart request body is malformed.')));
    parser.on('close', () => {
      ended = true;
      finish();
    });
    // A client that goes away mid-body: nothing will be answered, but the request must not hang.
    req.on('aborted', () => fail(badRequest('The request body was not received completely.')));
    req.pipe(parser);
  });
}

function parseJson(text: string, field: string, fail: (error: RequestBodyError) => void): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    fail(badRequest(`The \`${field}\` field is not valid JSON.`));
    return undefined;
  }
}

/** `map` is an object of file part names to non-empty arrays of dotted paths. */
function parseMap(value: unknown, maxFiles: number, fail: (error: RequestBodyError) => void): Map<string, string[]> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(badRequest('The `map` field must be a JSON object of file names to arrays of paths in `operations`.'));
    return undefined;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > maxFiles) {
    fail(tooLarge(`The request maps ${entries.length} files; at most ${maxFiles} are accepted (GATEWAY_MAX_UPLOAD_FILES).`));
    return undefined;
  }
  const map = new Map<string, string[]>();
  for (const [name, paths] of entries) {
    if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p): p is string => typeof p === 'string' && p !== '')) {
      fail(badRequest(`\`map\` entry "${name}" must be a non-empty array of paths such as "variables.file".`));
      return undefined;
    }
    // One file in many places would be sent upstream once per place: the spec allows it, this gateway does not.
    if (paths.length > 1) {
      fail(badRequest(`\`map\` entry "${name}" names ${paths.length} places; each file fills exactly one (send it again for another).`));
      return undefined;
    }
    map.set(name, paths);
  }
  return map;
}

/** Refuses the request when a mapped place is not one where a file may go. */
function checkTargets(operations: unknown, map: Map<string, string[]>, check: UploadTargetCheck, fail: (error: RequestBodyError) => void): void {
  for (const [name, paths] of map) {
    for (const path of paths) {
      const reason = check(operations, path);
      if (reason !== null) {
        fail(badRequest(`\`map\` entry "${name}" puts a file at "${clipPath(path)}", which is not an Upload position: ${reason}.`));
        return;
      }
    }
  }
}

/** A client's path, shortened for the message (it may be up to the field size limit). */
function clipPath(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/** Puts a file at a dotted path of `operations`; the path must lead to an existing placeholder (the spec's null). */
function place(operations: unknown, path: string, file: UploadFile): void {
  const keys = path.split('.');
  let target: unknown = operations;
  for (const [index, key] of keys.entries()) {
    const isLast = index === keys.length - 1;
    if (FORBIDDEN_KEYS.has(key) || target === null || typeof target !== 'object' || !Object.hasOwn(target, key)) {
      throw badRequest(`The \`map\` path "${path}" does not lead to a place in \`operations\`.`);
    }
    if (isLast) {
      if ((target as Record<string, unknown>)[key] !== null) {
        throw badRequest(`The \`map\` path "${path}" must point at a null placeholder in \`operations\`.`);
      }
      (target as Record<string, unknown>)[key] = file;
    } else {
      target = (target as Record<string, unknown>)[key];
    }
  }
}

function badRequest(message: string): RequestBodyError {
  return new RequestBodyError(message, 400, ErrorCode.BAD_REQUEST);
}

function tooLarge(message: string): RequestBodyError {
  return new RequestBodyError(message, 413, ErrorCode.PAYLOAD_TOO_LARGE);
}
