import { automationRuleOperations, type AutomationRuleInput } from '../../../chatwoot/operations/application/automationRules';
import { helpCenterOperations } from '../../../chatwoot/operations/application/helpCenter';
import { integrationOperations } from '../../../chatwoot/operations/application/integrations';
import { WEBHOOK_EVENTS, webhookOperations, type WebhookInput } from '../../../chatwoot/operations/application/webhooks';
import type {
  AutomationEvent,
  AutomationRuleInput as AutomationRuleInputArg,
  Resolvers,
  WebhookEvent,
  WebhookInput as WebhookInputArg,
} from '../../../generated/graphql';
import { enumName, enumValue, read, write } from './run';

/** Automation rules, webhooks, integrations and the help center: the account's administration. */

const AUTOMATION_EVENTS = new Set(['conversation_created', 'conversation_updated', 'conversation_opened', 'conversation_resolved', 'message_created']);

function ruleInput(input: AutomationRuleInputArg): AutomationRuleInput {
  return { ...input, eventName: input.eventName ? enumValue(input.eventName) : input.eventName };
}

function webhookInput(input: WebhookInputArg): WebhookInput {
  return { ...input, subscriptions: input.subscriptions?.map((event) => enumValue(event)) };
}

export const administrationResolvers: Resolvers = {
  Account: {
    automationRules: (account, { options }, context) => read(context, automationRuleOperations.list, { accountId: account.id, options }),
    automationRule: (account, { id, options }, context) =>
      read(context, automationRuleOperations.get, { accountId: account.id, id, options }),
    webhooks: (account, { options }, context) => read(context, webhookOperations.list, { accountId: account.id, options }),
    integrations: (account, { options }, context) => read(context, integrationOperations.apps, { accountId: account.id, options }),
    portals: (account, { options }, context) => read(context, helpCenterOperations.portals, { accountId: account.id, options }),
  },
  AutomationRule: {
    // An event this gateway does not know yet is null rather than an error for the whole rule.
    eventName: (rule) => (rule.eventName && AUTOMATION_EVENTS.has(rule.eventName) ? enumName<AutomationEvent>(rule.eventName) : null),
  },
  Webhook: {
    subscriptions: (webhook) => webhook.subscriptions.filter((event) => WEBHOOK_EVENTS.includes(event)).map((event) => enumName<WebhookEvent>(event)!),
  },
  Mutation: {
    createAutomationRule: (_root, { input, ...args }, context) => write(context, automationRuleOperations.create, { ...args, input: ruleInput(input) }),
    updateAutomationRule: (_root, { input, ...args }, context) => write(context, automationRuleOperations.update, { ...args, input: ruleInput(input) }),
    deleteAutomationRule: (_root, args, context) => write(context, automationRuleOperations.delete, args),
    createWebhook: (_root, { input, ...args }, context) => write(context, webhookOperations.create, { ...args, input: webhookInput(input) }),
    updateWebhook: (_root, { input, ...args }, context) => write(context, webhookOperations.update, { ...args, input: webhookInput(input) }),
    deleteWebhook: (_root, args, context) => write(context, webhookOperations.delete, args),
    createIntegrationHook: (_root, args, context) => write(context, integrationOperations.createHook, args),
    updateIntegrationHook: (_root, args, context) => write(context, integrationOperations.updateHook, args),
    deleteIntegrationHook: (_root, args, context) => write(context, integrationOperations.deleteHook, args),
    createPortal: (_root, args, context) => write(context, helpCenterOperations.createPortal, args),
    updatePortal: (_root, args, context) => write(context, helpCenterOperations.updatePortal, args),
    createHelpCenterArticle: (_root, args, context) => write(context, helpCenterOperations.createArticle, args),
    createHelpCenterCategory: (_root, args, context) => write(context, helpCenterOperations.createCategory, args),
  },
};
