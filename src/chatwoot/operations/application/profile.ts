import { definedFields, idOrNull, recordOf, stringList, timeOrNull } from '../../decode';
import { defineOperation, type WithOptions } from '../../operation';
import { booleanOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { APPLICATION } from './common';

export type AgentRoleValue = 'agent' | 'administrator';
export type AvailabilityValue = 'online' | 'busy' | 'offline';

/** One account of the caller's profile. */
export interface MembershipRecord {
  accountId: string;
  role: AgentRoleValue | null;
  availability: AvailabilityValue | null;
  availabilityStatus: AvailabilityValue | null;
  autoOffline: boolean | null;
  activeAt: string | null;
  permissions: string[];
  accountStatus: 'active' | 'suspended' | null;
}

/**
 * The caller's own user. Chatwoot's answer also holds `access_token` and `pubsub_token`: they are read into
 * `secrets` for the realtime bridge only and never mapped to a field a client can select.
 */
export interface ProfileRecord {
  id: string;
  name: string | null;
  displayName: string | null;
  availableName: string | null;
  email: string | null;
  avatarUrl: string | null;
  confirmed: boolean | null;
  messageSignature: string | null;
  uiSettings: JsonObject | null;
  customAttributes: JsonObject | null;
  type: string | null;
  accounts: MembershipRecord[];
  /** Not exposed through GraphQL: the user's real-time token (the subscription bridge subscribes with it). */
  readonly pubsubToken: string | null;
}

export interface UpdateProfileInput {
  name?: string | null;
  displayName?: string | null;
  email?: string | null;
  messageSignature?: string | null;
  uiSettings?: JsonObject | null;
  phoneNumber?: string | null;
}

const FIELDS = {
  name: 'name',
  displayName: 'display_name',
  email: 'email',
  messageSignature: 'message_signature',
  uiSettings: 'ui_settings',
  phoneNumber: 'phone_number',
};

export function roleOrNull(value: unknown): AgentRoleValue | null {
  return value === 'agent' || value === 'administrator' ? value : null;
}

export function availabilityOrNull(value: unknown): AvailabilityValue | null {
  return value === 'online' || value === 'busy' || value === 'offline' ? value : null;
}

function toMembership(raw: JsonObject): MembershipRecord {
  const status = raw.status === 'active' || raw.status === 'suspended' ? raw.status : null;
  return {
    accountId: idOrNull(raw.id) ?? '',
    role: roleOrNull(raw.role),
    availability: availabilityOrNull(raw.availability),
    availabilityStatus: availabilityOrNull(raw.availability_status),
    autoOffline: booleanOrNull(raw.auto_offline),
    activeAt: timeOrNull(raw.active_at),
    permissions: stringList(raw.permissions),
    accountStatus: status,
  };
}

export function toProfile(raw: JsonObject): ProfileRecord {
  const accounts = Array.isArray(raw.accounts) ? raw.accounts.map(objectOrNull).filter((a): a is JsonObject => a !== null) : [];
  return {
    id: idOrNull(raw.id) ?? '',
    name: stringOrNull(raw.name),
    displayName: stringOrNull(raw.display_name),
    availableName: stringOrNull(raw.available_name),
    email: stringOrNull(raw.email),
    avatarUrl: stringOrNull(raw.avatar_url),
    confirmed: booleanOrNull(raw.confirmed),
    messageSignature: stringOrNull(raw.message_signature),
    uiSettings: objectOrNull(raw.ui_settings),
    customAttributes: objectOrNull(raw.custom_attributes),
    type: stringOrNull(raw.type),
    accounts: accounts.map(toMembership).filter((membership) => membership.accountId !== ''),
    pubsubToken: stringOrNull(raw.pubsub_token),
  };
}

const common = { ...APPLICATION, sets: 'official' } as const;
type UpdateArgs = WithOptions & { input: UpdateProfileInput };

export const profileOperations = {
  get: defineOperation<WithOptions>()({
    ...common,
    sets: 'both',
    operationId: 'fetchProfile',
    method: 'GET',
    path: '/api/v1/profile',
    params: {},
    role: 'ANY',
    decode: recordOf(toProfile),
    summary: "The caller's own user and accounts.",
  }),
  update: defineOperation<UpdateArgs>()({
    ...common,
    operationId: 'updateProfile',
    method: 'PUT',
    path: '/api/v1/profile',
    params: {},
    role: 'ANY',
    body: (args) => ({ profile: definedFields(args.input, FIELDS) }),
    decode: recordOf(toProfile),
    summary: "Changes the caller's own profile.",
  }),
};
