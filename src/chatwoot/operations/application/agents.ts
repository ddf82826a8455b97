import { idOrNull } from '../../decode';
import { booleanOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { type AgentRoleValue, type AvailabilityValue, availabilityOrNull, roleOrNull } from './profile';

/** An agent of an account (`api/v1/models/_agent`): a user and their membership. */
export interface AgentRecord {
  id: string;
  accountId: string | null;
  name: string | null;
  availableName: string | null;
  email: string | null;
  role: AgentRoleValue | null;
  availabilityStatus: AvailabilityValue | null;
  autoOffline: boolean | null;
  confirmed: boolean | null;
  thumbnail: string | null;
  customRoleId: string | null;
  provider: string | null;
}

/** Maps Chatwoot's agent partial. `accountId` stands in when the partial leaves it out (team members, say). */
export function toAgent(raw: JsonObject, accountId?: string): AgentRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    accountId: idOrNull(raw.account_id) ?? accountId ?? null,
    name: stringOrNull(raw.name),
    availableName: stringOrNull(raw.available_name),
    email: stringOrNull(raw.email),
    role: roleOrNull(raw.role),
    availabilityStatus: availabilityOrNull(raw.availability_status),
    autoOffline: booleanOrNull(raw.auto_offline),
    confirmed: booleanOrNull(raw.confirmed),
    thumbnail: stringOrNull(raw.thumbnail),
    customRoleId: idOrNull(raw.custom_role_id),
    provider: stringOrNull(raw.provider),
  };
}
