import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  CallBudgetExceededError,
  CallNotAttemptedError,
  ChatwootError,
  CredentialRequiredError,
  InvalidRequestError,
  PolicyViolationError,
  UpstreamHttpError,
  UpstreamTimeoutError,
  UpstreamTlsError,
  UpstreamUnavailableError,
} from '../chatwoot/errors';
import { ERROR_CODES, ErrorCode } from '../errors';
import { IdentityError } from '../identity/errors';
import { RealtimeRefusal } from '../realtime/errors';
import { limitExceeded } from './limits';
import { InvalidScalarValueError } from './scalars';

/**
 * The one boundary between failures and what a client sees. Threat model: an error must never carry a token,
 * a proxy credential, a raw upstream body or a stack trace (outside development). So extensions are built from an
 * allow-list, and anything not recognised is masked as INTERNAL_SERVER_ERROR and handed to the logger.
 */

/** Turns an adapter failure into the GraphQL error clients see. */
export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof IdentityError) return new GraphQLError(error.message, { extensions: { code: error.code, reason: error.reason } });
  if (error instanceof RealtimeRefusal) {
    const extensions: Record<string, unknown> = { code: error.code, reason: error.reason };
    if (error.maximum !== undefined) extensions.maximum = error.maximum;
    return new GraphQLError(error.message, { extensions });
  }
  if (!(error instanceof ChatwootError)) {
    return new GraphQLError('Internal server error.', {
      originalError: error instanceof Error ? error : undefined,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
  }
  const upstream = error.upstream
    ? { status: error.upstream.status ?? null, method: error.upstream.method, path: error.upstream.path }
    : undefined;
  const extensions: Record<string, unknown> = { code: codeFor(error) };
  if (upstream) extensions.upstream = upstream;
  if (error instanceof InvalidRequestError || error instanceof PolicyViolationError) {
    if (error.field) extensions.field = error.field;
  }
  if (error instanceof PolicyViolationError && error.reason) extensions.reason = error.reason;
  if (error instanceof CredentialRequiredError) extensions.reason = error.reason;
  if (error instanceof UpstreamHttpError && error.denial) extensions.reason = error.denial.reason;
  if (error instanceof UpstreamHttpError) {
    if (error.invalidAttributes?.length) extensions.invalidFields = error.invalidAttributes.map(camelCase);
    if (error.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = error.retryAfterSeconds;
  }
  if (error instanceof UpstreamTimeoutError) extensions.timeoutMs = error.timeoutMs;
  if (error instanceof UpstreamTlsError) extensions.tlsCode = error.tlsCode;
  if (error instanceof UpstreamUnavailableError) extensions.reason = error.reason;
  if (error instanceof CallBudgetExceededError) Object.assign(extensions, { limit: error.limit, maximum: error.maximum });
  if (error instanceof CallNotAttemptedError) extensions.reason = error.reason;
  return new GraphQLError(messageFor(error), { extensions });
}

function codeFor(error: ChatwootError): ErrorCode {
  if (error instanceof InvalidRequestError) return ErrorCode.BAD_USER_INPUT;
  if (error instanceof PolicyViolationError) return ErrorCode.FORBIDDEN;
  if (error instanceof CallBudgetExceededError) return ErrorCode.QUERY_LIMIT_EXCEEDED;
  if (error instanceof CallNotAttemptedError) return ErrorCode.NOT_ATTEMPTED;
  if (error instanceof CredentialRequiredError) return ErrorCode.UNAUTHENTICATED;
  if (error instanceof UpstreamTimeoutError) return ErrorCode.UPSTREAM_TIMEOUT;
  if (error instanceof UpstreamTlsError) return ErrorCode.UPSTREAM_TLS_ERROR;
  if (error instanceof UpstreamHttpError) {
    const status = error.status;
    if (error.denial?.kind === 'forbidden') return ErrorCode.FORBIDDEN;
    if (error.denial?.kind === 'input') return ErrorCode.BAD_USER_INPUT;
    if (status === 400 || status === 422) return ErrorCode.BAD_USER_INPUT;
    if (status === 401) return ErrorCode.UNAUTHENTICATED;
    if (status === 403) return ErrorCode.FORBIDDEN;
    if (status === 404) return ErrorCode.NOT_FOUND;
    if (status === 429) return ErrorCode.RATE_LIMITED;
    if (status >= 400 && status < 500) return ErrorCode.BAD_USER_INPUT;
  }
  return ErrorCode.UPSTREAM_UNAVAILABLE;
}

function messageFor(error: ChatwootError): string {
  if (!(error instanceof UpstreamHttpError)) return error.message;
  const { status } = error;
  const said = error.chatwootMessage ? ` Chatwoot says: ${error.chatwootMessage}` : '';
  if (status === 400 || status === 422) return `Chatwoot refused the input (HTTP ${status}).${said}`;
  if (error.denial?.kind === 'forbidden') return `Chatwoot does not allow this (HTTP ${status}).${said}`;
  if (error.denial?.kind === 'input') return `Chatwoot refused the input (HTTP ${status}).${said}`;
  if (status === 401) return `Chatwoot refused the credentials (HTTP 401).${said}`;
  if (status === 403) return `Chatwoot forbids this request (HTTP 403).${said}`;
  if (status === 404) return `Chatwoot found no such record (HTTP 404): check the inbox and other identifiers.${said}`;
  if (status === 429) {
    const wait = error.retryAfterSeconds !== undefined ? ` Retry after ${error.retryAfterSeconds} s.` : ' Retry later.';
    return `Chatwoot is rate limiting requests (HTTP 429).${wait}`;
  }
  if (status === 500 && isPublicContactPath(error.upstream?.path)) {
    return (
      'Chatwoot failed with HTTP 500. On the Client API contact endpoints this is how Chatwoot reports a failed ' +
      'identity check: when the inbox validates identities, identifierHash must be the lower-case hex ' +
      'HMAC-SHA256 of identifier, keyed with the inbox HMAC token.'
    );
  }
  return `Chatwoot failed to answer (HTTP ${status}).${said}`;
}

function isPublicContactPath(path: string | undefined): boolean {
  return path !== undefined && /^\/public\/api\/v1\/inboxes\/[^/]+\/contacts(\/[^/]+)?$/.test(path);
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());
}

/** A value written inline in the document that its scalar refused: bad input, not a bad document. */
function isInvalidLiteral(error: unknown, message: string): boolean {
  const cause = error instanceof GraphQLError ? error.originalError : undefined;
  return cause instanceof InvalidScalarValueError || LITERAL_COERCION.test(message);
}

const VARIABLE_COERCION = /^Variable "\$[^"]+" got invalid value/;
/**
 * What graphql-js says of an inline value its scalar type refuses (`displayId: 99999999999`): the same value sent as
 * a variable is BAD_USER_INPUT, so it is here too. An unknown enum value stays a validation failure: like an unknown
 * field, it is a name the schema does not have.
 */
