import { definedFields, deletedRecord, idOrNull, listOf, recordOf, stringList } from '../../decode';
import { InvalidRequestError } from '../../errors';
import { defineOperation, recordId } from '../../operation';
import { objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION, type RecordArgs } from './common';
import { type InboxSummaryRecord, toInboxSummary } from './inboxes';

/** The events a webhook can subscribe to (Chatwoot's `Webhook::ALLOWED_WEBHOOK_EVENTS`). */
export const WEBHOOK_EVENTS = [
  'conversation_created',
  'conversation_status_changed',
  'conversation_updated',
  'contact_created',
  'contact_updated',
  'message_created',
  'message_updated',
  'webwidget_triggered',
  'inbox_created',
  'inbox_updated',
  'conversation_typing_on',
  'conversation_typing_off',
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/**
 * A webhook of the account. Chatwoot's answer also carries the webhook's signing `secret`: it is never read beyond
 * whether there is one.
 */
export interface WebhookRecord {
  id: string;
  accountId: string | null;
  name: string | null;
  url: string | null;
  subscriptions: WebhookEventName[];
  inbox: InboxSummaryRecord | null;
  hasSecret: boolean;
}

export interface WebhookInput {
  url?: string | null;
  name?: string | null;
  subscriptions?: readonly string[] | null;
  inboxId?: string | null;
}

export function toWebhook(raw: JsonObject): WebhookRecord {
  const inbox = objectOrNull(raw.inbox);
  const known = new Set<string>(WEBHOOK_EVENTS);
  return {
    id: idOrNull(raw.id) ?? '',
    accountId: idOrNull(raw.account_id),
    name: stringOrNull(raw.name),
    url: stringOrNull(raw.url),
    subscriptions: stringList(raw.subscriptions).filter((event): event is WebhookEventName => known.has(event)),
    inbox: inbox ? toInboxSummary(inbox, idOrNull(raw.account_id) ?? undefined) : null,
    hasSecret: typeof raw.secret === 'string' && raw.secret !== '',
  };
}

/** Chatwoot accepts only absolute http(s) URLs; checked here so a typo costs no call. */
function checkedUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidRequestError(`url must be an absolute http:// or https:// URL, not ${JSON.stringify(value.slice(0, 80))}.`, 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidRequestError(`url must use http:// or https://, not ${url.protocol}//.`, 'url');
  }
  return value;
}

function body(args: { input: WebhookInput }): JsonObject {
  const { input } = args;
  const out = definedFields(input, { name: 'name', subscriptions: 'subscriptions' });
  if (typeof input.url === 'string') out.url = checkedUrl(input.url);
  if (input.inboxId !== undefined) out.inbox_id = input.inboxId === null ? null : Number(recordId(input.inboxId, 'inboxId'));
  return out;
}

const WEBHOOKS = `${ACCOUNT_PATH}/webhooks` as const;
const WEBHOOK = `${WEBHOOKS}/{webhook_id}` as const;
const common = { ...APPLICATION, sets: 'both', role: 'ADMINISTRATOR' } as const;
type CreateArgs = AccountArgs & { input: WebhookInput };
type UpdateArgs = RecordArgs & { input: WebhookInput };

// Erratum E13: the list answers `{payload: {webhooks: [...]}}`, create and update `{payload: {webhook: {...}}}`.
export const webhookOperations = {
  list: defineOperation<AccountArgs>()({
    ...common,
    operationId: 'list-all-webhooks',
    method: 'GET',
    path: WEBHOOKS,
    params: { account_id: 'accountId' },
    decode: listOf(toWebhook, 'webhooks'),
    summary: "The account's webhooks (never their secrets).",
  }),
  create: defineOperation<CreateArgs>()({
    ...common,
    operationId: 'create-a-webhook',
    method: 'POST',
    path: WEBHOOKS,
    params: { account_id: 'accountId' },
    body: (args) => {
      if (typeof args.input.url !== 'string') throw new InvalidRequestError('url is required to create a webhook.', 'url');
      return body(args);
    },
    decode: recordOf(toWebhook, 'webhook'),
    summary: 'Creates a webhook; Chatwoot generates its signing secret.',
  }),
  update: defineOperation<UpdateArgs>()({
    ...common,
    operationId: 'update-a-webhook',
    method: 'PATCH',
    path: WEBHOOK,
    params: { account_id: 'accountId', webhook_id: 'id' },
    body,
    decode: recordOf(toWebhook, 'webhook'),
    summary: 'Changes a webhook (the subscriptions given replace the old ones).',
  }),
  delete: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'delete-a-webhook',
    method: 'DELETE',
    path: WEBHOOK,
    params: { account_id: 'accountId', webhook_id: 'id' },
    decode: deletedRecord<RecordArgs>('id'),
    summary: 'Deletes a webhook.',
  }),
};
