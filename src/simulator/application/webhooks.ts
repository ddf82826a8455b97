import { randomBytes } from 'node:crypto';
import { ok, type SimRouter, unprocessable } from '../http';
import type { JsonObject, SimulatorStore } from '../store';
import { type AccountRequest, onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator, wrapped } from './auth';
import type { SimWebhook } from './adminStore';
import type { ApplicationStore } from './store';

/** `Webhook::ALLOWED_WEBHOOK_EVENTS`. */
const EVENTS = new Set([
  'conversation_created', 'conversation_status_changed', 'conversation_updated', 'contact_created', 'contact_updated', 'message_created',
  'message_updated', 'webwidget_triggered', 'inbox_created', 'inbox_updated', 'conversation_typing_on', 'conversation_typing_off',
]);
const URL_FORMAT = /^https?:\/\/[^\s/$.?#].[^\s]*$/i;

/** The webhook partial: with its signing secret, as Chatwoot renders it to administrators. */
function webhookView(records: SimulatorStore, webhook: SimWebhook): JsonObject {
  const inbox = webhook.inboxId === null ? undefined : records.inboxes.find((i) => i.id === webhook.inboxId);
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    account_id: webhook.accountId,
    subscriptions: webhook.subscriptions,
    secret: webhook.secret,
    ...(inbox ? { inbox: { id: inbox.id, name: inbox.name } } : {}),
  };
}

/**
 * `/api/v1/accounts/{id}/webhooks`: administrators only, the policy first. The list answers
 * `{payload: {webhooks: [...]}}`, create and update `{payload: {webhook: {...}}}` (erratum E13), delete 200 empty.
 */
export function registerWebhookRoutes(router: SimRouter, store: ApplicationStore, records: SimulatorStore): void {
  const admin = store.administration;
  const find = (req: AccountRequest) => admin.webhooks.find((w) => w.accountId === req.account.id && w.id === pathId(req, 'webhook_id'));
  const audit = (req: AccountRequest, webhook: SimWebhook, action: 'create' | 'update' | 'destroy') =>
    admin.audit({
      accountId: req.account.id,
      auditableType: 'Webhook',
      auditableId: webhook.id,
      userId: req.user.id,
      username: req.user.email,
      action,
      // The audited gem records every column of the row, the signing secret included.
      auditedChanges: { url: webhook.url, subscriptions: webhook.subscriptions, secret: webhook.secret },
    });

  onAccount(store, router, 'GET', '/webhooks', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const webhooks = admin.webhooks.filter((w) => w.accountId === req.account.id).map((w) => webhookView(records, w));
    return ok({ payload: { webhooks } });
  });

  onAccount(store, router, 'POST', '/webhooks', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const webhook: SimWebhook = { id: 0, accountId: req.account.id, inboxId: null, name: null, url: '', subscriptions: [...EVENTS].slice(0, 3), secret: randomBytes(18).toString('base64url') };
    const invalid = apply(admin.webhooks, webhook, wrapped(req, 'webhook'));
    if (invalid) return invalid;
    webhook.id = admin.nextId('webhooks');
    admin.webhooks.push(webhook);
    audit(req, webhook, 'create');
    return ok({ payload: { webhook: webhookView(records, webhook) } });
  });

  onAccount(store, router, 'PATCH', '/webhooks/:webhook_id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const webhook = find(req);
    if (!webhook) return RECORD_NOT_FOUND;
    const invalid = apply(admin.webhooks, webhook, wrapped(req, 'webhook'));
    if (invalid) return invalid;
    audit(req, webhook, 'update');
    return ok({ payload: { webhook: webhookView(records, webhook) } });
  });

  onAccount(store, router, 'DELETE', '/webhooks/:webhook_id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const webhook = find(req);
    if (!webhook) return RECORD_NOT_FOUND;
    admin.webhooks.splice(admin.webhooks.indexOf(webhook), 1);
    audit(req, webhook, 'destroy');
    return ok();
  });
}

/** The model's validations: URL format, unique per account, subscriptions among the allowed events. */
function apply(all: SimWebhook[], webhook: SimWebhook, fields: JsonObject) {
  const url = typeof fields.url === 'string' ? fields.url : webhook.url;
  if (!URL_FORMAT.test(url)) return unprocessable(['Url is invalid'], ['url']);
  if (all.some((other) => other !== webhook && other.accountId === webhook.accountId && other.url === url)) {
    return unprocessable(['Url has already been taken'], ['url']);
  }
  const subscriptions = Array.isArray(fields.subscriptions) ? fields.subscriptions.map(String) : webhook.subscriptions;
  if (subscriptions.length === 0 || subscriptions.some((event) => !EVENTS.has(event))) {
    return unprocessable(['Subscriptions Invalid events'], ['subscriptions']);
  }
  webhook.url = url;
  webhook.subscriptions = subscriptions;
  if (typeof fields.name === 'string' || fields.name === null) webhook.name = fields.name;
  if (typeof fields.inbox_id === 'number' || fields.inbox_id === null) webhook.inboxId = fields.inbox_id;
  return null;
}
