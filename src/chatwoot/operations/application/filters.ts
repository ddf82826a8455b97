import { InvalidRequestError } from '../../errors';
import type { JsonObject } from '../../types';

/**
 * Typed filters for `POST contacts/filter` and `POST conversations/filter`. Chatwoot reads an untyped list of
 * conditions and refuses (422) an attribute with an operator its own operator table does not list; the gateway holds
 * the same table (Chatwoot's `lib/filters/filter_keys.yml`, restated here) and refuses such a condition before any
 * call, naming it. Each condition's connector joins it to the NEXT one, because Chatwoot concatenates the SQL in order.
 */

export type FilterOperatorName =
  | 'EQUAL_TO'
  | 'NOT_EQUAL_TO'
  | 'CONTAINS'
  | 'DOES_NOT_CONTAIN'
  | 'IS_PRESENT'
  | 'IS_NOT_PRESENT'
  | 'IS_GREATER_THAN'
  | 'IS_LESS_THAN'
  | 'DAYS_BEFORE'
  | 'STARTS_WITH';

/** How a condition joins the condition after it. */
export type FilterConnectorName = 'AND' | 'OR';

/** One condition as the schema's input gives it (the attribute enum name, or a custom attribute key). */
export interface FilterConditionInput {
  readonly attribute?: string | null;
  readonly customAttributeKey?: string | null;
  readonly operator: FilterOperatorName;
  readonly values?: readonly string[] | null;
  readonly next?: FilterConnectorName | null;
}

/** A filter: its conditions, in order. */
export interface FilterInput {
  readonly conditions: readonly FilterConditionInput[];
}

/** The most conditions one filter may carry: enough for any dashboard, few enough to keep Chatwoot's SQL small. */
export const MAX_FILTER_CONDITIONS = 20;
/** The most values one condition may carry. */
export const MAX_FILTER_VALUES = 100;

const EQUALITY = ['EQUAL_TO', 'NOT_EQUAL_TO'] as const;
const TEXT = [...EQUALITY, 'CONTAINS', 'DOES_NOT_CONTAIN'] as const;
const PRESENCE = [...EQUALITY, 'IS_PRESENT', 'IS_NOT_PRESENT'] as const;
const DATE = ['IS_GREATER_THAN', 'IS_LESS_THAN', 'DAYS_BEFORE'] as const;

interface AttributeRule {
  readonly operators: readonly FilterOperatorName[];
  readonly type: 'text' | 'date' | 'boolean' | 'enum';
  /** For enum attributes, the values Chatwoot knows (sent in lower case). */
  readonly values?: readonly string[];
}

/** Contacts' standard attributes and the operators Chatwoot allows on each. */
export const CONTACT_FILTER_ATTRIBUTES: Readonly<Record<string, AttributeRule>> = {
  NAME: { operators: TEXT, type: 'text' },
  EMAIL: { operators: TEXT, type: 'text' },
  PHONE_NUMBER: { operators: [...TEXT, 'STARTS_WITH'], type: 'text' },
  IDENTIFIER: { operators: EQUALITY, type: 'text' },
  COUNTRY_CODE: { operators: EQUALITY, type: 'text' },
  CITY: { operators: TEXT, type: 'text' },
  COMPANY_NAME: { operators: TEXT, type: 'text' },
  LABELS: { operators: PRESENCE, type: 'text' },
  CREATED_AT: { operators: DATE, type: 'date' },
  LAST_ACTIVITY_AT: { operators: DATE, type: 'date' },
  BLOCKED: { operators: EQUALITY, type: 'boolean' },
};

/** Conversations' standard attributes and the operators Chatwoot allows on each. */
export const CONVERSATION_FILTER_ATTRIBUTES: Readonly<Record<string, AttributeRule>> = {
  STATUS: { operators: EQUALITY, type: 'enum', values: ['open', 'resolved', 'pending', 'snoozed', 'all'] },
  ASSIGNEE_ID: { operators: PRESENCE, type: 'text' },
  INBOX_ID: { operators: PRESENCE, type: 'text' },
  TEAM_ID: { operators: PRESENCE, type: 'text' },
  CONTACT_ID: { operators: PRESENCE, type: 'text' },
  PRIORITY: { operators: EQUALITY, type: 'enum', values: ['low', 'medium', 'high', 'urgent'] },
  DISPLAY_ID: { operators: TEXT, type: 'text' },
  CAMPAIGN_ID: { operators: PRESENCE, type: 'text' },
  LABELS: { operators: PRESENCE, type: 'text' },
  BROWSER_LANGUAGE: { operators: EQUALITY, type: 'text' },
  CONVERSATION_LANGUAGE: { operators: EQUALITY, type: 'text' },
  REFERER: { operators: TEXT, type: 'text' },
  CREATED_AT: { operators: DATE, type: 'date' },
  LAST_ACTIVITY_AT: { operators: DATE, type: 'date' },
  MAIL_SUBJECT: { operators: TEXT, type: 'text' },
};

