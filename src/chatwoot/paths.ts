import { InvalidRequestError } from './errors';

/** Longer identifiers are refused: no Chatwoot identifier comes close, and it bounds what we forward. */
const MAX_IDENTIFIER_LENGTH = 512;

/**
 * Encodes one caller-supplied value as a single path segment, so that no identifier can change which resource is
 * addressed: `/`, `?`, `#` and `%` are percent-encoded, and a segment made only of dots (`.`, `..`) has its dots
 * encoded too, because URL parsers and proxies resolve those as "this" and "parent" directory.
 * Throws InvalidRequestError for a blank or oversized value, naming the argument.
 */
export function pathSegment(value: string, argumentName: string): string {
  if (value.trim() === '') {
    throw new InvalidRequestError(`${argumentName} must not be blank.`, argumentName);
  }
  if (value.length > MAX_IDENTIFIER_LENGTH) {
    throw new InvalidRequestError(
      `${argumentName} must be at most ${MAX_IDENTIFIER_LENGTH} characters long.`,
      argumentName,
    );
  }
  if (/^\.+$/.test(value)) return value.replace(/\./g, '%2E');
  return encodeURIComponent(value);
}

/** Builds a query string from the defined values, or '' when there are none. */
export function queryString(params: Readonly<Record<string, string | number | undefined | null>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) search.append(key, String(value));
  }
  const encoded = search.toString();
  return encoded ? `?${encoded}` : '';
}

/** `query` (a query string with its `?`, or '') with the identity proof's two parameters added. */
export function withIdentityQuery(query: string | undefined, proof: { identifier: string; identifierHash: string }): string {
  const added = queryString({ identifier: proof.identifier, identifier_hash: proof.identifierHash }).slice(1);
  return query ? `${query}&${added}` : `?${added}`;
}
