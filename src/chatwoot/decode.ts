import { expectArray, expectObject, objectOrNull } from './records';
import type { UpstreamCallInfo } from './errors';
import type { JsonObject } from './types';

/**
 * Decoders shared by the declared operations. Chatwoot wraps the same record differently from one controller to the
 * next (`{payload: [...]}`, `{payload: {webhook: {...}}}`, a bare record, an empty 200); each declaration names the
 * shape it expects and these helpers take it apart, failing as an upstream fault when the shape is not there.
 */

export type RecordMapper<T> = (raw: JsonObject) => T;

/** `{payload: X}` gives X; anything else is returned as it is. */
export function unwrapPayload(answer: unknown): unknown {
  const object = objectOrNull(answer);
  return object && 'payload' in object ? object.payload : answer;
}

/** A list, bare or under `payload`, each item mapped; items that are not objects are dropped. */
export function listOf<T>(map: RecordMapper<T>, key?: string) {
  return (answer: unknown, call: UpstreamCallInfo): T[] => {
    let list = unwrapPayload(answer);
    if (key !== undefined) list = objectOrNull(list)?.[key];
    return expectArray(list, call)
      .map(objectOrNull)
      .filter((item): item is JsonObject => item !== null)
      .map(map);
  };
}

/** One record, bare or under `payload` (and under `payload[key]` when a key is given). */
export function recordOf<T>(map: RecordMapper<T>, key?: string) {
  return (answer: unknown, call: UpstreamCallInfo): T => {
    let record = unwrapPayload(answer);
    if (key !== undefined) record = objectOrNull(record)?.[key] ?? record;
    return map(expectObject(record, call));
  };
}

/** What a delete answers: the id that was asked for, deleted (Chatwoot's body is empty or the old record). */
export interface DeletedRecord {
  id: string;
  deleted: true;
}

/** A decoder for deletes, echoing the id argument of the given name. */
export function deletedRecord<A>(arg: keyof A & string) {
  return (_answer: unknown, _call: UpstreamCallInfo, args: A): DeletedRecord => ({
    id: String((args as Record<string, unknown>)[arg]),
    deleted: true,
  });
}

/** Unix seconds (Chatwoot's `.to_i` times) or an ISO string as ISO 8601; 0 and anything else as null. */
export function timeOrNull(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return new Date(value * 1000).toISOString();
  if (typeof value === 'string' && value !== '') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
  }
  return null;
}

/** An id as a string (Chatwoot sends integers), or null. */
export function idOrNull(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  return null;
}

/** A list of strings; anything else in it is dropped. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Copies the defined values of `fields` under Chatwoot's names: an explicit null is kept (it clears a value). */
export function definedFields(fields: object, names: Readonly<Record<string, string>>): JsonObject {
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(fields)) {
    const target = names[name];
    if (target !== undefined && value !== undefined) out[target] = value;
  }
  return out;
}
