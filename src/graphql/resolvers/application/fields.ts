import { accountOperations } from '../../../chatwoot/operations/application/accounts';
import { agentBotOperations } from '../../../chatwoot/operations/application/agentBots';
import { agentOperations } from '../../../chatwoot/operations/application/agents';
import { cannedResponseOperations } from '../../../chatwoot/operations/application/cannedResponses';
import { customAttributeOperations } from '../../../chatwoot/operations/application/customAttributes';
import { customFilterOperations } from '../../../chatwoot/operations/application/customFilters';
import { inboxMemberOperations } from '../../../chatwoot/operations/application/inboxMembers';
import { inboxOperations } from '../../../chatwoot/operations/application/inboxOperations';
import { teamOperations } from '../../../chatwoot/operations/application/teams';
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
  // A04 Agents
  bindField('Account.agents', agentOperations.list),
  bindField('Mutation.inviteAgent', agentOperations.invite),
  bindField('Mutation.updateAgent', agentOperations.update),
  bindField('Mutation.removeAgent', agentOperations.remove),
  // A05 Teams
  bindField('Account.teams', teamOperations.list),
  bindField('Mutation.createTeam', teamOperations.create),
  bindField('Account.team', teamOperations.get),
  bindField('Mutation.updateTeam', teamOperations.update),
  bindField('Mutation.deleteTeam', teamOperations.delete),
  bindField('Team.members', teamOperations.members),
  bindField('Mutation.addTeamMembers', teamOperations.addMembers),
  bindField('Mutation.setTeamMembers', teamOperations.setMembers),
  bindField('Mutation.removeTeamMembers', teamOperations.removeMembers),
  // A06 Inboxes
  bindField('Account.brandedEmailLayout', inboxOperations.brandedEmailLayout),
  bindField('Mutation.setBrandedEmailLayout', inboxOperations.setBrandedEmailLayout),
  bindField('Mutation.addInboxMembers', inboxMemberOperations.add),
  bindField('Mutation.setInboxMembers', inboxMemberOperations.set),
  bindField('Mutation.removeInboxMembers', inboxMemberOperations.remove),
  bindField('AccountInbox.members', inboxMemberOperations.list),
  bindField('Account.inboxes', inboxOperations.list),
  bindField('Mutation.createInbox', inboxOperations.create),
  bindField('Account.inbox', inboxOperations.get),
  bindField('Mutation.updateInbox', inboxOperations.update),
  bindField('AccountInbox.agentBot', inboxOperations.agentBot),
  bindField('Mutation.setInboxAgentBot', inboxOperations.setAgentBot),
  // A07 Account agent bots
  bindField('Account.agentBots', agentBotOperations.list),
  bindField('Mutation.createAgentBot', agentBotOperations.create),
  bindField('Account.agentBot', agentBotOperations.get),
  bindField('Mutation.updateAgentBot', agentBotOperations.update),
  bindField('Mutation.deleteAgentBot', agentBotOperations.delete),
  // A09 Custom attributes
  bindField('Account.customAttributeDefinitions', customAttributeOperations.list),
  bindField('Mutation.createCustomAttributeDefinition', customAttributeOperations.create),
  bindField('Account.customAttributeDefinition', customAttributeOperations.get),
  bindField('Mutation.updateCustomAttributeDefinition', customAttributeOperations.update),
  bindField('Mutation.deleteCustomAttributeDefinition', customAttributeOperations.delete),
  // A13 Canned responses
  bindField('Account.cannedResponses', cannedResponseOperations.list),
  bindField('Mutation.createCannedResponse', cannedResponseOperations.create),
  bindField('Mutation.updateCannedResponse', cannedResponseOperations.update),
  bindField('Mutation.deleteCannedResponse', cannedResponseOperations.delete),
  // A14 Custom filters
  bindField('Account.customFilters', customFilterOperations.list),
  bindField('Mutation.createCustomFilter', customFilterOperations.create),
  bindField('Account.customFilter', customFilterOperations.get),
  bindField('Mutation.updateCustomFilter', customFilterOperations.update),
  bindField('Mutation.deleteCustomFilter', customFilterOperations.delete),
];
