import { definedFields, deletedRecord, idOrNull, listOf, recordOf } from '../../decode';
import { defineOperation } from '../../operation';
import { booleanOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION, type RecordArgs } from './common';

/**
 * An agent bot (`api/v1/models/_agent_bot`). Chatwoot's view also carries the bot's `access_token` and `secret` for
 * administrators: they are secrets and have no field here.
 */
export interface AgentBotRecord {
  id: string;
  accountId: string | null;
  name: string | null;
  description: string | null;
  thumbnail: string | null;
  outgoingUrl: string | null;
  botType: string | null;
  botConfig: JsonObject | null;
  /** A bot of the installation (no account), visible to every account. */
  systemBot: boolean | null;
}

export function toAgentBot(raw: JsonObject): AgentBotRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    accountId: idOrNull(raw.account_id),
    name: stringOrNull(raw.name),
    description: stringOrNull(raw.description),
    thumbnail: stringOrNull(raw.thumbnail),
    outgoingUrl: stringOrNull(raw.outgoing_url),
    botType: stringOrNull(raw.bot_type),
    botConfig: objectOrNull(raw.bot_config),
    systemBot: booleanOrNull(raw.system_bot),
  };
}

export interface AgentBotInput {
  name?: string | null;
  description?: string | null;
  outgoingUrl?: string | null;
  avatarUrl?: string | null;
  botConfig?: JsonObject | null;
}

const BOT_FIELDS = { name: 'name', description: 'description', outgoingUrl: 'outgoing_url', avatarUrl: 'avatar_url', botConfig: 'bot_config' };
const BOTS = `${ACCOUNT_PATH}/agent_bots` as const;
const BOT = `${BOTS}/{id}` as const;
const common = { ...APPLICATION, sets: 'both' } as const;
const body = (args: { input: AgentBotInput }) => definedFields(args.input, BOT_FIELDS);

export const agentBotOperations = {
  list: defineOperation<AccountArgs>()({
    ...common,
    operationId: 'list-all-account-agent-bots',
    method: 'GET',
    path: BOTS,
    params: { account_id: 'accountId' },
    role: 'ANY',
    decode: listOf(toAgentBot),
    summary: "The account's agent bots and the installation's system bots.",
  }),
  get: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'get-details-of-a-single-account-agent-bot',
    method: 'GET',
    path: BOT,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ANY',
    decode: recordOf(toAgentBot),
    summary: 'One agent bot of the account, or a system bot.',
  }),
  create: defineOperation<AccountArgs & { input: AgentBotInput }>()({
    ...common,
    operationId: 'create-an-account-agent-bot',
    method: 'POST',
    path: BOTS,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body,
    decode: recordOf(toAgentBot),
    summary: 'Creates an agent bot in the account.',
  }),
  update: defineOperation<RecordArgs & { input: AgentBotInput }>()({
    ...common,
    operationId: 'update-an-account-agent-bot',
    method: 'PATCH',
    path: BOT,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    body,
    decode: recordOf(toAgentBot),
    summary: "Changes one of the account's own agent bots.",
  }),
  delete: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'delete-an-account-agent-bot',
    method: 'DELETE',
    path: BOT,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    decode: deletedRecord<RecordArgs>('id'),
    summary: "Deletes one of the account's own agent bots.",
  }),
};
