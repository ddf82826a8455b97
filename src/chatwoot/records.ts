import { UpstreamUnavailableError, type UpstreamCallInfo } from './errors';
import type { JsonObject } from './types';

/**
 * Small readers for Chatwoot's JSON: they accept what Chatwoot sends and turn anything else into null, so a field
 * of an unexpected type never reaches a caller as garbage. A body that is not an object at all is an upstream fault.
 */

export function expectObject(value: unknown, call: UpstreamCallInfo): JsonObject {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
  throw new UpstreamUnavailableError(
    `Chatwoot answered ${call.method} ${call.path} with JSON that is not an object.`,
    call,
    'invalid_response',
  );
}

export function expectArray(value: unknown, call: UpstreamCallInfo): unknown[] {
  if (Array.isArray(value)) return value;
  throw new UpstreamUnavailableError(
    `Chatwoot answered ${call.method} ${call.path} with JSON that is not a list.`,
    call,
    'invalid_response',
  );
}

export function stringOrNull(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return null;
}

export function booleanOrNull(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

export function objectOrNull(value: unknown): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
}
