import { accountOperations } from '../../../chatwoot/operations/application/accounts';
import { labelOperations } from '../../../chatwoot/operations/application/labels';
import { profileOperations } from '../../../chatwoot/operations/application/profile';
import { auditLogOperations } from '../../../chatwoot/operations/application/auditLogs';
import { automationRuleOperations } from '../../../chatwoot/operations/application/automationRules';
import { helpCenterOperations } from '../../../chatwoot/operations/application/helpCenter';
import { integrationOperations } from '../../../chatwoot/operations/application/integrations';
import { reportingEventOperations } from '../../../chatwoot/operations/application/reportingEvents';
import { reportOperations } from '../../../chatwoot/operations/application/reports';
import { webhookOperations } from '../../../chatwoot/operations/application/webhooks';
import { bindField, type OperationEntry } from '../../fieldBinding';

/**
 * Which field of the graph runs which declared Application API operation: the README's table, the coverage test and
 * the contract test read this list. A resource adds its lines here when it adds its resolvers.
 */
export const APPLICATION_FIELD_OPERATIONS: readonly OperationEntry[] = [
  // A02 Profile, A01 Account
  bindField('Query.me', profileOperations.get),
  bindField('Mutation.updateMyProfile', profileOperations.update),
  bindField('Account.name', accountOperations.get),
  bindField('Mutation.updateAccount', accountOperations.update),
  // A12 Labels
  bindField('Account.labels', labelOperations.list),
  bindField('Mutation.createLabel', labelOperations.create),
  bindField('Account.label', labelOperations.get),
  bindField('Mutation.updateLabel', labelOperations.update),
  bindField('Mutation.deleteLabel', labelOperations.delete),
  // A03 Audit logs
  bindField('Account.auditLogs', auditLogOperations.list),
  // A15 Automation rules
  bindField('Account.automationRules', automationRuleOperations.list),
  bindField('Mutation.createAutomationRule', automationRuleOperations.create),
  bindField('Account.automationRule', automationRuleOperations.get),
  bindField('Mutation.updateAutomationRule', automationRuleOperations.update),
  bindField('Mutation.deleteAutomationRule', automationRuleOperations.delete),
  // A16 Webhooks
  bindField('Account.webhooks', webhookOperations.list),
  bindField('Mutation.createWebhook', webhookOperations.create),
  bindField('Mutation.updateWebhook', webhookOperations.update),
  bindField('Mutation.deleteWebhook', webhookOperations.delete),
  // A17 Integrations
  bindField('Account.integrations', integrationOperations.apps),
  bindField('Mutation.createIntegrationHook', integrationOperations.createHook),
  bindField('Mutation.updateIntegrationHook', integrationOperations.updateHook),
  bindField('Mutation.deleteIntegrationHook', integrationOperations.deleteHook),
  // A18 Help center (portals addressed by slug)
  bindField('Account.portals', helpCenterOperations.portals),
  bindField('Mutation.createPortal', helpCenterOperations.createPortal),
  bindField('Mutation.updatePortal', helpCenterOperations.updatePortal),
  bindField('Mutation.createHelpCenterArticle', helpCenterOperations.createArticle),
  bindField('Mutation.createHelpCenterCategory', helpCenterOperations.createCategory),
  // A19 Reports (AccountReports is a namespace; its fields make the calls)
  bindField('Account.reportingEvents', reportingEventOperations.list),
  bindField('AccountReports.timeseries', reportOperations.timeseries),
  bindField('AccountReports.conversationCounts', reportOperations.conversationCounts),
  bindField('AccountReports.agentConversationCounts', reportOperations.agentConversationCounts),
  bindField('AccountReports.firstResponseTimeDistribution', reportOperations.firstResponseTimeDistribution),
  bindField('AccountReports.inboxLabelMatrix', reportOperations.inboxLabelMatrix),
  bindField('AccountReports.outgoingMessagesCount', reportOperations.outgoingMessagesCount),
  bindField('AccountReports.summary', reportOperations.summary),
  bindField('AccountReports.byAgent', reportOperations.byAgent),
  bindField('AccountReports.byChannel', reportOperations.byChannel),
  bindField('AccountReports.byInbox', reportOperations.byInbox),
  bindField('AccountReports.byTeam', reportOperations.byTeam),
];
