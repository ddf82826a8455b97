import { definedFields, deletedRecord, idOrNull, listOf, recordOf, timeOrNull } from '../../decode';
import { defineOperation } from '../../operation';
import { booleanOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION, type RecordArgs } from './common';

/** One condition of a rule: an attribute compared with values, joined to the next condition by `queryOperator`. */
export interface AutomationConditionRecord {
  attributeKey: string | null;
  filterOperator: string | null;
  values: unknown[];
  queryOperator: string | null;
}

/** One action of a rule: what to do and its parameters (ids, texts), as Chatwoot stores them. */
export interface AutomationActionRecord {
  actionName: string | null;
  actionParams: unknown[];
}

/** An automation rule (`automation_rules` table): on an event, when the conditions hold, run the actions. */
export interface AutomationRuleRecord {
  id: string;
  accountId: string | null;
  name: string | null;
  description: string | null;
  eventName: string | null;
  active: boolean | null;
  conditions: AutomationConditionRecord[];
  actions: AutomationActionRecord[];
  createdOn: string | null;
}

export interface AutomationRuleInput {
  name?: string | null;
  description?: string | null;
  eventName?: string | null;
  active?: boolean | null;
  conditions?: readonly { attributeKey: string; filterOperator: string; values: readonly unknown[]; queryOperator?: string | null }[] | null;
  actions?: readonly { actionName: string; actionParams?: readonly unknown[] | null }[] | null;
}

const objects = (value: unknown): JsonObject[] =>
  Array.isArray(value) ? value.map(objectOrNull).filter((item): item is JsonObject => item !== null) : [];

export function toAutomationRule(raw: JsonObject): AutomationRuleRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    accountId: idOrNull(raw.account_id),
    name: stringOrNull(raw.name),
    description: stringOrNull(raw.description),
    eventName: stringOrNull(raw.event_name),
    active: booleanOrNull(raw.active),
    conditions: objects(raw.conditions).map((c) => ({
      attributeKey: stringOrNull(c.attribute_key),
      filterOperator: stringOrNull(c.filter_operator),
      values: Array.isArray(c.values) ? c.values : [],
      queryOperator: stringOrNull(c.query_operator),
    })),
    actions: objects(raw.actions).map((a) => ({
      actionName: stringOrNull(a.action_name),
      actionParams: Array.isArray(a.action_params) ? a.action_params : [],
    })),
    createdOn: timeOrNull(raw.created_on),
  };
}

/** The body by Chatwoot's names; conditions and actions are replaced as a whole when given. */
function body(args: { input: AutomationRuleInput }): JsonObject {
  const { conditions, actions, ...scalars } = args.input;
  const out = definedFields(scalars, { name: 'name', description: 'description', eventName: 'event_name', active: 'active' });
  if (conditions) {
    out.conditions = conditions.map((c) => ({
      attribute_key: c.attributeKey,
      filter_operator: c.filterOperator,
      values: [...c.values],
      query_operator: c.queryOperator ?? null,
    }));
  }
  if (actions) out.actions = actions.map((a) => ({ action_name: a.actionName, action_params: [...(a.actionParams ?? [])] }));
  return out;
}

const RULES = `${ACCOUNT_PATH}/automation_rules` as const;
const RULE = `${RULES}/{id}` as const;
const common = { ...APPLICATION, sets: 'both', role: 'ADMINISTRATOR' } as const;
type CreateArgs = AccountArgs & { input: AutomationRuleInput };
type UpdateArgs = RecordArgs & { input: AutomationRuleInput };

// Wrapper shapes differ per action (erratum E14): the list and show/update answer under `payload`, create bare; the
// decoders accept both forms.
export const automationRuleOperations = {
  list: defineOperation<AccountArgs>()({
    ...common,
    operationId: 'get-account-automation-rule',
    method: 'GET',
    path: RULES,
    params: { account_id: 'accountId' },
    decode: listOf(toAutomationRule),
    summary: "The account's automation rules.",
  }),
  create: defineOperation<CreateArgs>()({
    ...common,
    operationId: 'add-new-automation-rule-to-account',
    method: 'POST',
    path: RULES,
    params: { account_id: 'accountId' },
    body,
    decode: recordOf(toAutomationRule),
    summary: 'Creates an automation rule.',
  }),
  get: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'get-details-of-a-single-automation-rule',
    method: 'GET',
    path: RULE,
    params: { account_id: 'accountId', id: 'id' },
    decode: recordOf(toAutomationRule),
    summary: 'One automation rule.',
  }),
  update: defineOperation<UpdateArgs>()({
    ...common,
    operationId: 'update-automation-rule-in-account',
    method: 'PATCH',
    path: RULE,
    params: { account_id: 'accountId', id: 'id' },
    body,
    decode: recordOf(toAutomationRule),
    summary: 'Changes an automation rule (conditions and actions given are replaced as a whole).',
  }),
  delete: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'delete-automation-rule-from-account',
    method: 'DELETE',
    path: RULE,
    params: { account_id: 'accountId', id: 'id' },
    decode: deletedRecord<RecordArgs>('id'),
    summary: 'Deletes an automation rule.',
  }),
};
