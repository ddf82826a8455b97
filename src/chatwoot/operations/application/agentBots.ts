import { idOrNull } from '../../decode';
import { booleanOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';

/**
 * An agent bot (`api/v1/models/_agent_bot`). Chatwoot's view also carries the bot's `access_token` and `secret` for
 * administrators: they are secrets and have no field here.
 */
export interface AgentBotRecord {
  id: string;
  accountId: string | null;
  name: string | null;
  description: string | null;
  thumbnail: string | null;
  outgoingUrl: string | null;
  botType: string | null;
  botConfig: JsonObject | null;
  /** A bot of the installation (no account), visible to every account. */
  systemBot: boolean | null;
}

export function toAgentBot(raw: JsonObject): AgentBotRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    accountId: idOrNull(raw.account_id),
    name: stringOrNull(raw.name),
    description: stringOrNull(raw.description),
    thumbnail: stringOrNull(raw.thumbnail),
    outgoingUrl: stringOrNull(raw.outgoing_url),
    botType: stringOrNull(raw.bot_type),
    botConfig: objectOrNull(raw.bot_config),
    systemBot: booleanOrNull(raw.system_bot),
  };
}
