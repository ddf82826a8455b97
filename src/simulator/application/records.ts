import type { JsonObject } from '../store';

/**
 * The simulator's tables for the account's structure and settings beyond accounts, users and labels (store.ts):
 * inbox settings of the Application API, agent bots, custom attribute definitions, canned responses and saved
 * filters. Shaped after Chatwoot's tables; times are Dates, rendered as each view renders them.
 */

/** What the Application API knows of an inbox beyond the Client API's SimInbox (same id). */
export interface SimAccountInbox {
  inboxId: number;
  accountId: number;
  channelType: 'Channel::Api' | 'Channel::WebWidget';
  channelId: number;
  greetingMessage: string | null;
  enableAutoAssignment: boolean;
  enableEmailCollect: boolean;
  outOfOfficeMessage: string | null;
  allowMessagesAfterResolved: boolean;
  senderNameType: 'friendly' | 'professional';
  businessName: string | null;
  /** API channels: where Chatwoot posts the inbox's events. */
  webhookUrl: string | null;
  /** API channels: the channel's webhook secret, shown to administrators only. */
  secret: string;
  websiteUrl: string | null;
  websiteToken: string | null;
  widgetColor: string | null;
  welcomeTitle: string | null;
  welcomeTagline: string | null;
  replyTime: string | null;
  agentBotId: number | null;
}

export interface SimAgentBot {
  id: number;
  /** Null for a bot of the whole installation (a system bot). */
  accountId: number | null;
  name: string;
  description: string | null;
  outgoingUrl: string | null;
  botConfig: JsonObject;
  /** The bot's API token and webhook secret: secrets the gateway must never return. */
  accessToken: string;
  secret: string;
}

export interface SimCustomAttributeDefinition {
  id: number;
  accountId: number;
  displayName: string;
  key: string;
  description: string | null;
  displayType: string;
  model: string;
  values: string[];
  regexPattern: string | null;
  regexCue: string | null;
  defaultValue: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SimCannedResponse {
  id: number;
  accountId: number;
  shortCode: string;
  content: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SimCustomFilter {
  id: number;
  accountId: number;
  userId: number;
  name: string;
  filterType: 'conversation' | 'contact' | 'report';
  query: JsonObject;
  createdAt: Date;
  updatedAt: Date;
}

/** The structure and settings tables, held by the ApplicationStore. */
export class StructureTables {
  readonly accountInboxes = new Map<number, SimAccountInbox>();
  readonly agentBots: SimAgentBot[] = [];
  readonly customAttributeDefinitions: SimCustomAttributeDefinition[] = [];
  readonly cannedResponses: SimCannedResponse[] = [];
  readonly customFilters: SimCustomFilter[] = [];
  /** Each account's branded e-mail layout, when one is set. */
  readonly brandedEmailLayouts = new Map<number, string>();
  /** Agent limits by account (Chatwoot's plan limit); no entry means unlimited. */
  readonly agentLimits = new Map<number, number>();
}
