import { ok, type SimResponse, type SimRouter } from '../http';
import type { JsonObject, SimulatorStore } from '../store';
import { type AccountRequest, error, onAccountV2, requireAdministrator } from './auth';
import { average, type ReportConversation, reportConversations } from './reportData';
import type { ApplicationStore } from './store';

/** Rails' `head :unprocessable_entity`: a 422 with an empty body. */
const UNPROCESSABLE_EMPTY: SimResponse = { status: 422 };
const DAY = 86_400;
const SIX_MONTHS = 183 * DAY;
/** Every conversation of the simulator is an API-channel conversation. */
const CHANNEL = 'Channel::Api';

interface Range {
  since: number;
  until: number;
}

/** `since`/`until` as Chatwoot reads them (Unix seconds); the last week when left out. */
function rangeOf(req: AccountRequest): Range {
  const until = Number(req.body.until ?? Math.floor(Date.now() / 1000));
  const since = Number(req.body.since ?? until - 7 * DAY);
  return { since: Number.isFinite(since) ? since : 0, until: Number.isFinite(until) ? until : 0 };
}

const within = (range: Range) => (c: ReportConversation) => c.startedAt >= range.since && c.startedAt <= range.until;

/** The conversations a report dimension selects (type + id). */
function selectedBy(store: ApplicationStore, req: AccountRequest, type: string): ((c: ReportConversation) => boolean) | null {
  const id = Number(req.body.id);
  switch (type) {
    case 'account':
      return () => true;
    case 'agent':
      return (c) => c.assigneeId === id || (c.assigneeId === null && c.firstReplierId === id);
    case 'inbox':
      return (c) => c.inboxId === id;
    case 'team':
      return (c) => c.teamId === id;
    case 'label': {
      const title = store.labels.find((l) => l.accountId === req.account.id && l.id === id)?.title;
      return (c) => title !== undefined && c.labels.includes(title);
    }
    default:
      return null;
  }
}

function summaryOf(records: SimulatorStore, conversations: ReportConversation[], range: Range): JsonObject {
  const ids = new Set(conversations.map((c) => c.id));
  const messages = records.messages.filter((m) => ids.has(m.conversationId) && !m.private && m.createdAt >= range.since && m.createdAt <= range.until);
  const inRange = conversations.filter(within(range));
  const resolved = inRange.filter((c) => c.resolutionSeconds !== null);
  return {
    avg_first_response_time: average(inRange.map((c) => c.firstResponseSeconds)) ?? 0,
    avg_resolution_time: average(resolved.map((c) => c.resolutionSeconds)) ?? 0,
    conversations_count: inRange.length,
    incoming_messages_count: messages.filter((m) => m.messageType === 0).length,
    outgoing_messages_count: messages.filter((m) => m.messageType === 1).length,
    resolutions_count: resolved.length,
  };
}

function summaryRow(id: number, conversations: ReportConversation[]): JsonObject {
  const resolved = conversations.filter((c) => c.resolutionSeconds !== null);
  return {
    id,
    conversations_count: conversations.length,
    resolved_conversations_count: resolved.length,
    avg_resolution_time: average(resolved.map((c) => c.resolutionSeconds)),
    avg_first_response_time: average(conversations.map((c) => c.firstResponseSeconds)),
    avg_reply_time: average(conversations.map((c) => c.firstResponseSeconds)),
  };
}

/**
 * Chatwoot's v2 reports, computed from the shared conversations and messages: administrators only (ReportPolicy),
 * `type` required where Chatwoot requires it (422 with an empty body), `group_by` checked the same way, and the
 * channel summary refusing ranges over six months (erratum E35). `/reports/conversations` and
 * `/reports/conversations/` are one route (erratum E2).
 */
