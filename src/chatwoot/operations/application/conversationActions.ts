import { toReportingEvent } from './reportingEvents';
import { idOrNull, listOf, stringList, timeOrNull } from '../../decode';
import { InvalidRequestError } from '../../errors';
import { defineOperation, recordId } from '../../operation';
import { booleanOrNull, expectObject, objectOrNull, stringOrNull } from '../../records';
import type { ConversationStatusValue, JsonObject } from '../../types';
import { toAgent } from './agents';
import { toAgentBot } from './agentBots';
import { APPLICATION } from './common';
import type { AssigneeRecord, PriorityValue } from './conversationRecords';
import type { ConversationArgs } from './conversations';
import { type TeamRecord, toTeam } from './teams';

/**
 * The actions on one conversation (assignments, custom attributes, labels, reporting events, priority, status,
 * typing), each a POST or GET below `conversations/{display_id}`. Several answer with an empty body: their records
 * echo what was set, and the schema re-reads the conversation when it is selected.
 */

/** What toggle_status answers: the status Chatwoot set (it toggles open/resolved when none was asked). */
export interface StatusChangeRecord {
  accountId: string;
  displayId: number;
  success: boolean | null;
  status: ConversationStatusValue | null;
  snoozedUntil: string | null;
}

/** What toggle_priority set (Chatwoot answers with an empty body). */
export interface PriorityChangeRecord {
  accountId: string;
  displayId: number;
  priority: PriorityValue | null;
}

/** What toggle_typing_status sent (Chatwoot answers with an empty body). */
export interface AgentTypingRecord {
  accountId: string;
  displayId: number;
  status: 'on' | 'off';
  private: boolean;
}

const CONVERSATION = '/api/v1/accounts/{account_id}/conversations/{conversation_id}' as const;
const both = { ...APPLICATION, sets: 'both' } as const;
const official = { ...APPLICATION, sets: 'official' } as const;
const one = { account_id: 'accountId', conversation_id: 'displayId' } as const;
const labelsOf = (answer: unknown): string[] => stringList(objectOrNull(answer)?.payload);
const attributesOf = (answer: unknown): JsonObject => objectOrNull(objectOrNull(answer)?.custom_attributes) ?? {};
type AssignArgs = ConversationArgs & { agentId?: string | null; agentBotId?: string | null };
type TeamArgs = ConversationArgs & { teamId?: string | null };

