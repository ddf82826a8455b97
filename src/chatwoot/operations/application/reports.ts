import { idOrNull, listOf, timeOrNull } from '../../decode';
import { InvalidRequestError } from '../../errors';
import { defineOperation, type QueryValue, recordId } from '../../operation';
import { expectArray, expectObject, numberOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { type AccountArgs, APPLICATION } from './common';
import { type ChannelTypeName, channelTypeOf } from './inboxes';
import { idList, optionalId, rangeQuery, type RangeArgs } from './reportRange';

/** The account's reports (Chatwoot's v2 API): computed over a time range, administrators only. */

export type ReportDimensionName = 'account' | 'agent' | 'inbox' | 'label' | 'team';

/** One value of a time series: the bucket's start and its value (a count, or seconds for durations). */
export interface ReportPointRecord {
  value: number | null;
  timestamp: string | null;
}

/** The headline numbers of a range; `previous` is the same for the range before it, when Chatwoot sends it. */
export interface ReportSummaryRecord {
  conversationsCount: number | null;
  incomingMessagesCount: number | null;
  outgoingMessagesCount: number | null;
  avgFirstResponseTime: number | null;
  avgResolutionTime: number | null;
  avgReplyTime: number | null;
  resolutionsCount: number | null;
  previous: ReportSummaryRecord | null;
}

/** The account's conversations right now (`reports/conversations?type=account`). */
export interface ConversationMetricCountsRecord {
  open: number | null;
  unattended: number | null;
  unassigned: number | null;
  pending: number | null;
}

/** One agent's open and unattended conversations (`reports/conversations/?type=agent`). */
export interface AgentConversationCountsRecord {
  id: string;
  name: string | null;
  email: string | null;
  thumbnail: string | null;
  availability: string | null;
  open: number | null;
  unattended: number | null;
}

/** One row of the agent, inbox or team summary report (the id is the agent's, inbox's or team's). */
export interface SummaryReportRowRecord {
  id: string;
  conversationsCount: number | null;
  resolvedConversationsCount: number | null;
  avgResolutionTime: number | null;
  avgFirstResponseTime: number | null;
  avgReplyTime: number | null;
}

/** One channel type's conversations by status (Chatwoot answers a map keyed by channel class). */
export interface ChannelSummaryRowRecord {
  channelType: ChannelTypeName | null;
  open: number | null;
  resolved: number | null;
  pending: number | null;
  snoozed: number | null;
  total: number | null;
}

export interface OutgoingMessagesCountRecord {
  id: string;
  name: string | null;
  outgoingMessagesCount: number | null;
}

function toSummary(raw: JsonObject): ReportSummaryRecord {
  const previous = objectOrNull(raw.previous);
  return {
    conversationsCount: numberOrNull(raw.conversations_count),
    incomingMessagesCount: numberOrNull(raw.incoming_messages_count),
    outgoingMessagesCount: numberOrNull(raw.outgoing_messages_count),
    avgFirstResponseTime: numberOrNull(raw.avg_first_response_time),
    avgResolutionTime: numberOrNull(raw.avg_resolution_time),
    avgReplyTime: numberOrNull(raw.reply_time ?? raw.avg_reply_time),
    resolutionsCount: numberOrNull(raw.resolutions_count),
    previous: previous ? toSummary(previous) : null,
  };
}

function toSummaryRow(raw: JsonObject): SummaryReportRowRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    conversationsCount: numberOrNull(raw.conversations_count),
    resolvedConversationsCount: numberOrNull(raw.resolved_conversations_count),
    avgResolutionTime: numberOrNull(raw.avg_resolution_time),
    avgFirstResponseTime: numberOrNull(raw.avg_first_response_time),
    avgReplyTime: numberOrNull(raw.avg_reply_time),
  };
}

function toAgentCounts(raw: JsonObject): AgentConversationCountsRecord {
  const metric = objectOrNull(raw.metric) ?? {};
  return {
    id: idOrNull(raw.id) ?? '',
    name: stringOrNull(raw.name),
    email: stringOrNull(raw.email),
    thumbnail: stringOrNull(raw.thumbnail),
    availability: stringOrNull(raw.availability),
    open: numberOrNull(metric.open),
    unattended: numberOrNull(metric.unattended),
  };
}

