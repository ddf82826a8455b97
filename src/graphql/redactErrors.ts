import type { GraphQLRequestListener } from '@apollo/server';
import { DONE, type SharedListenerPlugin, sharedListenerPlugin } from './sharedListener';
import type { GraphQLFormattedError } from 'graphql';
import { redact, REDACTED } from '../chatwoot/redact';
import type { GatewayContext } from './context';

/**
 * The last pass over what leaves the gateway: every string of every error of a response (message, path, every
 * extension, `invalidFields` included) has the request's credentials (its Chatwoot token, its bearer token, identity
 * hashes in its variables) and the configured tokens cut out, case- and separator-insensitively. The adapter already
 * redacts Chatwoot's own words; this covers what else may echo a credential (graphql-js quoting an invalid variable
 * value, a future extension). Only responses with errors pay for it.
 */
export function redactErrorsPlugin(configuredTokens: ReadonlyArray<string | null>): SharedListenerPlugin<GatewayContext> {
  // One listener for every request: answers without errors (nearly all) return at the first test.
  const listener: GraphQLRequestListener<GatewayContext> = {
    willSendResponse({ response, contextValue, request }) {
      const body = response.body;
      if (body.kind !== 'single' || !body.singleResult.errors?.length) return DONE;
      const bearer = bearerOf(request.http?.headers.get('authorization'));
      const secrets = [...configuredTokens, contextValue.call?.token, bearer, ...identifierHashes(request.variables)].filter(
        (s): s is string => typeof s === 'string' && s !== '',
      );
      if (secrets.length === 0) return DONE;
      body.singleResult.errors = body.singleResult.errors.map((error) => cleanValue(error, secrets) as GraphQLFormattedError);
      return DONE;
    },
  };
  return sharedListenerPlugin(listener);
}

/** The credential of an `Authorization: Bearer ...` header (a sign-in token, a service key), if any. */
function bearerOf(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)/i.exec(header.trim());
  return match?.[1];
}

/** The identity hashes a request's variables carry (`identifierHash` at any depth): credentials like the token. */
function identifierHashes(variables: unknown, found: string[] = [], depth = 0): string[] {
  if (variables === null || typeof variables !== 'object' || depth > 8) return found;
  for (const [key, value] of Object.entries(variables as Record<string, unknown>)) {
    if (key === 'identifierHash' && typeof value === 'string') found.push(value);
    else identifierHashes(value, found, depth + 1);
  }
  return found;
}

/** A copy of `value` with every string redacted; errors are small and shallow, so recursion is bounded by them. */
function cleanValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 16) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => cleanValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = cleanValue(item, secrets, depth + 1);
  return out;
}
