import { InvalidRequestError } from './errors';

/** Longer identifiers are refused: no Chatwoot identifier comes close, and it bounds what we forward. */
const MAX_IDENTIFIER_LENGTH = 512;

/** A UTF-16 surrogate without its partner: it has no UTF-8 form, so it cannot be percent-encoded. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Encodes one caller-supplied value as a single path segment, so that no identifier can change which resource is
 * addressed: `/`, `?`, `#` and `%` are percent-encoded. Every value is checked before it is encoded, because it may
 * come from places the schema does not type (federation representations): it must be a string, well-formed Unicode,
 * not blank, not oversized, and not `.` or `..`, which URL parsers and proxies resolve as "this" and "parent"
 * directory even when percent-encoded (WHATWG treats `%2E%2E` as `..`).
 * Throws InvalidRequestError naming the argument for any value that fails.
 */
export function pathSegment(value: unknown, argumentName: string): string {
  if (typeof value !== 'string') {
    throw new InvalidRequestError(`${argumentName} must be a string.`, argumentName);
  }
  if (value.trim() === '') {
    throw new InvalidRequestError(`${argumentName} must not be blank.`, argumentName);
  }
  if (value.length > MAX_IDENTIFIER_LENGTH) {
    throw new InvalidRequestError(
      `${argumentName} must be at most ${MAX_IDENTIFIER_LENGTH} characters long.`,
      argumentName,
    );
  }
  if (LONE_SURROGATE.test(value)) {
    throw new InvalidRequestError(`${argumentName} is not well-formed Unicode (it holds a lone surrogate).`, argumentName);
  }
  if (value === '.' || value === '..') {
    throw new InvalidRequestError(`${argumentName} must not be "." or "..": they name a directory, not a record.`, argumentName);
  }
  return encodeURIComponent(value);
}

/**
 * Builds a query string from the defined values, or '' when there are none. A value with a lone surrogate is refused
 * (InvalidRequestError naming the parameter in camelCase, as the schema does): URLSearchParams would silently turn
 * it into U+FFFD, and an identity proof would then fail upstream for no visible reason.
 */
export function queryString(params: Readonly<Record<string, string | number | undefined | null>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
      const name = key.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());
      throw new InvalidRequestError(`${name} is not well-formed Unicode (it holds a lone surrogate).`, name);
    }
    search.append(key, String(value));
  }
  const encoded = search.toString();
  return encoded ? `?${encoded}` : '';
}

/** `query` (a query string with its `?`, or '') with the identity proof's two parameters added. */
export function withIdentityQuery(query: string | undefined, proof: { identifier: string; identifierHash: string }): string {
  const added = queryString({ identifier: proof.identifier, identifier_hash: proof.identifierHash }).slice(1);
  return query ? `${query}&${added}` : `?${added}`;
}