/** Custom attribute keys are Chatwoot's attribute_key column: a word of letters, digits and `_`. */
const CUSTOM_KEY = /^[A-Za-z0-9_]{1,64}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

type Model = 'contact' | 'conversation';

/**
 * Checks a filter against Chatwoot's operator table and turns it into Chatwoot's `payload` list. Throws
 * InvalidRequestError naming `filter.conditions[i]...` for the first problem.
 */
export function filterPayload(filter: FilterInput, model: Model): JsonObject {
  const table = model === 'contact' ? CONTACT_FILTER_ATTRIBUTES : CONVERSATION_FILTER_ATTRIBUTES;
  const conditions = filter.conditions;
  if (conditions.length === 0) throw new InvalidRequestError('filter.conditions must hold at least one condition.', 'filter.conditions');
  if (conditions.length > MAX_FILTER_CONDITIONS) {
    throw new InvalidRequestError(`filter.conditions holds at most ${MAX_FILTER_CONDITIONS} conditions.`, 'filter.conditions');
  }
  const payload = conditions.map((condition, i) => encodeCondition(condition, i, i === conditions.length - 1, table, model));
  return { payload };
}

function encodeCondition(
  condition: FilterConditionInput,
  i: number,
  last: boolean,
  table: Readonly<Record<string, AttributeRule>>,
  model: Model,
): JsonObject {
  const at = `filter.conditions[${i}]`;
  const fail = (what: string, message: string): never => {
    throw new InvalidRequestError(`${at}${what} ${message}`, `${at}${what}`);
  };
  const { attribute, customAttributeKey: key, operator } = condition;
  if ((attribute == null) === (key == null)) fail('', 'must set exactly one of attribute and customAttributeKey.');
  const rule = attribute != null ? table[attribute] : undefined;
  if (attribute != null && !rule) fail('.attribute', `is not an attribute of a ${model} filter.`);
  if (key != null && !CUSTOM_KEY.test(key)) fail('.customAttributeKey', 'must be a custom attribute key: letters, digits and _ (at most 64).');
  if (rule && !rule.operators.includes(operator)) {
    fail('.operator', `${operator} is not allowed on ${attribute}; Chatwoot allows ${rule.operators.join(', ')}.`);
  }
  const values = condition.values ?? [];
  const presence = operator === 'IS_PRESENT' || operator === 'IS_NOT_PRESENT';
  if (!presence && values.length === 0) fail('.values', `must hold at least one value for ${operator}.`);
  if (values.length > MAX_FILTER_VALUES) fail('.values', `holds at most ${MAX_FILTER_VALUES} values.`);
  values.forEach((value, j) => checkValue(value, operator, rule, (message) => fail(`.values[${j}]`, message)));
  if (last && condition.next != null) fail('.next', 'must be left out on the last condition: it joins a condition to the next one.');
  if (!last && condition.next == null) fail('.next', 'is required: it says how this condition joins the next one (AND or OR).');
  const out: JsonObject = {
    attribute_key: attribute != null ? attribute.toLowerCase() : key!,
    filter_operator: operator.toLowerCase(),
    values: presence ? [] : values.map((value) => (rule?.type === 'enum' ? value.toLowerCase() : value)),
    query_operator: condition.next ?? null,
  };
  if (key != null) out.custom_attribute_type = `${model}_attribute`;
  return out;
}

function checkValue(value: string, operator: FilterOperatorName, rule: AttributeRule | undefined, fail: (message: string) => never): void {
  if (value.length > 1000) fail('is longer than 1000 characters.');
  if (operator === 'DAYS_BEFORE' && !/^\d{1,6}$/.test(value)) fail('must be a whole number of days for DAYS_BEFORE.');
  if (rule?.type === 'date' && operator !== 'DAYS_BEFORE' && (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))) {
    fail('must be an ISO 8601 date such as 2026-07-28.');
  }
  if (rule?.type === 'boolean' && value !== 'true' && value !== 'false') fail('must be true or false.');
  if (rule?.type === 'enum' && !rule.values!.includes(value.toLowerCase())) fail(`must be one of ${rule.values!.join(', ')}.`);
}

/** Checks a page number before the call: Chatwoot pages from 1, and the gateway refuses absurd depths. */
export function pageNumber(page: number | null | undefined, field = 'page'): number {
  const value = page ?? 1;
  if (!Number.isInteger(value) || value < 1 || value > 10_000) {
    throw new InvalidRequestError(`${field} must be a whole number from 1 to 10000.`, field);
  }
  return value;
}
