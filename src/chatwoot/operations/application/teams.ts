import { idOrNull } from '../../decode';
import { booleanOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';

/** A team of an account (`api/v1/models/_team`). */
export interface TeamRecord {
  id: string;
  accountId: string | null;
  name: string | null;
  description: string | null;
  allowAutoAssign: boolean | null;
  icon: string | null;
  iconColor: string | null;
  /** Whether the caller belongs to the team (Chatwoot computes it for the current user). */
  isMember: boolean | null;
}

export function toTeam(raw: JsonObject, accountId?: string): TeamRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    accountId: idOrNull(raw.account_id) ?? accountId ?? null,
    name: stringOrNull(raw.name),
    description: stringOrNull(raw.description),
    allowAutoAssign: booleanOrNull(raw.allow_auto_assign),
    icon: stringOrNull(raw.icon),
    iconColor: stringOrNull(raw.icon_color),
    isMember: booleanOrNull(raw.is_member),
  };
}
