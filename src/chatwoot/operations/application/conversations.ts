import { recordOf } from '../../decode';
import type { UpstreamCallInfo } from '../../errors';
import { InvalidRequestError } from '../../errors';
import { defineOperation, recordId } from '../../operation';
import { expectObject, numberOrNull, objectOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION } from './common';
import { conversationActionOperations } from './conversationActions';
import { type AccountConversationRecord, toAccountConversation } from './conversationRecords';
import { filterPayload, type FilterInput, pageNumber } from './filters';

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

const CONVERSATIONS = `${ACCOUNT_PATH}/conversations` as const;
const CONVERSATION = `${CONVERSATIONS}/{conversation_id}` as const;
const both = { ...APPLICATION, sets: 'both' } as const;
const official = { ...APPLICATION, sets: 'official' } as const;
const account = { account_id: 'accountId' } as const;
const one = { account_id: 'accountId', conversation_id: 'displayId' } as const;
const conversationOf = (answer: unknown, call: UpstreamCallInfo, args: AccountArgs) =>
  recordOf((raw) => toAccountConversation(raw, args.accountId))(answer, call);

type FilterArgs = AccountArgs & { filter: FilterInput; page?: number | null; perPage: number };

const coreOperations = {
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
};

/** The A10 Conversations operations: reads, create and update here, the per-conversation actions in conversationActions.ts. */
export const conversationOperations = { ...coreOperations, ...conversationActionOperations };
