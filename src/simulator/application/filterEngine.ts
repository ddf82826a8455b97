import type { SimResponse } from '../http';
import { error } from './auth';

/**
 * Chatwoot's filter service: conditions checked against `lib/filters/filter_keys.yml` (422 `{error}` for an unknown
 * attribute, an operator the attribute does not allow, or a bad value), then evaluated in order, each condition's
 * `query_operator` joining it to the next as SQL concatenation does (AND binds tighter than OR).
 */

const EQ = ['equal_to', 'not_equal_to'];
const TEXT = [...EQ, 'contains', 'does_not_contain'];
const PRESENCE = [...EQ, 'is_present', 'is_not_present'];
const DATE = ['is_greater_than', 'is_less_than', 'days_before'];

/** Contacts' attributes and their allowed operators (filter_keys.yml). */
export const CONTACT_OPERATORS: Record<string, string[]> = {
  name: TEXT, email: TEXT, phone_number: [...TEXT, 'starts_with'], identifier: EQ, country_code: EQ, city: TEXT,
  company_name: TEXT, labels: PRESENCE, created_at: DATE, last_activity_at: DATE, blocked: EQ,
};
/** Conversations' attributes and their allowed operators (filter_keys.yml). */
export const CONVERSATION_OPERATORS: Record<string, string[]> = {
  status: EQ, assignee_id: PRESENCE, inbox_id: PRESENCE, team_id: PRESENCE, contact_id: PRESENCE, priority: EQ,
  display_id: TEXT, campaign_id: PRESENCE, labels: PRESENCE, browser_language: EQ, conversation_language: EQ, referer: TEXT,
  created_at: DATE, last_activity_at: DATE, mail_subject: TEXT,
};
const ALL_OPERATORS = [...new Set([...TEXT, ...PRESENCE, ...DATE, 'starts_with'])];

/** One checked condition. */
export interface Condition {
  key: string;
  operator: string;
  values: string[];
  connector: 'AND' | 'OR' | null;
  custom: boolean;
}

/** Reads and checks the `payload` list; the 422 Chatwoot gives for the first bad condition otherwise. */
export function parseConditions(payload: unknown, table: Record<string, string[]>): Condition[] | SimResponse {
  if (!Array.isArray(payload)) return error(422, 'param is missing or the value is empty: payload');
  const out: Condition[] = [];
  for (const raw of payload) {
    const item = (raw ?? {}) as Record<string, unknown>;
    const key = String(item.attribute_key ?? '');
    const operator = String(item.filter_operator ?? '');
    const custom = typeof item.custom_attribute_type === 'string' && item.custom_attribute_type !== '';
    const allowed = custom ? ALL_OPERATORS : table[key];
    if (!allowed) return error(422, `Invalid attribute key - [${key}]`);
    if (!allowed.includes(operator)) return error(422, `Invalid operator. The allowed operators for ${key} are [${allowed.join(',')}].`);
    const values = Array.isArray(item.values) ? item.values.map(String) : [];
    if (DATE.includes(operator) && operator !== 'days_before' && values.some((v) => Number.isNaN(Date.parse(v)))) {
      return error(422, `Invalid value. The values provided for ${key} are invalid`);
    }
    const connector = item.query_operator === 'AND' || item.query_operator === 'OR' ? item.query_operator : null;
    out.push({ key, operator, values, connector, custom });
  }
  return out;
}

/** Reads the value a condition tests from a record. */
export type ValueOf<T> = (record: T, condition: Condition) => unknown;

/** Whether a record matches; `firstValueEquality` is the contacts' rule (equal_to compares with values[0] only). */
export function matches<T>(record: T, conditions: Condition[], valueOf: ValueOf<T>, firstValueEquality: boolean): boolean {
  let groups: boolean[][] = [[]];
  conditions.forEach((condition, i) => {
    groups[groups.length - 1]!.push(test(valueOf(record, condition), condition, firstValueEquality));
    if (i < conditions.length - 1 && conditions[i]!.connector === 'OR') groups.push([]);
  });
  groups = groups.filter((group) => group.length > 0);
  return groups.some((group) => group.every(Boolean));
}

function test(actual: unknown, condition: Condition, firstValueEquality: boolean): boolean {
  const list = Array.isArray(actual) ? actual.map((v) => String(v).toLowerCase()) : null;
  const text = actual === null || actual === undefined ? '' : String(actual).toLowerCase();
  const wanted = condition.values.map((v) => v.toLowerCase());
  const equalsAny = (candidates: string[]) => (list ? list.some((v) => candidates.includes(v)) : candidates.includes(text));
  switch (condition.operator) {
    case 'equal_to':
      return equalsAny(firstValueEquality ? wanted.slice(0, 1) : wanted);
    case 'not_equal_to':
      return !equalsAny(firstValueEquality ? wanted.slice(0, 1) : wanted);
    case 'contains':
      return wanted.some((v) => text.includes(v));
    case 'does_not_contain':
      return !wanted.some((v) => text.includes(v));
    case 'starts_with':
      return wanted.some((v) => text.startsWith(v));
    case 'is_present':
      return list ? list.length > 0 : text !== '';
    case 'is_not_present':
      return list ? list.length === 0 : text === '';
    case 'is_greater_than':
      return typeof actual === 'number' && actual * 1000 > Date.parse(condition.values[0] ?? '');
    case 'is_less_than':
      return typeof actual === 'number' && actual * 1000 < Date.parse(condition.values[0] ?? '');
    case 'days_before':
      return typeof actual === 'number' && actual * 1000 < Date.now() - Number(condition.values[0] ?? 0) * 86_400_000;
    default:
      return false;
  }
}
