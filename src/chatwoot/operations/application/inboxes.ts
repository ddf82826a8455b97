import { idOrNull } from '../../decode';
import { toWorkingHours } from '../../inboxes';
import { booleanOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject, WorkingHoursRecord } from '../../types';

/** Chatwoot's channel classes, as the inbox partial names them in `channel_type`. */
export const CHANNEL_TYPES = {
  'Channel::WebWidget': 'WEB_WIDGET',
  'Channel::Api': 'API',
  'Channel::Email': 'EMAIL',
  'Channel::FacebookPage': 'FACEBOOK_PAGE',
  'Channel::TwitterProfile': 'TWITTER_PROFILE',
  'Channel::TwilioSms': 'TWILIO_SMS',
  'Channel::Whatsapp': 'WHATSAPP',
  'Channel::Sms': 'SMS',
  'Channel::Telegram': 'TELEGRAM',
  'Channel::Line': 'LINE',
  'Channel::Instagram': 'INSTAGRAM',
  'Channel::Voice': 'VOICE',
} as const;

export type ChannelTypeName = (typeof CHANNEL_TYPES)[keyof typeof CHANNEL_TYPES] | 'UNKNOWN';

export function channelTypeOf(value: unknown): ChannelTypeName | null {
  if (typeof value !== 'string') return null;
  return (CHANNEL_TYPES as Record<string, ChannelTypeName>)[value] ?? 'UNKNOWN';
}

/** The small inbox Chatwoot embeds in other records (`_inbox_slim`, a webhook's or a contact inbox's inbox). */
export interface InboxSummaryRecord {
  id: string;
  accountId: string | null;
  name: string | null;
  channelType: ChannelTypeName | null;
  channelId: string | null;
  avatarUrl: string | null;
  provider: string | null;
}

export function toInboxSummary(raw: JsonObject, accountId?: string): InboxSummaryRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    accountId: idOrNull(raw.account_id) ?? accountId ?? null,
    name: stringOrNull(raw.name),
    channelType: channelTypeOf(raw.channel_type),
    channelId: idOrNull(raw.channel_id),
    avatarUrl: stringOrNull(raw.avatar_url),
    provider: stringOrNull(raw.provider),
  };
}

/**
 * An inbox as administrators and members see it (`api/v1/models/_inbox`). Chatwoot's view also carries the inbox's
 * `hmac_token`, `secret`, IMAP/SMTP passwords and provider credentials for administrators: none of them is read here.
 */
export interface AccountInboxRecord extends InboxSummaryRecord {
  greetingEnabled: boolean | null;
  greetingMessage: string | null;
  enableAutoAssignment: boolean | null;
  autoAssignmentConfig: JsonObject | null;
  workingHoursEnabled: boolean | null;
  workingHours: WorkingHoursRecord[];
  timezone: string | null;
  outOfOfficeMessage: string | null;
  csatSurveyEnabled: boolean | null;
  csatConfig: JsonObject | null;
  allowMessagesAfterResolved: boolean | null;
  lockToSingleConversation: boolean | null;
  senderNameType: 'FRIENDLY' | 'PROFESSIONAL' | null;
  businessName: string | null;
  websiteUrl: string | null;
  websiteToken: string | null;
  widgetColor: string | null;
  phoneNumber: string | null;
  email: string | null;
  medium: string | null;
  /** The public identifier of an API inbox (its Client API address); null for other channels. */
  inboxIdentifier: string | null;
}

export function toAccountInbox(raw: JsonObject, accountId?: string): AccountInboxRecord {
  const hours = Array.isArray(raw.working_hours) ? raw.working_hours : [];
  const sender = raw.sender_name_type === 'friendly' ? 'FRIENDLY' : raw.sender_name_type === 'professional' ? 'PROFESSIONAL' : null;
  const channelType = channelTypeOf(raw.channel_type);
  return {
    ...toInboxSummary(raw, accountId),
    greetingEnabled: booleanOrNull(raw.greeting_enabled),
    greetingMessage: stringOrNull(raw.greeting_message),
    enableAutoAssignment: booleanOrNull(raw.enable_auto_assignment),
    autoAssignmentConfig: objectOrNull(raw.auto_assignment_config),
    workingHoursEnabled: booleanOrNull(raw.working_hours_enabled),
    workingHours: hours.map(objectOrNull).filter((day): day is JsonObject => day !== null).map(toWorkingHours),
    timezone: stringOrNull(raw.timezone),
    outOfOfficeMessage: stringOrNull(raw.out_of_office_message),
    csatSurveyEnabled: booleanOrNull(raw.csat_survey_enabled),
    csatConfig: objectOrNull(raw.csat_config),
    allowMessagesAfterResolved: booleanOrNull(raw.allow_messages_after_resolved),
    lockToSingleConversation: booleanOrNull(raw.lock_to_single_conversation),
    senderNameType: sender,
    businessName: stringOrNull(raw.business_name),
    websiteUrl: stringOrNull(raw.website_url),
    websiteToken: stringOrNull(raw.website_token),
    widgetColor: stringOrNull(raw.widget_color),
    phoneNumber: stringOrNull(raw.phone_number),
    email: stringOrNull(raw.email),
    medium: stringOrNull(raw.medium),
    inboxIdentifier: channelType === 'API' ? stringOrNull(raw.inbox_identifier) : null,
  };
}