export function registerReportRoutes(router: SimRouter, store: ApplicationStore, records: SimulatorStore): void {
  const report = (template: string, handler: (req: AccountRequest, conversations: ReportConversation[]) => SimResponse) =>
    onAccountV2(store, router, 'GET', template, (req) => requireAdministrator(req) ?? handler(req, reportConversations(records)));

  report('/reports', (req, all) => {
    const select = selectedBy(store, req, String(req.body.type ?? ''));
    const metric = String(req.body.metric ?? '');
    if (!select || !METRICS.has(metric)) return UNPROCESSABLE_EMPTY;
    const range = rangeOf(req);
    const conversations = all.filter(select);
    const points: JsonObject[] = [];
    for (let start = range.since - (range.since % DAY); start <= range.until && points.length < 1000; start += DAY) {
      const day = { since: start, until: start + DAY - 1 };
      const value = summaryOf(records, conversations, day)[metric];
      points.push({ value: typeof value === 'number' ? value : 0, timestamp: start });
    }
    return ok(points);
  });

  report('/reports/summary', (req, all) => {
    const select = selectedBy(store, req, String(req.body.type ?? ''));
    if (!select) return UNPROCESSABLE_EMPTY;
    const range = rangeOf(req);
    const conversations = all.filter(select);
    const previous = { since: range.since - (range.until - range.since), until: range.since - 1 };
    return ok({ ...summaryOf(records, conversations, range), previous: summaryOf(records, conversations, previous) });
  });

  const conversationMetrics = (req: AccountRequest, all: ReportConversation[]): SimResponse => {
    const open = all.filter((c) => c.status === 'open');
    if (req.body.type === 'account') {
      return ok({
        open: open.length,
        unattended: open.filter((c) => c.firstResponseSeconds === null).length,
        unassigned: open.filter((c) => c.assigneeId === null).length,
        pending: all.filter((c) => c.status === 'pending').length,
      });
    }
    if (req.body.type === 'agent') {
      const members = store.membersOf(req.account.id).filter((m) => req.body.user_id === undefined || m.userId === Number(req.body.user_id));
      return ok(
        members.map((member) => {
          const user = store.users.get(member.userId);
          const mine = open.filter((c) => c.assigneeId === member.userId);
          return {
            id: member.userId,
            name: user?.name ?? null,
            email: user?.email ?? null,
            thumbnail: '',
            availability: member.availability,
            metric: { open: mine.length, unattended: mine.filter((c) => c.firstResponseSeconds === null).length },
          };
        }),
      );
    }
    return UNPROCESSABLE_EMPTY;
  };
  report('/reports/conversations', conversationMetrics);
  report('/reports/conversations/', conversationMetrics);

  report('/reports/first_response_time_distribution', (req, all) => {
    const buckets = { '0-1h': 0, '1-4h': 0, '4-8h': 0, '8-24h': 0, '24h+': 0 };
    for (const c of all.filter(within(rangeOf(req)))) {
      const s = c.firstResponseSeconds;
      if (s === null) continue;
      const hours = s / 3600;
      buckets[hours < 1 ? '0-1h' : hours < 4 ? '1-4h' : hours < 8 ? '4-8h' : hours < 24 ? '8-24h' : '24h+'] += 1;
    }
    return ok({ [CHANNEL]: buckets });
  });

  report('/reports/inbox_label_matrix', (req, all) => {
    const inboxIds = req.query.getAll('inbox_ids[]').map(Number);
    const labelIds = req.query.getAll('label_ids[]').map(Number);
    const inboxes = records.inboxes.filter((i) => inboxIds.length === 0 || inboxIds.includes(i.id));
    const labels = store.labels.filter((l) => l.accountId === req.account.id && (labelIds.length === 0 || labelIds.includes(l.id)));
    const inRange = all.filter(within(rangeOf(req)));
    return ok({
      inboxes: inboxes.map((i) => ({ id: i.id, name: i.name })),
      labels: labels.map((l) => ({ id: l.id, title: l.title })),
      matrix: inboxes.map((i) => labels.map((l) => inRange.filter((c) => c.inboxId === i.id && c.labels.includes(l.title)).length)),
    });
  });

  report('/reports/outgoing_messages_count', (req) => {
    const groupBy = String(req.body.group_by ?? '');
    if (!['agent', 'team', 'inbox', 'label'].includes(groupBy)) return UNPROCESSABLE_EMPTY;
    const range = rangeOf(req);
    const outgoing = records.messages.filter((m) => m.messageType === 1 && !m.private && m.createdAt >= range.since && m.createdAt <= range.until);
    const conversationOf = new Map(reportConversations(records).map((c) => [c.id, c]));
    const groups: { id: number; name: string; matches: (m: (typeof outgoing)[number]) => boolean }[] =
      groupBy === 'agent'
        ? store.membersOf(req.account.id).map((m) => ({ id: m.userId, name: store.users.get(m.userId)?.name ?? '', matches: (msg) => msg.sender?.type === 'user' && msg.sender.id === m.userId }))
        : groupBy === 'inbox'
          ? records.inboxes.map((i) => ({ id: i.id, name: i.name, matches: (msg) => conversationOf.get(msg.conversationId)?.inboxId === i.id }))
          : groupBy === 'team'
            ? store.teams.filter((t) => t.accountId === req.account.id).map((t) => ({ id: t.id, name: t.name, matches: (msg) => conversationOf.get(msg.conversationId)?.teamId === t.id }))
            : store.labels.filter((l) => l.accountId === req.account.id).map((l) => ({ id: l.id, name: l.title, matches: (msg) => conversationOf.get(msg.conversationId)?.labels.includes(l.title) ?? false }));
    return ok(groups.map((g) => ({ id: g.id, name: g.name, outgoing_messages_count: outgoing.filter(g.matches).length })));
  });

  report('/summary_reports/agent', (req, all) => {
    const inRange = all.filter(within(rangeOf(req)));
    return ok(store.membersOf(req.account.id).map((m) => summaryRow(m.userId, inRange.filter((c) => (c.assigneeId ?? c.firstReplierId) === m.userId))));
  });
  report('/summary_reports/inbox', (req, all) => {
    const inRange = all.filter(within(rangeOf(req)));
    return ok(records.inboxes.map((i) => summaryRow(i.id, inRange.filter((c) => c.inboxId === i.id))));
  });
  report('/summary_reports/team', (req, all) => {
    const inRange = all.filter(within(rangeOf(req)));
    return ok(store.teams.filter((t) => t.accountId === req.account.id).map((t) => summaryRow(t.id, inRange.filter((c) => c.teamId === t.id))));
  });
  report('/summary_reports/channel', (req, all) => {
    const range = rangeOf(req);
    if (range.until - range.since > SIX_MONTHS) return error(422, 'Date range cannot exceed 6 months');
    const inRange = all.filter(within(range));
    const count = (status: string) => inRange.filter((c) => c.status === status).length;
    return ok({ [CHANNEL]: { open: count('open'), resolved: count('resolved'), pending: count('pending'), snoozed: count('snoozed'), total: inRange.length } });
  });
}

const METRICS = new Set(['conversations_count', 'incoming_messages_count', 'outgoing_messages_count', 'avg_first_response_time', 'avg_resolution_time', 'resolutions_count']);
