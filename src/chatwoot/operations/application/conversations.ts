import { idOrNull, listOf, recordOf, stringList, timeOrNull } from '../../decode';
import type { UpstreamCallInfo } from '../../errors';
import { InvalidRequestError } from '../../errors';
import { defineOperation, recordId } from '../../operation';
import { booleanOrNull, expectObject, numberOrNull, objectOrNull, stringOrNull } from '../../records';
import type { ConversationStatusValue, JsonObject } from '../../types';
import { toAgent } from './agents';
import { toAgentBot } from './agentBots';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION } from './common';
import { type AccountConversationRecord, type AssigneeRecord, type PriorityValue, toAccountConversation } from './conversationRecords';
import { filterPayload, type FilterInput, pageNumber } from './filters';
import { type TeamRecord, toTeam } from './teams';

/** The conversation tab counts Chatwoot returns with a list (before the assignee filter is applied). */
export interface ConversationCountsRecord {
  mine: number | null;
  assigned: number | null;
  unassigned: number | null;
  all: number | null;
}

/** A page of conversations with the tab counts Chatwoot returned alongside. */
export interface AccountConversationPageRecord {
  nodes: AccountConversationRecord[];
  page: number;
  perPage: number;
  counts: ConversationCountsRecord;
  totalCount: number | null;
  hasNextPage: boolean;
}

/** Arguments of an operation on one conversation, addressed by its display id. */
export interface ConversationArgs extends AccountArgs {
  readonly displayId: number | string;
}

/** The assignee tabs of Chatwoot's conversation list. */
export type AssigneeTypeName = 'ME' | 'UNASSIGNED' | 'ASSIGNED' | 'ALL';

/** The list's (and the counts') filters, by the schema's names. */
export interface ConversationListArgs extends AccountArgs {
  status?: string | null;
  assigneeType?: AssigneeTypeName | null;
  inboxId?: string | null;
  teamId?: string | null;
  labels?: readonly string[] | null;
  query?: string | null;
  sortBy?: string | null;
  page?: number | null;
  /** Chatwoot's page size (CONVERSATION_RESULTS_PER_PAGE on its server; CHATWOOT_CONVERSATIONS_PER_PAGE here). */
  perPage: number;
}

function countsOf(meta: JsonObject | null): ConversationCountsRecord {
  return {
    mine: numberOrNull(meta?.mine_count),
    assigned: numberOrNull(meta?.assigned_count),
    unassigned: numberOrNull(meta?.unassigned_count),
    all: numberOrNull(meta?.all_count),
  };
}

function pageOf(
  wrapper: JsonObject,
  args: AccountArgs & { page?: number | null; perPage: number },
  total: (counts: ConversationCountsRecord) => number | null,
): AccountConversationPageRecord {
  const payload = Array.isArray(wrapper.payload) ? wrapper.payload : [];
  const nodes = payload.map(objectOrNull).filter((c): c is JsonObject => c !== null).map((c) => toAccountConversation(c, args.accountId));
  const counts = countsOf(objectOrNull(wrapper.meta));
  const page = args.page ?? 1;
  const totalCount = total(counts);
  // A short page is the last one whatever the count says (the count is for the tab, and may lag a concurrent change).
  const hasNextPage = nodes.length >= args.perPage && (totalCount === null || page * args.perPage < totalCount);
  return { nodes, page, perPage: args.perPage, counts, totalCount, hasNextPage };
}

const TAB_COUNT: Record<AssigneeTypeName, keyof ConversationCountsRecord> = { ME: 'mine', UNASSIGNED: 'unassigned', ASSIGNED: 'assigned', ALL: 'all' };

function listQuery(args: ConversationListArgs) {
  return {
    status: args.status ? args.status.toLowerCase() : undefined,
    q: args.query ?? undefined,
    inbox_id: args.inboxId != null ? recordId(args.inboxId, 'inboxId') : undefined,
    team_id: args.teamId != null ? recordId(args.teamId, 'teamId') : undefined,
    labels: args.labels ?? undefined,
  };
}


/** A new conversation: a source id, or an inbox and a contact. */
export interface CreateConversationInput {
  sourceId?: string | null;
  inboxId?: string | null;
  contactId?: string | null;
  status?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  snoozedUntil?: string | null;
  additionalAttributes?: JsonObject | null;
  customAttributes?: JsonObject | null;
  message?: { content: string; templateParams?: JsonObject | null } | null;
}

function createBody(input: CreateConversationInput): JsonObject {
  if (input.sourceId == null && (input.inboxId == null || input.contactId == null)) {
    throw new InvalidRequestError('Give sourceId, or inboxId and contactId, to say whom the conversation is with.', 'input');
  }
  const body: JsonObject = {};
  if (input.sourceId != null) body.source_id = input.sourceId;
  if (input.inboxId != null) body.inbox_id = Number(recordId(input.inboxId, 'input.inboxId'));
  if (input.contactId != null) body.contact_id = Number(recordId(input.contactId, 'input.contactId'));
  if (input.status != null) body.status = input.status.toLowerCase();
  if (input.assigneeId != null) body.assignee_id = Number(recordId(input.assigneeId, 'input.assigneeId'));
  if (input.teamId != null) body.team_id = Number(recordId(input.teamId, 'input.teamId'));
  if (input.snoozedUntil != null) body.snoozed_until = input.snoozedUntil;
  if (input.additionalAttributes != null) body.additional_attributes = input.additionalAttributes;
  if (input.customAttributes != null) body.custom_attributes = input.customAttributes;
  if (input.message != null) {
    body.message = input.message.templateParams != null ? { content: input.message.content, template_params: input.message.templateParams } : { content: input.message.content };
  }
  return body;
}

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

