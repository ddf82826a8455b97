import { ok, type SimRouter, unprocessable } from '../http';
import type { JsonObject } from '../store';
import { type AccountRequest, onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator } from './auth';
import type { SimAutomationRule } from './adminStore';
import type { ApplicationStore } from './store';

/** Chatwoot's automation events (`AutomationRule` validates event_name against them). */
const EVENTS = ['conversation_created', 'conversation_updated', 'conversation_opened', 'conversation_resolved', 'message_created'];
/** Condition attributes Chatwoot accepts besides the account's custom attributes (`CONDITIONS_ATTRS`). */
const CONDITION_ATTRIBUTES = new Set([
  'content', 'email', 'country_code', 'status', 'message_type', 'browser_language', 'assignee_id', 'team_id', 'referer', 'city',
  'company', 'inbox_id', 'mail_subject', 'phone_number', 'priority', 'conversation_language', 'labels',
]);
/** Action names Chatwoot accepts (`ACTIONS_ATTRS`). */
const ACTIONS = new Set([
  'send_message', 'add_label', 'remove_label', 'send_email_to_team', 'assign_team', 'assign_agent', 'send_webhook_event',
  'mute_conversation', 'send_attachment', 'change_status', 'resolve_conversation', 'snooze_conversation', 'change_priority',
  'send_email_transcript', 'add_private_note', 'remove_assigned_team', 'remove_assigned_agent', 'open_conversation', 'pending_conversation',
]);

export function automationRuleView(rule: SimAutomationRule): JsonObject {
  return {
    id: rule.id,
    account_id: rule.accountId,
    name: rule.name,
    description: rule.description,
    event_name: rule.eventName,
    conditions: rule.conditions,
    actions: rule.actions,
    created_on: Math.floor(rule.createdAt.getTime() / 1000),
    active: rule.active,
    files: [],
  };
}

/**
 * `/api/v1/accounts/{id}/automation_rules`: administrators only, the policy checked first. Wrapper shapes as
 * Chatwoot renders them (erratum E14): the list and show/update under `payload`, create bare. An unknown id answers
 * 404 here; Chatwoot's `find_by` renders nil, which is probably a 500 (a known difference of the simulator).
 */
export function registerAutomationRoutes(router: SimRouter, store: ApplicationStore): void {
  const admin = store.administration;
  const find = (req: AccountRequest) => admin.automationRules.find((r) => r.accountId === req.account.id && r.id === pathId(req));
  const audit = (req: AccountRequest, rule: SimAutomationRule, action: 'create' | 'update' | 'destroy', changes: JsonObject) =>
    admin.audit({ accountId: req.account.id, auditableType: 'AutomationRule', auditableId: rule.id, userId: req.user.id, username: req.user.email, action, auditedChanges: changes });

  onAccount(store, router, 'GET', '/automation_rules', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    return ok({ payload: admin.automationRules.filter((r) => r.accountId === req.account.id).map(automationRuleView) });
  });

  onAccount(store, router, 'POST', '/automation_rules', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const rule: SimAutomationRule = { id: 0, accountId: req.account.id, name: '', description: null, eventName: '', active: true, conditions: [], actions: [], createdAt: new Date() };
    const invalid = apply(rule, req.body, true);
    if (invalid) return invalid;
    rule.id = admin.nextId('automation_rules');
    admin.automationRules.push(rule);
    audit(req, rule, 'create', { name: rule.name, event_name: rule.eventName });
    return ok(automationRuleView(rule));
  });

  onAccount(store, router, 'GET', '/automation_rules/:id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const rule = find(req);
    return rule ? ok({ payload: automationRuleView(rule) }) : RECORD_NOT_FOUND;
  });

  onAccount(store, router, 'PATCH', '/automation_rules/:id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const rule = find(req);
    if (!rule) return RECORD_NOT_FOUND;
    const invalid = apply(rule, req.body, false);
    if (invalid) return invalid;
    audit(req, rule, 'update', { active: rule.active });
    return ok({ payload: automationRuleView(rule) });
  });

  onAccount(store, router, 'DELETE', '/automation_rules/:id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const rule = find(req);
    if (!rule) return RECORD_NOT_FOUND;
    admin.automationRules.splice(admin.automationRules.indexOf(rule), 1);
    audit(req, rule, 'destroy', { name: rule.name });
    return ok();
  });
}

const objects = (value: unknown): JsonObject[] | null =>
  Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item)) ? (value as JsonObject[]) : null;

/** The permitted fields with the model's validations; the 422 answer when one fails. */
function apply(rule: SimAutomationRule, fields: JsonObject, creating: boolean) {
  const name = typeof fields.name === 'string' ? fields.name : rule.name;
  if (name.trim() === '') return unprocessable(["Name can't be blank"], ['name']);
  const eventName = typeof fields.event_name === 'string' ? fields.event_name : rule.eventName;
  if (!EVENTS.includes(eventName)) return unprocessable(['Event name is not included in the list'], ['event_name']);
  const conditions = fields.conditions === undefined ? rule.conditions : objects(fields.conditions);
  const actions = fields.actions === undefined ? rule.actions : objects(fields.actions);
  if (!conditions || (creating && conditions.length === 0)) return unprocessable(["Conditions can't be blank"], ['conditions']);
  if (!actions || (creating && actions.length === 0)) return unprocessable(["Actions can't be blank"], ['actions']);
  const badConditions = conditions.map((c) => String(c.attribute_key)).filter((key) => !CONDITION_ATTRIBUTES.has(key));
  if (badConditions.length) return unprocessable([`Conditions Automation conditions ${badConditions.join(',')} not supported.`], ['conditions']);
  const badActions = actions.map((a) => String(a.action_name)).filter((key) => !ACTIONS.has(key));
  if (badActions.length) return unprocessable([`Actions Automation actions ${badActions.join(',')} not supported.`], ['actions']);
  rule.name = name;
  rule.eventName = eventName;
  rule.conditions = conditions;
  rule.actions = actions;
  if (typeof fields.description === 'string' || fields.description === null) rule.description = fields.description;
  if (typeof fields.active === 'boolean') rule.active = fields.active;
  return null;
}
