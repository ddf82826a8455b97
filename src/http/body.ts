import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../errors';

/** The request body was unusable; `status` is the HTTP status to answer with. */
export class RequestBodyError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The catalogue code to answer with. */
    readonly code: ErrorCode = ErrorCode.BAD_REQUEST,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON request body of at most `limit` bytes. A larger body is refused as soon as it passes the limit
 * (by Content-Length before reading when declared), so a client cannot make the gateway buffer an unbounded body.
 * Returns undefined for a request without a body, and the raw text for a content type other than JSON
 * (Apollo then answers with its own clear error).
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    req.resume();
    throw new RequestBodyError(`The request body is larger than the limit of ${limit} bytes.`, 413, ErrorCode.PAYLOAD_TOO_LARGE);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw new RequestBodyError(`The request body is larger than the limit of ${limit} bytes.`, 413, ErrorCode.PAYLOAD_TOO_LARGE);
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/(graphql-response\+)?json\b/i.test(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RequestBodyError('The request body is not valid JSON.', 400);
  }
}
