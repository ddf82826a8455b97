import { Readable } from 'node:stream';
import busboy from 'busboy';
import { fetch, FormData } from 'undici';

/** A file to upload in a test. */
export interface TestFile {
  name: string;
  type: string;
  content: Buffer;
}

/** The answer to a multipart POST, as a client sees it. */
export interface UploadResponse {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/**
 * POSTs a GraphQL multipart request (operations, map, then one part per file, named "0", "1", ...) over real HTTP, as
 * a browser's upload client does. `paths[i]` is where file i goes in the operations; `headers` replace the default
 * preflight header. `map` and `operationsText` override those fields' text, to send malformed ones.
 */
export async function postUpload(
  url: string,
  operations: unknown,
  files: TestFile[],
  paths: string[],
  options: { headers?: Record<string, string>; map?: string; operationsText?: string } = {},
): Promise<UploadResponse> {
  const form = new FormData();
  form.append('operations', options.operationsText ?? JSON.stringify(operations));
  form.append('map', options.map ?? JSON.stringify(Object.fromEntries(paths.map((path, i) => [String(i), [path]]))));
  files.forEach((file, i) => form.append(String(i), new Blob([file.content], { type: file.type }), file.name));
  const response = await fetch(url, { method: 'POST', body: form, headers: options.headers ?? { 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: (await response.json()) as UploadResponse['body'] };
}

/** One part of a multipart/form-data body. */
export interface ReceivedPart {
  name: string;
  /** Set for file parts. */
  filename?: string;
  mimeType?: string;
  value: Buffer;
}

/** Parses a multipart/form-data body, in order of its parts, with busboy. */
export function parseMultipartBody(raw: Buffer, contentType: string): Promise<ReceivedPart[]> {
  return new Promise((resolve, reject) => {
    const parts: ReceivedPart[] = [];
    const parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' });
    parser.on('field', (name, value) => parts.push({ name, value: Buffer.from(value) }));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      const part: ReceivedPart = { name, filename: info.filename, mimeType: info.mimeType, value: Buffer.alloc(0) };
      parts.push(part);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => (part.value = Buffer.concat(chunks)));
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(parts));
    Readable.from([raw]).pipe(parser);
  });
}