/** The time-series answer is a bare array of `{value, timestamp}`; values come as numbers or numeric strings. */
function toPoints(answer: unknown, call: Parameters<typeof expectArray>[1]): ReportPointRecord[] {
  return expectArray(answer, call)
    .map(objectOrNull)
    .filter((point): point is JsonObject => point !== null)
    .map((point) => ({ value: numberOrNull(point.value), timestamp: timeOrNull(point.timestamp) }));
}

export const REPORT_METRICS = [
  'conversations_count',
  'incoming_messages_count',
  'outgoing_messages_count',
  'avg_first_response_time',
  'avg_resolution_time',
  'resolutions_count',
] as const;

type Dimensioned = { dimension?: ReportDimensionName | null; id?: string | null };
type BusinessHours = { businessHours?: boolean | null };
type TimeseriesArgs = AccountArgs & RangeArgs & Dimensioned & BusinessHours & { metric: string; timezoneOffset?: number | null };
type SummaryArgs = AccountArgs & RangeArgs & Dimensioned & BusinessHours;
type RangeOnly = AccountArgs & RangeArgs;
type RangeWithHours = RangeOnly & BusinessHours;
type AgentCountsArgs = AccountArgs & { userId?: string | null };
type MatrixArgs = RangeOnly & { inboxIds?: readonly string[] | null; labelIds?: readonly string[] | null };
type OutgoingArgs = RangeOnly & { groupBy: string };

/** `type` and `id` of a report: the account needs no id, every other dimension one. */
function dimensionQuery(args: Dimensioned): Record<string, QueryValue> {
  const type = args.dimension ?? 'account';
  if (type === 'account') return { type };
  if (args.id === undefined || args.id === null) throw new InvalidRequestError(`id is required for the ${type} dimension.`, 'id');
  return { type, id: recordId(args.id, 'id') };
}

/** Chatwoot reads business_hours as a boolean string; it is left out unless asked for. */
const hours = (args: BusinessHours) => (args.businessHours === undefined || args.businessHours === null ? undefined : args.businessHours);

const V2 = '/api/v2/accounts/{account_id}' as const;
const common = { ...APPLICATION, role: 'ADMINISTRATOR', params: { account_id: 'accountId' } } as const;
const summaryRows = listOf(toSummaryRow);

