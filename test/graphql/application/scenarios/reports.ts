import type { RequestScenario } from './types';

/**
 * Exact requests of audit logs, reporting events and the v2 reports: ranges as Unix seconds, lists as `name[]`,
 * `type=account|agent` on the one conversations route (E2).
 */

// 2026-01-01T00:00:00Z and 2026-02-01T00:00:00Z.
const SINCE = 1767225600;
const UNTIL = 1769904000;
const RANGE = 'since: "2026-01-01T00:00:00Z", until: "2026-02-01T00:00:00Z"';
const RANGE_QUERY = `since=${SINCE}&until=${UNTIL}`;
const ROW = { id: 1, conversations_count: 10, resolved_conversations_count: 7, avg_resolution_time: 5400.5, avg_first_response_time: 300, avg_reply_time: null };
const ROW_DATA = { id: '1', conversationsCount: 10, resolvedConversationsCount: 7, avgResolutionTime: 5400.5, avgFirstResponseTime: 300, avgReplyTime: null };
const ROW_FIELDS = 'id conversationsCount resolvedConversationsCount avgResolutionTime avgFirstResponseTime avgReplyTime';

export const reportScenarios: RequestScenario[] = [
  {
    field: 'Account.auditLogs',
    document: '{ account(id: 3) { auditLogs(page: 2) { page perPage totalCount hasNextPage nodes { id action auditableType auditableId username auditedChanges createdAt } } } }',
    reply: {
      body: {
        per_page: 25,
        total_entries: 26,
        current_page: 2,
        audit_logs: [
          {
            id: 9,
            auditable_id: 8,
            auditable_type: 'Webhook',
            user_id: 1,
            user_type: 'User',
            username: 'ada@example.com',
            action: 'update',
            audited_changes: { url: ['https://a.example', 'https://b.example'], secret: ['old-secret-never', 'new-secret-never'] },
            version: 2,
            created_at: SINCE,
          },
        ],
      },
    },
    request: { method: 'GET', path: '/api/v1/accounts/3/audit_logs', query: '?page=2' },
    data: {
      account: {
        auditLogs: {
          page: 2,
          perPage: 25,
          totalCount: 26,
          hasNextPage: false,
          nodes: [
            {
              id: '9',
              action: 'update',
              auditableType: 'Webhook',
              auditableId: '8',
              username: 'ada@example.com',
              auditedChanges: { url: ['https://a.example', 'https://b.example'] },
              createdAt: '2026-01-01T00:00:00.000Z',
            },
          ],
        },
      },
    },
  },
  {
    field: 'Account.reportingEvents',
    document: `{ account(id: 3) { reportingEvents(page: 1, ${RANGE}, inboxId: 2, userId: 5, name: FIRST_RESPONSE) { page perPage totalCount totalPages hasNextPage nodes { id name value conversationId eventStartTime } } } }`,
    reply: {
      body: {
        meta: { count: 30, current_page: 1, total_pages: 2 },
        payload: [{ id: 40, name: 'first_response', value: 120.5, conversation_id: 12, event_start_time: '2026-01-02T10:00:00.000Z' }],
      },
    },
    request: { method: 'GET', path: '/api/v1/accounts/3/reporting_events', query: `?page=1&${RANGE_QUERY}&inbox_id=2&user_id=5&name=first_response` },
    data: {
      account: {
        reportingEvents: {
          page: 1,
          perPage: 25,
          totalCount: 30,
          totalPages: 2,
          hasNextPage: true,
          nodes: [{ id: '40', name: 'first_response', value: 120.5, conversationId: '12', eventStartTime: '2026-01-02T10:00:00.000Z' }],
        },
      },
    },
  },
  {
    field: 'AccountReports.timeseries',
    document: `{ account(id: 3) { reports { timeseries(metric: AVG_FIRST_RESPONSE_TIME, dimension: INBOX, id: 2, ${RANGE}, businessHours: true, timezoneOffset: 5.5) { value timestamp } } } }`,
    reply: { body: [{ value: '300.5', timestamp: SINCE }, { value: 0, timestamp: SINCE + 86400 }] },
    request: {
      method: 'GET',
      path: '/api/v2/accounts/3/reports',
      query: `?metric=avg_first_response_time&type=inbox&id=2&${RANGE_QUERY}&business_hours=true&timezone_offset=5.5`,
    },
    data: { account: { reports: { timeseries: [{ value: 300.5, timestamp: '2026-01-01T00:00:00.000Z' }, { value: 0, timestamp: '2026-01-02T00:00:00.000Z' }] } } },
  },
  {
    field: 'AccountReports.summary',
    document: `{ account(id: 3) { reports { summary(${RANGE}) { conversationsCount avgFirstResponseTime resolutionsCount previous { conversationsCount } } } } }`,
    reply: { body: { conversations_count: 12, avg_first_response_time: '250.0', resolutions_count: 9, previous: { conversations_count: 8 } } },
    request: { method: 'GET', path: '/api/v2/accounts/3/reports/summary', query: `?type=account&${RANGE_QUERY}` },
    data: { account: { reports: { summary: { conversationsCount: 12, avgFirstResponseTime: 250, resolutionsCount: 9, previous: { conversationsCount: 8 } } } } },
  },
  {
    field: 'AccountReports.conversationCounts',
    document: '{ account(id: 3) { reports { conversationCounts { open unattended unassigned } } } }',
    reply: { body: { open: 5, unattended: 2, unassigned: 1 } },
    request: { method: 'GET', path: '/api/v2/accounts/3/reports/conversations', query: '?type=account' },
    data: { account: { reports: { conversationCounts: { open: 5, unattended: 2, unassigned: 1 } } } },
  },
  {
    field: 'AccountReports.agentConversationCounts',
    document: '{ account(id: 3) { reports { agentConversationCounts(userId: 5) { id name availability open unattended } } } }',
    reply: { body: [{ id: 5, name: 'Sam', email: 'sam@example.com', availability: 'online', metric: { open: 3, unattended: 1 } }] },
    // The documented trailing-slash path of the same route (E2); `type=agent` picks the per-agent answer.
    request: { method: 'GET', path: '/api/v2/accounts/3/reports/conversations/', query: '?type=agent&user_id=5' },
    data: { account: { reports: { agentConversationCounts: [{ id: '5', name: 'Sam', availability: 'online', open: 3, unattended: 1 }] } } },
  },
  {
    field: 'AccountReports.firstResponseTimeDistribution',
    document: `{ account(id: 3) { reports { firstResponseTimeDistribution(${RANGE}) } } }`,
    reply: { body: { 'Channel::WebWidget': { '0-1h': 4, '1-4h': 1, '4-8h': 0, '8-24h': 0, '24h+': 0 } } },
    request: { method: 'GET', path: '/api/v2/accounts/3/reports/first_response_time_distribution', query: `?${RANGE_QUERY}` },
    data: { account: { reports: { firstResponseTimeDistribution: { 'Channel::WebWidget': { '0-1h': 4, '1-4h': 1, '4-8h': 0, '8-24h': 0, '24h+': 0 } } } } },
  },
  {
    field: 'AccountReports.inboxLabelMatrix',
    document: `{ account(id: 3) { reports { inboxLabelMatrix(${RANGE}, inboxIds: [1, 2], labelIds: [7]) } } }`,
    reply: { body: { inboxes: [{ id: 1, name: 'Website' }, { id: 2, name: 'App' }], labels: [{ id: 7, title: 'vip' }], matrix: [[3], [0]] } },
    request: { method: 'GET', path: '/api/v2/accounts/3/reports/inbox_label_matrix', query: `?${RANGE_QUERY}&inbox_ids%5B%5D=1&inbox_ids%5B%5D=2&label_ids%5B%5D=7` },
    data: { account: { reports: { inboxLabelMatrix: { inboxes: [{ id: 1, name: 'Website' }, { id: 2, name: 'App' }], labels: [{ id: 7, title: 'vip' }], matrix: [[3], [0]] } } } },
  },
  {
    field: 'AccountReports.outgoingMessagesCount',
    document: `{ account(id: 3) { reports { outgoingMessagesCount(groupBy: TEAM, ${RANGE}) { id name outgoingMessagesCount } } } }`,
    reply: { body: [{ id: 1, name: 'support', outgoing_messages_count: 42 }] },
    request: { method: 'GET', path: '/api/v2/accounts/3/reports/outgoing_messages_count', query: `?${RANGE_QUERY}&group_by=team` },
    data: { account: { reports: { outgoingMessagesCount: [{ id: '1', name: 'support', outgoingMessagesCount: 42 }] } } },
  },
  {
    field: 'AccountReports.byAgent',
    document: `{ account(id: 3) { reports { byAgent(${RANGE}, businessHours: false) { ${ROW_FIELDS} } } } }`,
    reply: { body: [ROW] },
    request: { method: 'GET', path: '/api/v2/accounts/3/summary_reports/agent', query: `?${RANGE_QUERY}&business_hours=false` },
    data: { account: { reports: { byAgent: [ROW_DATA] } } },
  },
  {
    field: 'AccountReports.byInbox',
    document: `{ account(id: 3) { reports { byInbox(${RANGE}) { ${ROW_FIELDS} } } } }`,
    reply: { body: [ROW] },
    request: { method: 'GET', path: '/api/v2/accounts/3/summary_reports/inbox', query: `?${RANGE_QUERY}` },
    data: { account: { reports: { byInbox: [ROW_DATA] } } },
  },
  {
    field: 'AccountReports.byTeam',
    document: `{ account(id: 3) { reports { byTeam(${RANGE}, businessHours: true) { ${ROW_FIELDS} } } } }`,
    reply: { body: [ROW] },
    request: { method: 'GET', path: '/api/v2/accounts/3/summary_reports/team', query: `?${RANGE_QUERY}&business_hours=true` },
    data: { account: { reports: { byTeam: [ROW_DATA] } } },
  },
  {
    field: 'AccountReports.byChannel',
    document: `{ account(id: 3) { reports { byChannel(${RANGE}) { channelType open resolved pending snoozed total } } } }`,
    // A map keyed by channel class in Chatwoot; a list in the graph.
    reply: { body: { 'Channel::WebWidget': { open: 2, resolved: 5, pending: 0, snoozed: 1, total: 8 }, 'Channel::Api': { open: 1, resolved: 0, pending: 0, snoozed: 0, total: 1 } } },
    request: { method: 'GET', path: '/api/v2/accounts/3/summary_reports/channel', query: `?${RANGE_QUERY}` },
    data: {
      account: {
        reports: {
          byChannel: [
            { channelType: 'WEB_WIDGET', open: 2, resolved: 5, pending: 0, snoozed: 1, total: 8 },
            { channelType: 'API', open: 1, resolved: 0, pending: 0, snoozed: 0, total: 1 },
          ],
        },
      },
    },
  },
];
