import { TIMEOUT_MS_MAX } from '../config';
import { InvalidRequestError } from './errors';

/** What a caller may ask for one request; every field optional. Mirrors the GraphQL RequestOptionsInput. */
export interface RequestOptions {
  timeoutMs?: number | null;
}

/** The options of one upstream call after server defaults and policy are applied. */
export interface ResolvedRequestOptions {
  readonly timeoutMs: number;
}

export interface RequestOptionsDefaults {
  readonly defaultTimeoutMs: number;
}

/**
 * Applies the server's defaults and policy to what the caller asked for.
 * Throws InvalidRequestError naming the field when a value is out of range.
 */
export function resolveRequestOptions(
  requested: RequestOptions | null | undefined,
  defaults: RequestOptionsDefaults,
): ResolvedRequestOptions {
  const timeoutMs = requested?.timeoutMs ?? defaults.defaultTimeoutMs;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > TIMEOUT_MS_MAX) {
    throw new InvalidRequestError(
      `options.timeoutMs must be a whole number of milliseconds from 1 to ${TIMEOUT_MS_MAX} (got ${timeoutMs}).`,
      'options.timeoutMs',
    );
  }
  return { timeoutMs };
}