export const reportOperations = {
  timeseries: defineOperation<TimeseriesArgs>()({
    ...common,
    sets: 'both',
    operationId: 'list-all-conversation-statistics',
    method: 'GET',
    path: `${V2}/reports`,
    query: (args) => ({
      metric: args.metric,
      ...dimensionQuery(args),
      ...rangeQuery(args),
      business_hours: hours(args),
      timezone_offset: args.timezoneOffset ?? undefined,
    }),
    decode: toPoints,
    summary: 'A metric over time (counts, or durations in seconds).',
  }),
  summary: defineOperation<SummaryArgs>()({
    ...common,
    sets: 'both',
    operationId: 'list-all-conversation-statistics-summary',
    method: 'GET',
    path: `${V2}/reports/summary`,
    query: (args) => ({ ...dimensionQuery(args), ...rangeQuery(args), business_hours: hours(args) }),
    decode: (answer, call) => toSummary(expectObject(answer, call)),
    summary: "A range's headline numbers, with the previous range's.",
  }),
  // Erratum E2: the two conversation-metrics operations are one Rails route; `type` picks the answer.
  conversationCounts: defineOperation<AccountArgs>()({
    ...common,
    sets: 'both',
    operationId: 'get-account-conversation-metrics',
    method: 'GET',
    path: `${V2}/reports/conversations`,
    query: () => ({ type: 'account' }),
    decode: (answer, call) => {
      const body = expectObject(answer, call);
      return { open: numberOrNull(body.open), unattended: numberOrNull(body.unattended), unassigned: numberOrNull(body.unassigned), pending: numberOrNull(body.pending) };
    },
    summary: "The account's open, unattended and unassigned conversations now.",
  }),
  agentConversationCounts: defineOperation<AgentCountsArgs>()({
    ...common,
    sets: 'both',
    operationId: 'get-agent-conversation-metrics',
    method: 'GET',
    path: `${V2}/reports/conversations/`,
    query: (args) => ({ type: 'agent', user_id: optionalId(args.userId, 'userId') }),
    decode: listOf(toAgentCounts),
    summary: "Each agent's (or one agent's) open and unattended conversations now.",
  }),
  firstResponseTimeDistribution: defineOperation<RangeOnly>()({
    ...common,
    sets: 'official',
    operationId: 'get-first-response-time-distribution',
    method: 'GET',
    path: `${V2}/reports/first_response_time_distribution`,
    query: rangeQuery,
    decode: (answer, call) => expectObject(answer, call),
    summary: 'First response times in buckets (0-1h ... 24h+), per channel type.',
  }),
  inboxLabelMatrix: defineOperation<MatrixArgs>()({
    ...common,
    sets: 'official',
    operationId: 'get-inbox-label-matrix',
    method: 'GET',
    path: `${V2}/reports/inbox_label_matrix`,
    query: (args) => ({ ...rangeQuery(args), inbox_ids: idList(args.inboxIds, 'inboxIds'), label_ids: idList(args.labelIds, 'labelIds') }),
    decode: (answer, call) => expectObject(answer, call),
    summary: 'Conversations per inbox and label.',
  }),
  outgoingMessagesCount: defineOperation<OutgoingArgs>()({
    ...common,
    sets: 'official',
    operationId: 'get-outgoing-messages-count',
    method: 'GET',
    path: `${V2}/reports/outgoing_messages_count`,
    query: (args) => ({ ...rangeQuery(args), group_by: args.groupBy }),
    decode: listOf((raw) => ({ id: idOrNull(raw.id) ?? '', name: stringOrNull(raw.name), outgoingMessagesCount: numberOrNull(raw.outgoing_messages_count) })),
    summary: 'Outgoing messages per agent, team, inbox or label.',
  }),
  byAgent: defineOperation<RangeWithHours>()({
    ...common,
    sets: 'official',
    operationId: 'get-agent-summary-report',
    method: 'GET',
    path: `${V2}/summary_reports/agent`,
    query: (args) => ({ ...rangeQuery(args), business_hours: hours(args) }),
    decode: summaryRows,
    summary: 'Conversations, resolutions and average times per agent.',
  }),
  byChannel: defineOperation<RangeOnly>()({
    ...common,
    sets: 'official',
    operationId: 'get-channel-summary-report',
    method: 'GET',
    path: `${V2}/summary_reports/channel`,
    query: rangeQuery,
    decode: (answer, call) =>
      Object.entries(expectObject(answer, call)).map(([channel, counts]) => {
        const row = objectOrNull(counts) ?? {};
        return {
          channelType: channelTypeOf(channel),
          open: numberOrNull(row.open),
          resolved: numberOrNull(row.resolved),
          pending: numberOrNull(row.pending),
          snoozed: numberOrNull(row.snoozed),
          total: numberOrNull(row.total),
        };
      }),
    summary: 'Conversations by status per channel type (ranges up to 6 months).',
  }),
  byInbox: defineOperation<RangeWithHours>()({
    ...common,
    sets: 'official',
    operationId: 'get-inbox-summary-report',
    method: 'GET',
    path: `${V2}/summary_reports/inbox`,
    query: (args) => ({ ...rangeQuery(args), business_hours: hours(args) }),
    decode: summaryRows,
    summary: 'Conversations, resolutions and average times per inbox.',
  }),
  byTeam: defineOperation<RangeWithHours>()({
    ...common,
    sets: 'official',
    operationId: 'get-team-summary-report',
    method: 'GET',
    path: `${V2}/summary_reports/team`,
    query: (args) => ({ ...rangeQuery(args), business_hours: hours(args) }),
    decode: summaryRows,
    summary: 'Conversations, resolutions and average times per team.',
  }),
};
