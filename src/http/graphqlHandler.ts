import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import type { ChatwootClient } from '../chatwoot/client';
import { ErrorCode } from '../errors';
import { type GatewayContext, tokenFromHeaders } from '../graphql/context';
import { type ContactReferenceLoader, createContactReferenceLoader } from '../graphql/contactReferenceLoader';
import { readJsonBody, RequestBodyError } from './body';

export interface GraphQLHandlerOptions {
  readonly apollo: ApolloServer<GatewayContext>;
  readonly chatwoot: ChatwootClient;
  readonly maxBodyBytes: number;
}

/**
 * Serves GraphQL over HTTP with Node's own http module in front of Apollo's transport-neutral
 * executeHTTPGraphQLRequest: no framework sits on the hot path, and Apollo keeps CSRF prevention and
 * the GraphQL-over-HTTP rules.
 */
export function createGraphQLHandler(options: GraphQLHandlerOptions) {
  const { apollo, chatwoot, maxBodyBytes } = options;

  return async function handleGraphQL(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = req.method === 'POST' ? await readJsonBody(req, maxBodyBytes) : undefined;
    } catch (error) {
      if (!(error instanceof RequestBodyError)) throw error;
      sendError(res, error.status, error.message);
      return;
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const queryStart = url.indexOf('?');

    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: queryStart === -1 ? '' : url.slice(queryStart),
        body,
      },
      context: async () => {
        const call = { token: tokenFromHeaders(req.headers) };
        let contactReferences: ContactReferenceLoader | undefined;
        return {
          chatwoot,
          call,
          get contactReferences() {
            return (contactReferences ??= createContactReferenceLoader(chatwoot, call));
          },
        };
      },
    });

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
export function sendError(res: ServerResponse, status: number, message: string, code: string = ErrorCode.BAD_REQUEST): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
