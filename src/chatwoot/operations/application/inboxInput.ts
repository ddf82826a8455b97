import { definedFields } from '../../decode';
import { InvalidRequestError } from '../../errors';
import type { JsonObject } from '../../types';

/**
 * What an inbox create or update sends: the inbox's own settings flat, and the channel's under `channel`, as
 * Chatwoot's inboxes controller permits them. Values arrive with Chatwoot's spellings (the resolver maps enums).
 */

export type ChannelKind = 'api' | 'web_widget';
export type ReplyTimeValue = 'in_a_few_minutes' | 'in_a_few_hours' | 'in_a_day';

export interface InboxSettingsInput {
  name?: string | null;
  greetingEnabled?: boolean | null;
  greetingMessage?: string | null;
  enableEmailCollect?: boolean | null;
  csatSurveyEnabled?: boolean | null;
  enableAutoAssignment?: boolean | null;
  workingHoursEnabled?: boolean | null;
  outOfOfficeMessage?: string | null;
  timezone?: string | null;
  allowMessagesAfterResolved?: boolean | null;
  lockToSingleConversation?: boolean | null;
  senderNameType?: 'friendly' | 'professional' | null;
  businessName?: string | null;
}

/** A channel's settings; which of them apply depends on the channel's kind. */
export interface ChannelSettingsInput {
  websiteUrl?: string | null;
  welcomeTitle?: string | null;
  welcomeTagline?: string | null;
  widgetColor?: string | null;
  replyTime?: ReplyTimeValue | null;
  preChatFormEnabled?: boolean | null;
  continuityViaEmail?: boolean | null;
  allowedDomains?: string | null;
  hmacMandatory?: boolean | null;
  webhookUrl?: string | null;
  additionalAttributes?: JsonObject | null;
}

export interface CreateInboxInput extends InboxSettingsInput {
  name: string;
  channel: ChannelSettingsInput & { type: ChannelKind };
}

export interface UpdateInboxInput extends InboxSettingsInput {
  channel?: ChannelSettingsInput | null;
}

const SETTINGS = {
  name: 'name',
  greetingEnabled: 'greeting_enabled',
  greetingMessage: 'greeting_message',
  enableEmailCollect: 'enable_email_collect',
  csatSurveyEnabled: 'csat_survey_enabled',
  enableAutoAssignment: 'enable_auto_assignment',
  workingHoursEnabled: 'working_hours_enabled',
  outOfOfficeMessage: 'out_of_office_message',
  timezone: 'timezone',
  allowMessagesAfterResolved: 'allow_messages_after_resolved',
  lockToSingleConversation: 'lock_to_single_conversation',
  senderNameType: 'sender_name_type',
  businessName: 'business_name',
};

/** The channel fields of each kind, by Chatwoot's names (the document's per-channel payloads). */
const CHANNEL_FIELDS: Record<ChannelKind, Readonly<Record<string, string>>> = {
  web_widget: {
    websiteUrl: 'website_url',
    welcomeTitle: 'welcome_title',
    welcomeTagline: 'welcome_tagline',
    widgetColor: 'widget_color',
    replyTime: 'reply_time',
    preChatFormEnabled: 'pre_chat_form_enabled',
    continuityViaEmail: 'continuity_via_email',
    allowedDomains: 'allowed_domains',
    hmacMandatory: 'hmac_mandatory',
  },
  api: { webhookUrl: 'webhook_url', hmacMandatory: 'hmac_mandatory', additionalAttributes: 'additional_attributes' },
};

const ALL_CHANNEL_FIELDS = { ...CHANNEL_FIELDS.web_widget, ...CHANNEL_FIELDS.api };

/** The body of an inbox create; refuses a channel field of another kind and a website inbox without its website. */
export function createInboxBody(input: CreateInboxInput): JsonObject {
  const { channel, ...settings } = input;
  const { type, ...fields } = channel;
  const allowed = CHANNEL_FIELDS[type];
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null && !(name in allowed)) {
      throw new InvalidRequestError(`input.channel.${name} does not apply to a ${type === 'api' ? 'API' : 'WEB_WIDGET'} channel.`, `input.channel.${name}`);
    }
  }
  if (type === 'web_widget' && !fields.websiteUrl) {
    throw new InvalidRequestError('input.channel.websiteUrl is required for a WEB_WIDGET channel.', 'input.channel.websiteUrl');
  }
  if (input.name.trim() === '') throw new InvalidRequestError('input.name must not be blank.', 'input.name');
  return { ...definedFields(settings, SETTINGS), channel: { type, ...definedFields(fields, allowed) } };
}

/** The body of an inbox update: the channel's part only when a channel field is set. */
export function updateInboxBody(input: UpdateInboxInput): JsonObject {
  const { channel, ...settings } = input;
  const body = definedFields(settings, SETTINGS);
  const channelFields = channel ? definedFields(channel, ALL_CHANNEL_FIELDS) : {};
  return Object.keys(channelFields).length > 0 ? { ...body, channel: channelFields } : body;
}
