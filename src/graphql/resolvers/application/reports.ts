import { auditLogOperations } from '../../../chatwoot/operations/application/auditLogs';
import { reportingEventOperations } from '../../../chatwoot/operations/application/reportingEvents';
import { type ReportDimensionName, reportOperations } from '../../../chatwoot/operations/application/reports';
import type { ReportDimension, Resolvers } from '../../../generated/graphql';
import { enumValue, read } from './run';

/** What the reports namespace knows: only its account; each of its fields makes its own call. */
export interface ReportsRef {
  readonly accountId: string;
}

const dimension = (value: ReportDimension | null | undefined): ReportDimensionName | undefined => (value ? enumValue(value) : undefined);

/**
 * Reports, audit logs and reporting events. Every report field is a read through the request's loaders, so the
 * reports of one dashboard query go out concurrently (within the per-request bound) and each exactly once.
 */
export const reportResolvers: Resolvers = {
  Account: {
    reports: (account) => ({ accountId: account.id }),
    auditLogs: (account, { page, options }, context) => read(context, auditLogOperations.list, { accountId: account.id, page, options }),
    reportingEvents: (account, { name, ...args }, context) =>
      read(context, reportingEventOperations.list, { ...args, accountId: account.id, name: name ? enumValue(name) : undefined }),
  },
  AuditLogPage: {
    hasNextPage: (page) => page.page * page.perPage < page.totalCount,
  },
  ReportingEventPage: {
    hasNextPage: (page) => page.page < page.totalPages,
  },
  AccountReports: {
    timeseries: ({ accountId }, { metric, dimension: d, ...args }, context) =>
      read(context, reportOperations.timeseries, { ...args, accountId, metric: enumValue(metric), dimension: dimension(d) }),
    summary: ({ accountId }, { dimension: d, ...args }, context) =>
      read(context, reportOperations.summary, { ...args, accountId, dimension: dimension(d) }),
    conversationCounts: ({ accountId }, { options }, context) => read(context, reportOperations.conversationCounts, { accountId, options }),
    agentConversationCounts: ({ accountId }, args, context) => read(context, reportOperations.agentConversationCounts, { ...args, accountId }),
    firstResponseTimeDistribution: ({ accountId }, args, context) =>
      read(context, reportOperations.firstResponseTimeDistribution, { ...args, accountId }),
    inboxLabelMatrix: ({ accountId }, args, context) => read(context, reportOperations.inboxLabelMatrix, { ...args, accountId }),
    outgoingMessagesCount: ({ accountId }, { groupBy, ...args }, context) =>
      read(context, reportOperations.outgoingMessagesCount, { ...args, accountId, groupBy: enumValue(groupBy) }),
    byAgent: ({ accountId }, args, context) => read(context, reportOperations.byAgent, { ...args, accountId }),
    byChannel: ({ accountId }, args, context) => read(context, reportOperations.byChannel, { ...args, accountId }),
    byInbox: ({ accountId }, args, context) => read(context, reportOperations.byInbox, { ...args, accountId }),
    byTeam: ({ accountId }, args, context) => read(context, reportOperations.byTeam, { ...args, accountId }),
  },
};
