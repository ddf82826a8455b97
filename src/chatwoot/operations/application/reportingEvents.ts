import { idOrNull, timeOrNull } from '../../decode';
import { defineOperation } from '../../operation';
import { expectObject, numberOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION } from './common';
import { optionalId, pageNumber, rangeQuery, type RangeArgs } from './reportRange';

/** The names Chatwoot gives its reporting events. */
export const REPORTING_EVENT_NAMES = [
  'conversation_resolved',
  'conversation_opened',
  'first_response',
  'reply_time',
  'conversation_bot_resolved',
  'conversation_bot_handoff',
] as const;

/** A measured moment of a conversation (a first reply, a resolution) with its duration in seconds. */
export interface ReportingEventRecord {
  id: string;
  name: string | null;
  value: number | null;
  valueInBusinessHours: number | null;
  eventStartTime: string | null;
  eventEndTime: string | null;
  accountId: string | null;
  conversationId: string | null;
  inboxId: string | null;
  userId: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface ReportingEventPageRecord {
  nodes: ReportingEventRecord[];
  page: number;
  perPage: number;
  totalCount: number;
  totalPages: number;
}

export function toReportingEvent(raw: JsonObject): ReportingEventRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    name: stringOrNull(raw.name),
    value: numberOrNull(raw.value),
    valueInBusinessHours: numberOrNull(raw.value_in_business_hours),
    eventStartTime: timeOrNull(raw.event_start_time),
    eventEndTime: timeOrNull(raw.event_end_time),
    accountId: idOrNull(raw.account_id),
    conversationId: idOrNull(raw.conversation_id),
    inboxId: idOrNull(raw.inbox_id),
    userId: idOrNull(raw.user_id),
    createdAt: timeOrNull(raw.created_at),
    updatedAt: timeOrNull(raw.updated_at),
  };
}

/** Chatwoot's page size for reporting events (erratum E34). */
const PER_PAGE = 25;

type EventArgs = AccountArgs &
  RangeArgs & { page?: number | null; inboxId?: string | null; userId?: string | null; name?: string | null };

export const reportingEventOperations = {
  list: defineOperation<EventArgs>()({
    ...APPLICATION,
    sets: 'official',
    edition: 'ENTERPRISE',
    operationId: 'get-account-reporting-events',
    method: 'GET',
    path: `${ACCOUNT_PATH}/reporting_events`,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    query: (args) => ({
      page: pageNumber(args.page),
      ...rangeQuery(args),
      inbox_id: optionalId(args.inboxId, 'inboxId'),
      user_id: optionalId(args.userId, 'userId'),
      name: args.name ?? undefined,
    }),
    decode: (answer, call) => {
      const body = expectObject(answer, call);
      const meta = objectOrNull(body.meta) ?? {};
      const events = Array.isArray(body.payload) ? body.payload : [];
      const totalCount = numberOrNull(meta.count) ?? events.length;
      return {
        nodes: events.map(objectOrNull).filter((event): event is JsonObject => event !== null).map(toReportingEvent),
        page: numberOrNull(meta.current_page) ?? 1,
        perPage: PER_PAGE,
        totalCount,
        totalPages: numberOrNull(meta.total_pages) ?? Math.ceil(totalCount / PER_PAGE),
      };
    },
    summary: "The account's reporting events, 25 a page (Chatwoot Enterprise).",
  }),
};
