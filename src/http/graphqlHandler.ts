import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import { RequestBudget } from '../chatwoot/budget';
import type { ChatwootClient } from '../chatwoot/client';
import { ErrorCode } from '../errors';
import { type GatewayContext, tokenFromHeaders } from '../graphql/context';
import { checkBatchLength } from './batching';
import { RequestLoaders } from '../graphql/loaders';
import { PlatformAccess, principalOf, SERVICE_KEY_HEADER } from '../graphql/principal';
import type { PlatformConfig } from '../config';
import { RequestIdentity } from '../identity/requestIdentity';
import type { IdentityService } from '../identity/service';
import { readJsonBody, RequestBodyError } from './body';
import { addWriteCounts, countRequestWrites, type WriteCount, writeRefusal } from '../graphql/writes';
import { CallJournal } from '../observability/callJournal';
import type { Logger } from '../observability/logger';
import { hasPreflightHeader, isMultipart, type MultipartLimits, readMultipartBody, type UploadTargetCheck } from './multipart';

export interface GraphQLHandlerOptions {
  readonly apollo: ApolloServer<GatewayContext>;
  readonly chatwoot: ChatwootClient;
  readonly maxBodyBytes: number;
  /** The most operations a batched request (a JSON array body) may carry; left out when batching is off. */
  readonly maxBatchLength?: number;
  /** The most upstream reads one GraphQL request runs at once (default 8). */
  readonly maxConcurrentReads?: number;
  /** Bounds of GraphQL multipart uploads (files of sendMessage); uploads are refused when left out. */
  readonly uploads?: Omit<MultipartLimits, 'maxFieldBytes'>;
  /** Where a file may go in the operations (only at Upload positions); any null placeholder when left out. */
  readonly uploadTargets?: UploadTargetCheck;
  /** Receives failures masked for the client that Apollo's formatter does not see (bulk items); see GatewayContext. */
  readonly onInternalError?: (error: unknown) => void;
  /** GATEWAY_MAX_UPSTREAM_CALLS: the most calls to Chatwoot one HTTP request may make, batched operations together. */
  readonly maxUpstreamCalls: number;
  /** GATEWAY_MAX_BULK_ITEMS: the most bulk items one HTTP request may carry, all fields and operations together. */
  readonly maxBulkItems: number;
  /** GATEWAY_MAX_TOKENS, for parsing mutations to count their writes. */
  readonly maxTokens: number;
  /** Where the line about a client that left before its answer goes. */
  readonly logger?: Logger;
  /** Whether the Platform API is on, and who may use it; off when left out. */
  readonly platform?: { readonly enabled: boolean; readonly policy: PlatformConfig };
  /** Verified contact identity (src/identity/); left out when it is not configured. */
  readonly identity?: IdentityService;
}

const NO_PLATFORM: PlatformConfig = { serviceKeyDigests: [], operations: [], browserOperations: [] };

/**
 * Serves GraphQL over HTTP with Node's own http module in front of Apollo's transport-neutral
 * executeHTTPGraphQLRequest: no framework sits on the hot path, and Apollo keeps CSRF prevention and
 * the GraphQL-over-HTTP rules.
 */
