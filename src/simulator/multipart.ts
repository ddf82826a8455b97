import { Readable } from 'node:stream';
import busboy from 'busboy';
import type { JsonObject } from './store';

/** A file part of a multipart body, as Rails hands it to a controller (an ActionDispatch::Http::UploadedFile). */
export interface SimUploadedFile {
  /** The part's field name, e.g. `attachments[]`. */
  field: string;
  filename: string;
  mimeType: string;
  content: Buffer;
}

/** A multipart/form-data body: text fields (Rails' params) and file parts. */
export interface SimMultipartBody {
  fields: JsonObject;
  files: SimUploadedFile[];
}

/** The simulator stands in for a Chatwoot on loopback; 50 MB keeps a runaway test from filling memory. */
const MAX_PART_BYTES = 50 * 1024 * 1024;

/** Parses a buffered multipart body; null when it is malformed (Rails answers 400). */
export function parseMultipart(raw: Buffer, contentType: string): Promise<SimMultipartBody | null> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8', limits: { fileSize: MAX_PART_BYTES } });
    } catch {
      resolve(null);
      return;
    }
    const fields: JsonObject = {};
    const files: SimUploadedFile[] = [];
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => files.push({ field, filename: info.filename ?? field, mimeType: info.mimeType, content: Buffer.concat(chunks) }));
    });
    parser.on('error', () => resolve(null));
    parser.on('close', () => resolve({ fields, files }));
    Readable.from([raw]).pipe(parser);
  });
}
