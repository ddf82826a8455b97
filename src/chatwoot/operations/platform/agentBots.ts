import { definedFields, deletedRecord, listOf, recordOf } from '../../decode';
import { defineOperation, type WithOptions } from '../../operation';
import { toAgentBot } from '../application/agentBots';
import { PLATFORM, type PlatformRecordArgs } from './common';

export interface PlatformAgentBotInput {
  name?: string | null;
  description?: string | null;
  outgoingUrl?: string | null;
  accountId?: string | null;
  avatarUrl?: string | null;
}

const FIELDS = { name: 'name', description: 'description', outgoingUrl: 'outgoing_url', avatarUrl: 'avatar_url' };

/** The bot's fields by Chatwoot's names; the account id is sent as the number it is. */
function botBody(input: PlatformAgentBotInput) {
  const body = definedFields(input, FIELDS);
  if (input.accountId !== undefined && input.accountId !== null) body.account_id = Number(input.accountId);
  return body;
}

type InputArgs = { input: PlatformAgentBotInput };
const BOTS = '/platform/api/v1/agent_bots';
const BOT = `${BOTS}/{id}` as const;

/** Agent bots of the Platform App (the bot's access token in Chatwoot's answer is never mapped). */
export const platformAgentBotOperations = {
  list: defineOperation<WithOptions>()({
    ...PLATFORM,
    operationId: 'list-all-agent-bots',
    method: 'GET',
    path: BOTS,
    params: {},
    decode: listOf(toAgentBot),
    summary: 'The agent bots the Platform App created.',
  }),
  create: defineOperation<WithOptions & InputArgs>()({
    ...PLATFORM,
    operationId: 'create-an-agent-bot',
    method: 'POST',
    path: BOTS,
    params: {},
    body: (args) => botBody(args.input),
    decode: recordOf(toAgentBot),
    summary: 'Creates an agent bot.',
  }),
  get: defineOperation<PlatformRecordArgs>()({
    ...PLATFORM,
    operationId: 'get-details-of-a-single-agent-bot',
    method: 'GET',
    path: BOT,
    params: { id: 'id' },
    decode: recordOf(toAgentBot),
    summary: 'One agent bot the Platform App created.',
  }),
  update: defineOperation<PlatformRecordArgs & InputArgs>()({
    ...PLATFORM,
    operationId: 'update-an-agent-bot',
    method: 'PATCH',
    path: BOT,
    params: { id: 'id' },
    body: (args) => botBody(args.input),
    decode: recordOf(toAgentBot),
    summary: 'Changes an agent bot.',
  }),
  delete: defineOperation<PlatformRecordArgs>()({
    ...PLATFORM,
    operationId: 'delete-an-agent-bot',
    method: 'DELETE',
    path: BOT,
    params: { id: 'id' },
    decode: deletedRecord<PlatformRecordArgs>('id'),
    summary: 'Deletes an agent bot.',
  }),
};
