import { deletedRecord, idOrNull, listOf, recordOf } from '../../decode';
import { defineOperation, recordId } from '../../operation';
import { booleanOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION, type RecordArgs } from './common';
import { type InboxSummaryRecord, toInboxSummary } from './inboxes';

/**
 * A connection of an app to the account (or to one inbox). Chatwoot shows administrators the hook's `settings`,
 * which hold the app's API keys and tokens: only their names are kept, never a value.
 */
export interface IntegrationHookRecord {
  id: string;
  appId: string | null;
  accountId: string | null;
  status: 'ENABLED' | 'DISABLED' | null;
  hookType: string | null;
  referenceId: string | null;
  inbox: InboxSummaryRecord | null;
  /** The names of the settings Chatwoot showed (administrators only); null when it showed none. */
  settingsKeys: string[] | null;
}

/** An app of Chatwoot's integration catalogue and the account's hooks to it. */
export interface IntegrationAppRecord {
  id: string;
  name: string | null;
  description: string | null;
  shortDescription: string | null;
  hookType: string | null;
  enabled: boolean | null;
  allowMultipleHooks: boolean | null;
  hooks: IntegrationHookRecord[];
}

export interface IntegrationHookInput {
  appId?: string | null;
  inboxId?: string | null;
  status?: 'ENABLED' | 'DISABLED' | null;
  settings?: Record<string, unknown> | null;
}

/** Chatwoot's hook status is an enum column: it renders the name, and takes the integer. */
function statusOf(value: unknown): IntegrationHookRecord['status'] {
  if (value === 'enabled' || value === 1 || value === true) return 'ENABLED';
  if (value === 'disabled' || value === 0 || value === false) return 'DISABLED';
  return null;
}

export function toIntegrationHook(raw: JsonObject): IntegrationHookRecord {
  const inbox = objectOrNull(raw.inbox);
  const settings = objectOrNull(raw.settings);
  return {
    id: idOrNull(raw.id) ?? '',
    appId: stringOrNull(raw.app_id),
    accountId: idOrNull(raw.account_id),
    status: statusOf(raw.status),
    hookType: stringOrNull(raw.hook_type),
    referenceId: stringOrNull(raw.reference_id),
    inbox: inbox ? toInboxSummary(inbox, idOrNull(raw.account_id) ?? undefined) : null,
    settingsKeys: settings ? Object.keys(settings).sort() : null,
  };
}

export function toIntegrationApp(raw: JsonObject): IntegrationAppRecord {
  const hooks = Array.isArray(raw.hooks) ? raw.hooks.map(objectOrNull).filter((h): h is JsonObject => h !== null) : [];
  return {
    id: stringOrNull(raw.id) ?? '',
    name: stringOrNull(raw.name),
    description: stringOrNull(raw.description),
    shortDescription: stringOrNull(raw.short_description),
    hookType: stringOrNull(raw.hook_type),
    enabled: booleanOrNull(raw.enabled),
    allowMultipleHooks: booleanOrNull(raw.allow_multiple_hooks),
    hooks: hooks.map(toIntegrationHook),
  };
}

function body(args: { input: IntegrationHookInput }): JsonObject {
  const { appId, inboxId, status, settings } = args.input;
  const out: JsonObject = {};
  if (typeof appId === 'string') out.app_id = appId;
  if (typeof inboxId === 'string') out.inbox_id = Number(recordId(inboxId, 'inboxId'));
  if (status) out.status = status === 'ENABLED' ? 1 : 0;
  if (settings) out.settings = settings;
  return out;
}

const HOOKS = `${ACCOUNT_PATH}/integrations/hooks` as const;
const HOOK = `${HOOKS}/{hook_id}` as const;
const common = { ...APPLICATION, sets: 'both' } as const;
type CreateArgs = AccountArgs & { input: IntegrationHookInput };
type UpdateArgs = RecordArgs & { input: Pick<IntegrationHookInput, 'status' | 'settings'> };

export const integrationOperations = {
  apps: defineOperation<AccountArgs>()({
    ...common,
    operationId: 'get-details-of-all-integrations',
    method: 'GET',
    path: `${ACCOUNT_PATH}/integrations/apps`,
    params: { account_id: 'accountId' },
    role: 'ANY',
    decode: listOf(toIntegrationApp),
    summary: "Chatwoot's integration apps and the account's hooks (settings by name only).",
  }),
  createHook: defineOperation<CreateArgs>()({
    ...common,
    operationId: 'create-an-integration-hook',
    method: 'POST',
    path: HOOKS,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body,
    decode: recordOf(toIntegrationHook),
    summary: 'Connects an app (a hook), with its settings.',
  }),
  updateHook: defineOperation<UpdateArgs>()({
    ...common,
    operationId: 'update-an-integrations-hook',
    method: 'PATCH',
    path: HOOK,
    params: { account_id: 'accountId', hook_id: 'id' },
    role: 'ADMINISTRATOR',
    body,
    decode: recordOf(toIntegrationHook),
    summary: "Changes a hook's status or settings.",
  }),
  deleteHook: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'delete-an-integration-hook',
    method: 'DELETE',
    path: HOOK,
    params: { account_id: 'accountId', hook_id: 'id' },
    role: 'ADMINISTRATOR',
    decode: deletedRecord<RecordArgs>('id'),
    summary: 'Disconnects an app (deletes the hook).',
  }),
};