export function createGraphQLHandler(options: GraphQLHandlerOptions) {
  const { apollo, chatwoot, maxBodyBytes } = options;
  const loaderSettings = { maxConcurrent: options.maxConcurrentReads ?? 8 };
  const platformEnabled = options.platform?.enabled === true;
  const platformPolicy = options.platform?.policy ?? NO_PLATFORM;

  return async function handleGraphQL(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The connection closing before the answer is written means the client is gone: its calls are not sent.
    const budget = new RequestBudget(options.maxUpstreamCalls);
    res.once('close', () => {
      if (!res.writableFinished) budget.cancel();
    });
    let body: unknown;
    // Only a multipart POST takes the upload path; the JSON hot path pays for one header test.
    const multipart = req.method === 'POST' && isMultipart(req);
    if (multipart && !hasPreflightHeader(req)) {
      req.resume();
      return sendError(
        res,
        400,
        'This multipart request has been blocked as a potential Cross-Site Request Forgery (CSRF). ' +
          'Send file uploads with a non-empty `apollo-require-preflight` (or `x-apollo-operation-name`) header.',
      );
    }
    try {
      if (multipart) {
        if (!options.uploads) throw new RequestBodyError('This gateway does not accept file uploads.', 400);
        body = await readMultipartBody(req, { ...options.uploads, maxFieldBytes: maxBodyBytes }, options.uploadTargets);
      } else {
        body = req.method === 'POST' ? await readJsonBody(req, maxBodyBytes) : undefined;
      }
    } catch (error) {
      if (!(error instanceof RequestBodyError)) throw error;
      sendError(res, error.status, error.message, error.code);
      return;
    }
    const refusal = checkBatchLength(body, options.maxBatchLength);
    if (refusal) return sendError(res, refusal.status, refusal.message);

    const writes = req.method === 'POST' ? countWrites(body, options.maxTokens) : null;
    if (writes) {
      const refused = writeRefusal(writes, options.maxBulkItems, budget.remaining, budget.maxCalls);
      if (refused) {
        const { code, ...rest } = refused.extensions;
        return sendError(res, 400, refused.message, code as string, rest);
      }
      budget.reserveWrites(writes.writes);
    }
    const requestId = req.headers['x-request-id'] as string | undefined;

    const headers = new HeaderMap();
    const incoming = req.headers;
    // for...in rather than Object.entries: no array per header on the hot path.
    for (const key in incoming) {
      const value = incoming[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // Apollo takes only JSON bodies; the multipart body has been parsed into the operations it carries.
    if (multipart) headers.set('content-type', 'application/json');
    const url = req.url ?? '';
    const queryStart = url.indexOf('?');
    // One per HTTP request, so that every operation of a batch shares one verification. Only the header is kept here:
    // it is parsed and verified when a field on a covered inbox first needs it.
    const identity = options.identity ? new RequestIdentity(options.identity, req.headers.authorization) : undefined;

    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: queryStart === -1 ? '' : url.slice(queryStart),
        body,
      },
      context: async () => {
        const platform = new PlatformAccess(platformEnabled, platformPolicy, () => principalOf(req.headers, platformPolicy.serviceKeyDigests));
        return {
          chatwoot,
          call: {
            token: tokenFromHeaders(req.headers),
            // x-request-id was checked (or replaced) by the gateway before this handler ran.
            requestId,
            budget,
            journal: new CallJournal(),
            // A data property, worked out now only when a service key was sent. Not a getter: an object literal with
            // an accessor gets a hidden class of its own each time, allocated in the old generation, and that kept
            // every request's objects alive through young collections (6 KB promoted per request, bench/RESULTS.md).
            service: platformEnabled && req.headers[SERVICE_KEY_HEADER] !== undefined ? platform.service : false,
          },
          loaders: new RequestLoaders(loaderSettings),
          writesCounted: writes !== null,
          platform,
          identity,
          reportInternalError: options.onInternalError,
        };
      },
    });

    if (budget.cancelled) {
      // Nobody reads the answer; the operator learns what the request did before and after its client left.
      options.logger?.warn({ requestId, ...budget.summary() }, 'client went away before its answer; calls not yet sent were dropped');
      return;
    }
    // Contact data is personal and answers to mutations are never reusable: no cache may keep them.
    res.setHeader('cache-control', 'no-store');
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/** Answers with a GraphQL-shaped error for failures that happen before GraphQL runs. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string = ErrorCode.BAD_REQUEST,
  extensions: Readonly<Record<string, unknown>> = {},
): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

/**
 * The writes of every operation of the body together, or null when one of them has no query text to count (a
 * persisted query sent by hash): those are counted by the plugin once Apollo has resolved them.
 */
function countWrites(body: unknown, maxTokens: number): WriteCount | null {
  const operations = Array.isArray(body) ? body : [body];
  const counts: WriteCount[] = [];
  for (const operation of operations) {
    if (operation === null || typeof operation !== 'object') return null;
    const count = countRequestWrites(operation, maxTokens);
    if (!count) return null;
    counts.push(count);
  }
  return addWriteCounts(counts);
}