const LITERAL_COERCION = /^(Expected value of type "|(Int|Float|String|Boolean|ID) cannot represent )/;

/**
 * Messages Apollo and graphql-js give without a usable code, and the code each means. A subscription sent over HTTP
 * is refused by src/graphql/httpSubscriptions.ts before it runs; the graphql-js and Apollo wordings stay here in case
 * one gets through (a schema without a Subscription type, a later Apollo that refuses them itself).
 */
const UNCODED_MESSAGES: ReadonlyArray<readonly [RegExp, ErrorCode]> = [
  [/^provided sha does not match query$/, ErrorCode.BAD_REQUEST],
  [/^Unsupported persisted query version$/, ErrorCode.BAD_REQUEST],
  [/^Schema is not configured to execute subscription operation\.$/, ErrorCode.BAD_REQUEST],
  [/subscriptions? (are|is) not (supported|served|allowed) (over|via|with) HTTP/i, ErrorCode.BAD_REQUEST],
];
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

/**
 * Apollo's formatError hook: keeps codes from the catalogue, maps invalid input values (even those written inline in
 * the document) to BAD_USER_INPUT, masks everything else and strips stack traces unless in development.
 */
export function createErrorFormatter(options: { development: boolean; onInternalError?: (error: unknown) => void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ChatwootError || original instanceof IdentityError || original instanceof RealtimeRefusal) {
      const mapped = toGraphQLError(original);
      return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions: mapped.extensions };
    }
    const exceeded = limitExceeded(original, formatted.message);
    if (exceeded) {
      const extensions = { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: exceeded.limit, maximum: exceeded.maximum };
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    let code = formatted.extensions?.code as string | undefined;
    if (code === ErrorCode.GRAPHQL_VALIDATION_FAILED && isInvalidLiteral(error, formatted.message)) {
      code = ErrorCode.BAD_USER_INPUT;
    }
    if (VARIABLE_COERCION.test(formatted.message)) code = ErrorCode.BAD_USER_INPUT;
    // graphql-js stops after 50 bad variable values with an error of its own, still bad input rather than a fault.
    if (TOO_MANY_VARIABLE_ERRORS.test(formatted.message)) code = ErrorCode.BAD_USER_INPUT;
    if (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) {
      code = UNCODED_MESSAGES.find(([pattern]) => pattern.test(formatted.message))?.[1] ?? code;
    }

    const known = code !== undefined && (ERROR_CODES as readonly string[]).includes(code);
    if (!known || code === ErrorCode.INTERNAL_SERVER_ERROR) {
      const cause = original instanceof GraphQLError && original.originalError ? original.originalError : original;
      options.onInternalError?.(cause);
      return {
        message: 'Internal server error.',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
    }
    const extensions: Record<string, unknown> = { ...formatted.extensions, code };
    if (!options.development) delete extensions.stacktrace;
    return { ...formatted, extensions };
  };
}
