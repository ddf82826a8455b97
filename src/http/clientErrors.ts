import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode } from '../errors';

/**
 * Requests Node refuses before any handler sees them (headers too large, a malformed request line, a request that
 * took too long) are answered by Node with a bare status line and no body. This answers them in the gateway's own
 * shape instead, `{"errors":[{"message","extensions":{"code"}}]}`, so that clients and log pipelines parse every
 * refusal the same way. The connection is closed after: Node's parser cannot resume on a broken request.
 */

interface Refusal {
  readonly status: number;
  readonly reason: string;
  readonly message: string;
  readonly code: ErrorCode;
}

function refusalFor(code: string | undefined): Refusal {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        reason: 'Request Header Fields Too Large',
        message: 'The request headers are larger than this server accepts.',
        code: ErrorCode.BAD_REQUEST,
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, reason: 'Payload Too Large', message: 'The chunk extensions are too large.', code: ErrorCode.PAYLOAD_TOO_LARGE };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', message: 'The request was not received in time.', code: ErrorCode.BAD_REQUEST };
    default:
      return { status: 400, reason: 'Bad Request', message: 'The HTTP request is malformed.', code: ErrorCode.BAD_REQUEST };
  }
}

/** Whether a response to this socket has already started (then nothing more can be written to it). */
function responseStarted(socket: Duplex): boolean {
  const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return current?.headersSent === true;
}

/** Installs the 'clientError' handler on `server`; it replaces Node's default answer. */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable || responseStarted(socket)) {
      socket.destroy();
      return;
    }
    const refusal = refusalFor(error.code);
    const body = JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
