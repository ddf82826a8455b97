import { definedFields, deletedRecord, idOrNull, listOf, recordOf, timeOrNull } from '../../decode';
import { defineOperation, type WithOptions } from '../../operation';
import { objectOrNull } from '../../records';
import { type AccountRecord, toAccount } from '../application/accounts';
import type { JsonObject } from '../../types';
import { availabilityOrNull, roleOrNull, type AgentRoleValue, type AvailabilityValue } from '../application/profile';
import { PLATFORM, type PlatformAccountArgs } from './common';

/**
 * An account as the Platform API shows it: the Application API's account fields that its view shares (the document's
 * `{id, name}` is short of the real view: erratum E32), and the account's limits.
 */
export type PlatformAccountRecord = Pick<
  AccountRecord,
  'id' | 'name' | 'locale' | 'domain' | 'supportEmail' | 'status' | 'enabledFeatures' | 'customAttributes'
> & { limits: JsonObject | null };

export interface PlatformAccountInput {
  name?: string | null;
  locale?: string | null;
  domain?: string | null;
  supportEmail?: string | null;
  status?: 'active' | 'suspended' | null;
  limits?: JsonObject | null;
  customAttributes?: JsonObject | null;
  /** Feature names to switch on (true) or off (false). */
  features?: JsonObject | null;
}

/** A membership as Chatwoot's account_users table holds it (the Platform API returns the raw record). */
export interface PlatformAccountUserRecord {
  id: string | null;
  accountId: string | null;
  userId: string;
  role: AgentRoleValue | null;
  inviterId: string | null;
  availability: AvailabilityValue | null;
  autoOffline: boolean | null;
  activeAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

const FIELDS = {
  name: 'name',
  locale: 'locale',
  domain: 'domain',
  supportEmail: 'support_email',
  status: 'status',
  limits: 'limits',
  customAttributes: 'custom_attributes',
  features: 'features',
};

export function toPlatformAccount(raw: JsonObject): PlatformAccountRecord {
  const { id, name, locale, domain, supportEmail, status, enabledFeatures, customAttributes } = toAccount(raw);
  return { id, name, locale, domain, supportEmail, status, enabledFeatures, customAttributes, limits: objectOrNull(raw.limits) };
}

/** Availability is stored as an integer in the table (0 online, 1 offline, 2 busy) and rendered as its name. */
function availabilityOf(value: unknown): AvailabilityValue | null {
  if (value === 0) return 'online';
  if (value === 1) return 'offline';
  if (value === 2) return 'busy';
  return availabilityOrNull(value);
}

export function toPlatformAccountUser(raw: JsonObject): PlatformAccountUserRecord {
  const role = raw.role === 0 ? 'agent' : raw.role === 1 ? 'administrator' : roleOrNull(raw.role);
  return {
    id: idOrNull(raw.id),
    accountId: idOrNull(raw.account_id),
    userId: idOrNull(raw.user_id) ?? '',
    role,
    inviterId: idOrNull(raw.inviter_id),
    availability: availabilityOf(raw.availability),
    autoOffline: typeof raw.auto_offline === 'boolean' ? raw.auto_offline : null,
    activeAt: timeOrNull(raw.active_at),
    createdAt: timeOrNull(raw.created_at),
    updatedAt: timeOrNull(raw.updated_at),
  };
}

type InputArgs = { input: PlatformAccountInput };
type MemberArgs = PlatformAccountArgs & { userId: string; role?: AgentRoleValue };
const ACCOUNTS = '/platform/api/v1/accounts';
const ACCOUNT = `${ACCOUNTS}/{account_id}` as const;
const MEMBERS = `${ACCOUNT}/account_users` as const;

export const platformAccountOperations = {
  create: defineOperation<WithOptions & InputArgs>()({
    ...PLATFORM,
    operationId: 'create-an-account',
    method: 'POST',
    path: ACCOUNTS,
    params: {},
    body: (args) => definedFields(args.input, FIELDS),
    decode: recordOf(toPlatformAccount),
    summary: 'Creates an account (the Platform App may then manage it).',
  }),
  get: defineOperation<PlatformAccountArgs>()({
    ...PLATFORM,
    operationId: 'get-details-of-an-account',
    method: 'GET',
    path: ACCOUNT,
    params: { account_id: 'accountId' },
    decode: recordOf(toPlatformAccount),
    summary: 'An account the Platform App created.',
  }),
  update: defineOperation<PlatformAccountArgs & InputArgs>()({
    ...PLATFORM,
    operationId: 'update-an-account',
    method: 'PATCH',
    path: ACCOUNT,
    params: { account_id: 'accountId' },
    body: (args) => definedFields(args.input, FIELDS),
    decode: recordOf(toPlatformAccount),
    summary: 'Changes an account the Platform App created.',
  }),
  delete: defineOperation<PlatformAccountArgs>()({
    ...PLATFORM,
    operationId: 'delete-an-account',
    method: 'DELETE',
    path: ACCOUNT,
    params: { account_id: 'accountId' },
    decode: deletedRecord<PlatformAccountArgs>('accountId'),
    summary: 'Deletes an account the Platform App created (Chatwoot deletes it in the background).',
  }),
  listUsers: defineOperation<PlatformAccountArgs>()({
    ...PLATFORM,
    operationId: 'list-all-account-users',
    method: 'GET',
    path: MEMBERS,
    params: { account_id: 'accountId' },
    decode: listOf(toPlatformAccountUser),
    summary: "The account's memberships.",
  }),
  addUser: defineOperation<MemberArgs>()({
    ...PLATFORM,
    operationId: 'create-an-account-user',
    method: 'POST',
    path: MEMBERS,
    params: { account_id: 'accountId' },
    body: (args) => ({ user_id: Number(args.userId), role: args.role ?? 'agent' }),
    decode: recordOf(toPlatformAccountUser),
    summary: 'Adds a user to the account with a role (or changes the role).',
  }),
  removeUser: defineOperation<MemberArgs>()({
    ...PLATFORM,
    operationId: 'delete-an-account-user',
    method: 'DELETE',
    path: MEMBERS,
    params: { account_id: 'accountId' },
    body: (args) => ({ user_id: Number(args.userId) }),
    decode: deletedRecord<MemberArgs>('userId'),
    summary: 'Removes a user from the account (Chatwoot answers 200 even when the user was not a member).',
  }),
};
