import type { ChatwootEdition } from './editions';
import type { HttpMethod, UpstreamCallInfo } from './errors';
import { InvalidRequestError } from './errors';
import { pathSegment } from './paths';
import type { RequestOptions } from './requestOptions';
import type { JsonObject } from './types';

/**
 * One Chatwoot operation, declared once as data: method, path template with typed parameters, query and body mapping,
 * the decoder of its answer and the credential it travels with. One executor (src/chatwoot/executor.ts) runs any
 * declaration, and the README's operations table, the contract test and the coverage test read the same declarations,
 * so 130 operations are 130 small objects rather than 130 hand-written methods.
 */

/** Which of Chatwoot's APIs an operation belongs to. */
export type ChatwootApi = 'CLIENT' | 'APPLICATION' | 'PLATFORM' | 'OTHER';

/**
 * Which token the call carries:
 * - `NONE`: the Client API, which ignores tokens (the caller's token, else the configured one, as the gateway always did);
 * - `CALLER`: the caller's own token and nothing else; a call without one is refused before anything is sent;
 * - `PLATFORM`: the configured Platform App token, and never a caller's.
 */
export type Credential = 'NONE' | 'CALLER' | 'PLATFORM';

/** The role Chatwoot requires (documentation: Chatwoot's own policies decide, the gateway does not pre-check). */
export type RequiredRole = 'NONE' | 'ANY' | 'ADMINISTRATOR' | 'PLATFORM_APP';

/**
 * Where a path placeholder takes its value from: the name of an argument holding a record id, or `{ segment: name }`
 * for a free-form identifier.
 */
export type ParamSpec<A> = (keyof A & string) | { readonly segment: keyof A & string };

/** A query-string value: arrays are sent as repeated `name[]=value` pairs, as Rails reads them. */
export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;

/** Names of the `{placeholders}` of a path template, as a union type. */
export type Placeholders<P extends string> = P extends `${string}{${infer K}}${infer Rest}` ? K | Placeholders<Rest> : never;

export interface OperationSpec<A, R, P extends string = string> {
  /** Chatwoot's operationId in its official OpenAPI document. */
  readonly operationId: string;
  /** The seed document's operationId where it is spelled differently. */
  readonly seedOperationId?: string;
  /** Whether the operation is in the seed document too (`both`) or only in the official one. */
  readonly sets: 'both' | 'official';
  readonly api: ChatwootApi;
  readonly method: HttpMethod;
  /** The path template as the official document spells it, e.g. `/api/v1/accounts/{account_id}/teams/{team_id}`. */
  readonly path: P;
  /** Every placeholder of `path`, with the argument it reads. */
  readonly params: { readonly [K in Placeholders<P>]: ParamSpec<A> };
  readonly credential: Credential;
  readonly role: RequiredRole;
  /** The query string's values, by Chatwoot's parameter names. */
  readonly query?: (args: A) => Readonly<Record<string, QueryValue>>;
  /** The JSON body, by Chatwoot's names; undefined sends none. */
  readonly body?: (args: A) => JsonObject | undefined;
  /** Turns Chatwoot's parsed 2xx answer (null for an empty body) into the adapter's record. */
  readonly decode: (answer: unknown, call: UpstreamCallInfo, args: A) => R;
  /** One line on what the operation does, for the README's table. */
  readonly summary: string;
  /** `ENTERPRISE` when only Chatwoot Enterprise has the route (a Community Chatwoot answers a routing 404). */
  readonly edition?: ChatwootEdition;
}

/** A declared operation; `A` is what a caller passes, `R` what the executor returns. */
export type Operation<A, R> = OperationSpec<A, R>;

/** What any operation says about itself, whatever its arguments: enough to list it, document it and admit it. */
export interface OperationFacts {
  readonly operationId: string;
  readonly seedOperationId?: string;
  readonly sets: 'both' | 'official';
  readonly api: ChatwootApi;
  readonly method: HttpMethod;
  readonly path: string;
  readonly credential: Credential;
  readonly role: RequiredRole;
  readonly summary: string;
  readonly edition?: ChatwootEdition;
}

/**
 * Declares an operation taking arguments `A`: `defineOperation<TeamArgs>()({ ... })`. The compiler then checks that
 * every placeholder of the path has a parameter, that parameters name arguments of `A`, and that the mappings agree.
 */
export function defineOperation<A>() {
  return <R, P extends string>(spec: OperationSpec<A, R, P>): Operation<A, R> =>
    Object.freeze(spec) as unknown as Operation<A, R>;
}

/** Chatwoot record ids are bigint columns: at most 18 digits keeps every one of them and nothing else. */
const RECORD_ID = /^[1-9][0-9]{0,17}$/;

/**
 * Checks that a value is a record id: a positive whole number written in decimal, as a string or a number.
 * Throws InvalidRequestError naming the argument otherwise, so that nothing path-like reaches a URL.
 */
export function recordId(value: unknown, argumentName: string): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !RECORD_ID.test(text)) {
    throw new InvalidRequestError(`${argumentName} must be a positive whole number such as 1 or 42.`, argumentName);
  }
  return text;
}

/** The encoded path of an operation for the given arguments. */
export function buildPath<A>(op: Operation<A, unknown>, args: A): string {
  const params = op.params as Readonly<Record<string, ParamSpec<A>>>;
  return op.path.replace(/\{([a-z_]+)\}/g, (_match, name: string) => {
    const spec = params[name];
    if (!spec) throw new Error(`${op.operationId}: no parameter is declared for {${name}}`);
    const arg = typeof spec === 'string' ? spec : spec.segment;
    const value = (args as Record<string, unknown>)[arg];
    if (typeof spec === 'string') return recordId(value, arg);
    if (typeof value !== 'string') throw new InvalidRequestError(`${arg} must be a string.`, arg);
    return pathSegment(value, arg);
  });
}

/** The path template logs and metrics name the call by: placeholders as `:name`. */
export function templateOf(op: OperationFacts): string {
  return op.path.replace(/\{([a-z_]+)\}/g, ':$1');
}

/** Encodes query values the way Rails parses them: `name=value`, and `name[]=a&name[]=b` for lists. */
export function encodeQuery(values: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!values) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value as readonly (string | number)[]) search.append(`${name}[]`, String(item));
    else search.append(name, String(value));
  }
  const encoded = search.toString();
  return encoded ? `?${encoded}` : '';
}

/** Options every operation takes, as the caller passes them. */
export interface WithOptions {
  readonly options?: RequestOptions | null;
}
