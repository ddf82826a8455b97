import { randomBytes } from 'node:crypto';
import type { JsonObject, SimInbox } from '../store';
import { ACCOUNT_ID } from '../store';
import type { SimAccountInbox, SimAgentBot, SimCannedResponse, SimCustomAttributeDefinition, SimCustomFilter } from './records';
import type { ApplicationStore, SimAccountUser, SimTeam } from './store';

/**
 * Chatwoot's views of the account's structure (`api/v1/models/_agent`, `_team`, `_inbox`, `_agent_bot`) and the
 * `render json:` records of its settings, secrets included where Chatwoot includes them so the gateway's mapping
 * that drops them is tested.
 */

export function agentView(store: ApplicationStore, member: SimAccountUser): JsonObject {
  const user = store.users.get(member.userId);
  return {
    id: member.userId,
    account_id: member.accountId,
    availability_status: member.availability,
    auto_offline: member.autoOffline,
    confirmed: user?.confirmed ?? false,
    email: user?.email ?? null,
    available_name: user?.displayName ?? user?.name ?? null,
    name: user?.name ?? null,
    role: member.role,
    thumbnail: '',
    custom_role_id: null,
  };
}

export function teamView(store: ApplicationStore, team: SimTeam, callerId: number): JsonObject {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    allow_auto_assign: team.allowAutoAssign,
    account_id: team.accountId,
    is_member: store.teamMembers.some((m) => m.teamId === team.id && m.userId === callerId),
  };
}

/** The Application API's side of a Client API inbox, made with Chatwoot's defaults the first time it is asked for. */
export function accountInboxOf(store: ApplicationStore, inbox: SimInbox): SimAccountInbox {
  let extra = store.structure.accountInboxes.get(inbox.id);
  if (!extra) {
    extra = {
      inboxId: inbox.id,
      accountId: ACCOUNT_ID,
      channelType: 'Channel::Api',
      channelId: inbox.id,
      greetingMessage: null,
      enableAutoAssignment: true,
      enableEmailCollect: true,
      outOfOfficeMessage: null,
      allowMessagesAfterResolved: true,
      senderNameType: 'friendly',
      businessName: null,
      webhookUrl: null,
      secret: randomBytes(12).toString('hex'),
      websiteUrl: null,
      websiteToken: null,
      widgetColor: null,
      welcomeTitle: null,
      welcomeTagline: null,
      replyTime: null,
      agentBotId: null,
    };
    store.structure.accountInboxes.set(inbox.id, extra);
  }
  return extra;
}

/** `_inbox`: administrators also get the channel's HMAC token and secret, as Chatwoot shows them. */
export function inboxView(store: ApplicationStore, inbox: SimInbox, admin: boolean): JsonObject {
  const extra = accountInboxOf(store, inbox);
  const api = extra.channelType === 'Channel::Api';
  const view: JsonObject = {
    id: inbox.id,
    account_id: extra.accountId,
    avatar_url: '',
    channel_id: extra.channelId,
    name: inbox.name,
    channel_type: extra.channelType,
    greeting_enabled: inbox.greetingEnabled,
    greeting_message: extra.greetingMessage,
    working_hours_enabled: inbox.workingHoursEnabled,
    enable_email_collect: extra.enableEmailCollect,
    csat_survey_enabled: inbox.csatSurveyEnabled,
    enable_auto_assignment: extra.enableAutoAssignment,
    auto_assignment_config: {},
    out_of_office_message: extra.outOfOfficeMessage,
    working_hours: [],
    timezone: inbox.timezone,
    allow_messages_after_resolved: extra.allowMessagesAfterResolved,
    lock_to_single_conversation: inbox.lockToSingleConversation,
    sender_name_type: extra.senderNameType,
    business_name: extra.businessName,
    hmac_mandatory: inbox.hmacMandatory,
  };
  if (api) Object.assign(view, { webhook_url: extra.webhookUrl, inbox_identifier: inbox.identifier, additional_attributes: {} });
  else {
    Object.assign(view, {
      website_url: extra.websiteUrl,
      website_token: extra.websiteToken,
      widget_color: extra.widgetColor,
      welcome_title: extra.welcomeTitle,
      welcome_tagline: extra.welcomeTagline,
      reply_time: extra.replyTime,
    });
  }
  if (admin) Object.assign(view, { hmac_token: inbox.hmacToken, ...(api ? { secret: extra.secret } : {}) });
  return view;
}

/** `_agent_bot`: administrators also get the bot's access token and secret. */
export function agentBotView(bot: SimAgentBot, admin: boolean): JsonObject {
  const view: JsonObject = {
    id: bot.id,
    name: bot.name,
    description: bot.description,
    thumbnail: '',
    outgoing_url: bot.outgoingUrl,
    bot_type: 'webhook',
    bot_config: bot.botConfig,
    account_id: bot.accountId,
    system_bot: bot.accountId === null,
  };
  if (admin && bot.accountId !== null) Object.assign(view, { access_token: bot.accessToken, secret: bot.secret });
  return view;
}

export function customAttributeDefinitionView(definition: SimCustomAttributeDefinition): JsonObject {
  return {
    id: definition.id,
    attribute_display_name: definition.displayName,
    attribute_display_type: definition.displayType,
    attribute_description: definition.description,
    attribute_key: definition.key,
    regex_pattern: definition.regexPattern,
    regex_cue: definition.regexCue,
    attribute_values: definition.values,
    attribute_model: definition.model,
    default_value: definition.defaultValue,
    account_id: definition.accountId,
    created_at: definition.createdAt.toISOString(),
    updated_at: definition.updatedAt.toISOString(),
  };
}

export function cannedResponseView(response: SimCannedResponse): JsonObject {
  return {
    id: response.id,
    account_id: response.accountId,
    short_code: response.shortCode,
    content: response.content,
    created_at: response.createdAt.toISOString(),
    updated_at: response.updatedAt.toISOString(),
  };
}

export function customFilterView(filter: SimCustomFilter): JsonObject {
  return {
    id: filter.id,
    name: filter.name,
    filter_type: filter.filterType,
    query: filter.query,
    account_id: filter.accountId,
    user_id: filter.userId,
    created_at: filter.createdAt.toISOString(),
    updated_at: filter.updatedAt.toISOString(),
  };
}