const CONVERSATIONS = `${ACCOUNT_PATH}/conversations` as const;
const CONVERSATION = `${CONVERSATIONS}/{conversation_id}` as const;
const both = { ...APPLICATION, sets: 'both' } as const;
const official = { ...APPLICATION, sets: 'official' } as const;
const account = { account_id: 'accountId' } as const;
const one = { account_id: 'accountId', conversation_id: 'displayId' } as const;
const conversationOf = (answer: unknown, call: UpstreamCallInfo, args: AccountArgs) =>
  recordOf((raw) => toAccountConversation(raw, args.accountId))(answer, call);
const labelsOf = (answer: unknown): string[] => stringList(objectOrNull(answer)?.payload);
const attributesOf = (answer: unknown): JsonObject => objectOrNull(objectOrNull(answer)?.custom_attributes) ?? {};

type FilterArgs = AccountArgs & { filter: FilterInput; page?: number | null; perPage: number };
type AssignArgs = ConversationArgs & { agentId?: string | null; agentBotId?: string | null };
type TeamArgs = ConversationArgs & { teamId?: string | null };

/** The A10 Conversations operations (assignments twice: agent or bot, and team). */
export const conversationOperations = {
  list: defineOperation<ConversationListArgs>()({
    ...both,
    operationId: 'conversationList',
    method: 'GET',
    path: CONVERSATIONS,
    params: account,
    role: 'ANY',
    query: (args) => ({
      ...listQuery(args),
      assignee_type: args.assigneeType ? args.assigneeType.toLowerCase() : undefined,
      sort_by: args.sortBy ? args.sortBy.toLowerCase() : undefined,
      page: pageNumber(args.page),
    }),
    // `{data: {meta, payload}}` (erratum E3): the total of a page is the count of its assignee tab.
    decode: (answer, call, args) =>
      pageOf(objectOrNull(expectObject(answer, call).data) ?? {}, args, (counts) => counts[TAB_COUNT[args.assigneeType ?? 'ALL']]),
    summary: 'The conversations the caller may see, 25 a page, with the tab counts.',
  }),
  counts: defineOperation<ConversationListArgs>()({
    ...both,
    operationId: 'conversationListMeta',
    method: 'GET',
    path: `${CONVERSATIONS}/meta`,
    params: account,
    role: 'ANY',
    query: listQuery,
    decode: (answer, call) => countsOf(objectOrNull(expectObject(answer, call).meta)),
    summary: 'The conversation tab counts (mine, assigned, unassigned, all) for a status, inbox, team or label.',
  }),
  filter: defineOperation<FilterArgs>()({
    ...both,
    operationId: 'conversationFilter',
    method: 'POST',
    path: `${CONVERSATIONS}/filter`,
    params: account,
    role: 'ANY',
    query: (args) => ({ page: pageNumber(args.page) }),
    body: (args) => filterPayload(args.filter, 'conversation'),
    // `{meta, payload}` without the list's `data` wrapper and without assigned_count (erratum E3).
    decode: (answer, call, args) => pageOf(expectObject(answer, call), args, (counts) => counts.all),
    summary: 'Conversations matching typed filter conditions (a read sent as POST).',
  }),
  get: defineOperation<ConversationArgs>()({
    ...both,
    operationId: 'get-details-of-a-conversation',
    method: 'GET',
    path: CONVERSATION,
    params: one,
    role: 'ANY',
    decode: conversationOf,
    summary: 'One conversation, by its display id.',
  }),
  create: defineOperation<AccountArgs & { input: CreateConversationInput }>()({
    ...both,
    operationId: 'newConversation',
    method: 'POST',
    path: CONVERSATIONS,
    params: account,
    role: 'ANY',
    body: (args) => createBody(args.input),
    decode: conversationOf,
    summary: 'Opens a conversation with a contact (by source id, or inbox and contact).',
  }),
  update: defineOperation<ConversationArgs & { priority?: string | null; slaPolicyId?: string | null }>()({
    ...official,
    operationId: 'update-conversation',
    method: 'PATCH',
    path: CONVERSATION,
    params: one,
    role: 'ANY',
    body: (args) => {
      const body: JsonObject = {};
      // null clears the priority; Chatwoot has no "none" value (erratum E5).
      if (args.priority !== undefined) body.priority = args.priority === null ? null : args.priority.toLowerCase();
      if (args.slaPolicyId != null) body.sla_policy_id = Number(recordId(args.slaPolicyId, 'slaPolicyId'));
      return body;
    },
    decode: conversationOf,
    summary: "Changes a conversation's priority (and SLA policy on Enterprise).",
  }),
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

/** An event of Chatwoot's reporting (first response, resolution, ...), as the document describes it. */
export interface ReportingEventRecord {
  id: string;
  name: string | null;
  value: number | null;
  valueInBusinessHours: number | null;
  eventStartTime: string | null;
  eventEndTime: string | null;
  userId: string | null;
  inboxId: string | null;
  createdAt: string | null;
}

/** Maps one reporting event. */
export function toReportingEvent(raw: JsonObject): ReportingEventRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    name: stringOrNull(raw.name),
    value: numberOrNull(raw.value),
    valueInBusinessHours: numberOrNull(raw.value_in_business_hours),
    eventStartTime: timeOrNull(raw.event_start_time),
    eventEndTime: timeOrNull(raw.event_end_time),
    userId: idOrNull(raw.user_id),
    inboxId: idOrNull(raw.inbox_id),
    createdAt: timeOrNull(raw.created_at),
  };
}


