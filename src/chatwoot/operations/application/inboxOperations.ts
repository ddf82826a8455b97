import { listOf, recordOf } from '../../decode';
import { InvalidRequestError, type UpstreamCallInfo } from '../../errors';
import { defineOperation, recordId } from '../../operation';
import { objectOrNull, stringOrNull } from '../../records';
import { type AgentBotRecord, toAgentBot } from './agentBots';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION, type RecordArgs } from './common';
import { type CreateInboxInput, createInboxBody, type UpdateInboxInput, updateInboxBody } from './inboxInput';
import { toAccountInbox } from './inboxes';

/** What setting an inbox's bot answers: Chatwoot's own answer is an empty 200, so the gateway echoes the request. */
export interface InboxAgentBotRecord {
  inboxId: string;
  agentBotId: string | null;
}

/** The largest branded e-mail layout the document allows (256 KiB of text). */
export const MAX_LAYOUT_LENGTH = 262_144;

const INBOXES = `${ACCOUNT_PATH}/inboxes` as const;
const INBOX = `${INBOXES}/{id}` as const;
const LAYOUT = `${ACCOUNT_PATH}/branded_email_layout` as const;
const common = { ...APPLICATION, sets: 'both' } as const;
const inbox = (answer: unknown, call: UpstreamCallInfo, args: AccountArgs) =>
  recordOf((raw) => toAccountInbox(raw, args.accountId))(answer, call);
type SetBotArgs = RecordArgs & { agentBotId?: string | null };
type LayoutArgs = AccountArgs & { layout?: string | null };

/** `{agent_bot: {...}}`, or an empty object or body when the inbox has no bot. */
function inboxBot(answer: unknown): AgentBotRecord | null {
  const bot = objectOrNull(objectOrNull(answer)?.agent_bot);
  return bot && Object.keys(bot).length > 0 ? toAgentBot(bot) : null;
}

const layoutOf = (answer: unknown): string | null => stringOrNull(objectOrNull(answer)?.branded_email_layout);

export const inboxOperations = {
  list: defineOperation<AccountArgs>()({
    ...common,
    operationId: 'listAllInboxes',
    method: 'GET',
    path: INBOXES,
    params: { account_id: 'accountId' },
    role: 'ANY',
    decode: (answer, call, args) => listOf((raw) => toAccountInbox(raw, args.accountId))(answer, call),
    summary: "The account's inboxes (agents see the inboxes they work in, administrators all).",
  }),
  get: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'GetInbox',
    method: 'GET',
    path: INBOX,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ANY',
    decode: inbox,
    summary: 'One inbox (agents only the inboxes they work in).',
  }),
  create: defineOperation<AccountArgs & { input: CreateInboxInput }>()({
    ...common,
    operationId: 'inboxCreation',
    method: 'POST',
    path: INBOXES,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body: (args) => createInboxBody(args.input),
    decode: inbox,
    summary: 'Creates an inbox with its channel (API or website live chat).',
  }),
  update: defineOperation<RecordArgs & { input: UpdateInboxInput }>()({
    ...common,
    operationId: 'updateInbox',
    method: 'PATCH',
    path: INBOX,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    body: (args) => updateInboxBody(args.input),
    decode: inbox,
    summary: "Changes an inbox's settings and its channel's.",
  }),
  agentBot: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'getInboxAgentBot',
    method: 'GET',
    path: `${INBOX}/agent_bot`,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ANY',
    decode: inboxBot,
    summary: "The inbox's agent bot, or none (Chatwoot answers 200, not the documented 204).",
  }),
  setAgentBot: defineOperation<SetBotArgs>()({
    ...common,
    operationId: 'updateAgentBot',
    method: 'POST',
    path: `${INBOX}/set_agent_bot`,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    body: (args) => ({ agent_bot: args.agentBotId ? Number(recordId(args.agentBotId, 'agentBotId')) : null }),
    decode: (_answer, _call, args): InboxAgentBotRecord => ({
      inboxId: String(args.id),
      agentBotId: args.agentBotId ? recordId(args.agentBotId, 'agentBotId') : null,
    }),
    summary: "Connects an agent bot to an inbox, or disconnects it (null); Chatwoot answers an empty 200.",
  }),
  brandedEmailLayout: defineOperation<AccountArgs>()({
    ...common,
    sets: 'official',
    operationId: 'getAccountBrandedEmailLayout',
    method: 'GET',
    path: LAYOUT,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    decode: layoutOf,
    summary: "The account's branded e-mail layout (HTML), or none.",
  }),
  setBrandedEmailLayout: defineOperation<LayoutArgs>()({
    ...common,
    sets: 'official',
    operationId: 'updateAccountBrandedEmailLayout',
    method: 'PATCH',
    path: LAYOUT,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body: (args) => {
      const layout = args.layout ?? null;
      if (layout !== null && layout.length > MAX_LAYOUT_LENGTH) {
        throw new InvalidRequestError(`layout may be at most ${MAX_LAYOUT_LENGTH} characters long.`, 'layout');
      }
      return { branded_email_layout: layout };
    },
    decode: layoutOf,
    summary: "Sets the account's branded e-mail layout, or clears it (null); needs the branded_email_templates feature.",
  }),
};
