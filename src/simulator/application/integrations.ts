import { ok, type SimRouter, unprocessable } from '../http';
import type { JsonObject, SimulatorStore } from '../store';
import { type AccountRequest, onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator, wrapped } from './auth';
import type { SimHook } from './adminStore';
import type { ApplicationStore } from './store';

/** A slice of Chatwoot's static app catalogue (config/integration/apps.yml). */
const APPS = [
  { id: 'webhook', name: 'Webhooks', description: 'Send events to your own endpoints.', hookType: 'account', allowMultiple: true },
  { id: 'dashboard_apps', name: 'Dashboard Apps', description: 'Embed your own apps in the dashboard.', hookType: 'account', allowMultiple: true },
  { id: 'slack', name: 'Slack', description: 'Reply to conversations from Slack.', hookType: 'account', allowMultiple: false },
  { id: 'dialogflow', name: 'Dialogflow', description: 'Let a Dialogflow bot answer an inbox.', hookType: 'inbox', allowMultiple: true },
  { id: 'openai', name: 'OpenAI', description: 'Reply suggestions and summaries.', hookType: 'account', allowMultiple: false },
  { id: 'linear', name: 'Linear', description: 'Create Linear issues from conversations.', hookType: 'account', allowMultiple: false },
] as const;

/** The hook partial: `settings` (the app's keys) only for administrators, as Chatwoot renders it. */
function hookView(records: SimulatorStore, hook: SimHook, administrator: boolean): JsonObject {
  const inbox = hook.inboxId === null ? undefined : records.inboxes.find((i) => i.id === hook.inboxId);
  return {
    id: hook.id,
    app_id: hook.appId,
    status: hook.status,
    inbox: inbox ? { id: inbox.id, name: inbox.name } : null,
    account_id: hook.accountId,
    hook_type: hook.hookType,
    reference_id: hook.referenceId,
    ...(administrator ? { settings: hook.settings } : {}),
  };
}

/**
 * `/api/v1/accounts/{id}/integrations`: the app catalogue to every member (hook settings to administrators only),
 * hooks created, changed and deleted by administrators.
 */
export function registerIntegrationRoutes(router: SimRouter, store: ApplicationStore, records: SimulatorStore): void {
  const admin = store.administration;
  const find = (req: AccountRequest) => admin.hooks.find((h) => h.accountId === req.account.id && h.id === pathId(req, 'hook_id'));

  onAccount(store, router, 'GET', '/integrations/apps', (req) => {
    const administrator = req.member.role === 'administrator';
    const payload = APPS.map((app) => {
      const hooks = admin.hooks.filter((h) => h.accountId === req.account.id && h.appId === app.id);
      return {
        id: app.id,
        name: app.name,
        description: app.description,
        hook_type: app.hookType,
        enabled: hooks.some((h) => h.status === 'enabled'),
        allow_multiple_hooks: app.allowMultiple,
        hooks: hooks.map((h) => hookView(records, h, administrator)),
      };
    });
    return ok({ payload });
  });

  onAccount(store, router, 'POST', '/integrations/hooks', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const fields = wrapped(req, 'hook');
    const app = APPS.find((candidate) => candidate.id === fields.app_id);
    if (!app) return unprocessable(['App is not included in the list'], ['app_id']);
    const inboxId = typeof fields.inbox_id === 'number' ? fields.inbox_id : null;
    if (app.hookType === 'inbox' && !records.inboxes.some((i) => i.id === inboxId)) return unprocessable(['Inbox must exist'], ['inbox_id']);
    if (!app.allowMultiple && admin.hooks.some((h) => h.accountId === req.account.id && h.appId === app.id)) {
      return unprocessable(['App has already been taken'], ['app_id']);
    }
    const hook: SimHook = {
      id: admin.nextId('hooks'),
      accountId: req.account.id,
      appId: app.id,
      inboxId: app.hookType === 'inbox' ? inboxId : null,
      status: fields.status === 0 || fields.status === 'disabled' ? 'disabled' : 'enabled',
      hookType: app.hookType,
      referenceId: null,
      settings: isObject(fields.settings) ? fields.settings : {},
    };
    admin.hooks.push(hook);
    return ok(hookView(records, hook, true));
  });

  onAccount(store, router, 'PATCH', '/integrations/hooks/:hook_id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const hook = find(req);
    if (!hook) return RECORD_NOT_FOUND;
    const fields = wrapped(req, 'hook');
    if (fields.status === 0 || fields.status === 'disabled') hook.status = 'disabled';
    if (fields.status === 1 || fields.status === 'enabled') hook.status = 'enabled';
    if (isObject(fields.settings)) hook.settings = fields.settings;
    return ok(hookView(records, hook, true));
  });

  onAccount(store, router, 'DELETE', '/integrations/hooks/:hook_id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const hook = find(req);
    if (!hook) return RECORD_NOT_FOUND;
    admin.hooks.splice(admin.hooks.indexOf(hook), 1);
    return ok();
  });
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