/** The per-conversation actions (assign-a-conversation twice: an agent or a bot, and a team). */
export const conversationActionOperations = {
  assign: defineOperation<AssignArgs>()({
    ...both,
    operationId: 'assign-a-conversation',
    method: 'POST',
    path: `${CONVERSATION}/assignments`,
    params: one,
    role: 'ANY',
    body: (args) => {
      if (args.agentId != null && args.agentBotId != null) throw new InvalidRequestError('Set agentId or agentBotId, not both.', 'agentBotId');
      if (args.agentBotId != null) return { assignee_id: Number(recordId(args.agentBotId, 'agentBotId')), assignee_type: 'AgentBot' };
      return { assignee_id: args.agentId != null ? Number(recordId(args.agentId, 'agentId')) : null };
    },
    // The agent partial, the bot's slim partial, or JSON null (erratum E25).
    decode: (answer, _call, args): AssigneeRecord | null => {
      const raw = objectOrNull(answer);
      if (!raw || idOrNull(raw.id) === null) return null;
      return args.agentBotId != null ? { kind: 'AgentBot', ...toAgentBot(raw) } : { kind: 'Agent', ...toAgent(raw, args.accountId) };
    },
    summary: 'Assigns a conversation to an agent or an agent bot, or unassigns it.',
  }),
  setTeam: defineOperation<TeamArgs>()({
    ...both,
    operationId: 'assign-a-conversation',
    method: 'POST',
    path: `${CONVERSATION}/assignments`,
    params: one,
    role: 'ANY',
    body: (args) => ({ team_id: args.teamId != null ? Number(recordId(args.teamId, 'teamId')) : null }),
    // The raw team record, or JSON null (erratum E25).
    decode: (answer, _call, args): TeamRecord | null => {
      const raw = objectOrNull(answer);
      return raw && idOrNull(raw.id) !== null ? toTeam(raw, args.accountId) : null;
    },
    summary: "Sets a conversation's team, or clears it.",
  }),
  setCustomAttributes: defineOperation<ConversationArgs & { customAttributes: JsonObject; merge?: boolean | null }>()({
    ...official,
    operationId: 'update-custom-attributes-of-a-conversation',
    method: 'POST',
    path: `${CONVERSATION}/custom_attributes`,
    params: one,
    role: 'ANY',
    body: (args) => (args.merge ? { custom_attributes: args.customAttributes, merge: true } : { custom_attributes: args.customAttributes }),
    decode: attributesOf,
    summary: "Replaces a conversation's custom attributes, or merges into them.",
  }),
  removeCustomAttributes: defineOperation<ConversationArgs & { keys: readonly string[] }>()({
    ...official,
    operationId: 'destroy-custom-attributes-of-a-conversation',
    method: 'POST',
    path: `${CONVERSATION}/destroy_custom_attributes`,
    params: one,
    role: 'ANY',
    body: (args) => ({ custom_attributes: [...args.keys] }),
    decode: attributesOf,
    summary: 'Removes custom attributes of a conversation by key.',
  }),
  labels: defineOperation<ConversationArgs>()({
    ...both,
    operationId: 'list-all-labels-of-a-conversation',
    method: 'GET',
    path: `${CONVERSATION}/labels`,
    params: one,
    role: 'ANY',
    decode: labelsOf,
    summary: "The conversation's labels.",
  }),
  setLabels: defineOperation<ConversationArgs & { labels: readonly string[] }>()({
    ...both,
    operationId: 'conversation-add-labels',
    method: 'POST',
    path: `${CONVERSATION}/labels`,
    params: one,
    role: 'ANY',
    body: (args) => ({ labels: [...args.labels] }),
    decode: labelsOf,
    summary: "Replaces the conversation's labels (the document says it adds them; it replaces).",
  }),
  reportingEvents: defineOperation<ConversationArgs>()({
    ...official,
    operationId: 'get-conversation-reporting-events',
    method: 'GET',
    path: `${CONVERSATION}/reporting_events`,
    params: one,
    role: 'ANY',
    decode: listOf(toReportingEvent),
    summary: "The conversation's reporting events (Chatwoot Enterprise only).",
  }),
  setPriority: defineOperation<ConversationArgs & { priority?: string | null }>()({
    ...both,
    operationId: 'toggle-priority-of-a-conversation',
    method: 'POST',
    path: `${CONVERSATION}/toggle_priority`,
    params: one,
    role: 'ANY',
    body: (args) => ({ priority: args.priority ? args.priority.toLowerCase() : null }),
    decode: (_answer, _call, args): PriorityChangeRecord => ({
      accountId: args.accountId,
      displayId: Number(args.displayId),
      priority: args.priority ? (args.priority.toLowerCase() as PriorityValue) : null,
    }),
    summary: "Sets a conversation's priority; null clears it.",
  }),
  changeStatus: defineOperation<ConversationArgs & { status?: string | null; snoozedUntil?: string | null }>()({
    ...both,
    operationId: 'toggle-status-of-a-conversation',
    method: 'POST',
    path: `${CONVERSATION}/toggle_status`,
    params: one,
    role: 'ANY',
    body: (args) => {
      const body: JsonObject = {};
      if (args.status != null) body.status = args.status.toLowerCase();
      if (args.snoozedUntil != null) {
        if (args.status !== 'SNOOZED') throw new InvalidRequestError('snoozedUntil goes with status SNOOZED only.', 'snoozedUntil');
        body.snoozed_until = Math.floor(Date.parse(args.snoozedUntil) / 1000);
      }
      return body;
    },
    decode: (answer, call, args): StatusChangeRecord => {
      const payload = objectOrNull(expectObject(answer, call).payload) ?? {};
      const status = stringOrNull(payload.current_status);
      return {
        accountId: args.accountId,
        displayId: Number(args.displayId),
        success: booleanOrNull(payload.success),
        status: status as ConversationStatusValue | null,
        snoozedUntil: timeOrNull(payload.snoozed_until),
      };
    },
    summary: 'Sets a conversation status (open, resolved, pending, snoozed); without one, toggles open and resolved.',
  }),
  setTyping: defineOperation<ConversationArgs & { status: 'ON' | 'OFF'; private?: boolean | null }>()({
    ...official,
    operationId: 'toggle-typing-status-of-a-conversation',
    method: 'POST',
    path: `${CONVERSATION}/toggle_typing_status`,
    params: one,
    role: 'ANY',
    body: (args) => ({ typing_status: args.status.toLowerCase(), is_private: args.private ?? false }),
    decode: (_answer, _call, args): AgentTypingRecord => ({
      accountId: args.accountId,
      displayId: Number(args.displayId),
      status: args.status === 'ON' ? 'on' : 'off',
      private: args.private ?? false,
    }),
    summary: "Tells the conversation's watchers that the agent is typing (or a private note), or stopped.",
  }),
};
