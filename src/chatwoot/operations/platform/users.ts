import { definedFields, deletedRecord, idOrNull, recordOf, timeOrNull } from '../../decode';
import { defineOperation, type WithOptions } from '../../operation';
import { booleanOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { type AgentRoleValue, roleOrNull } from '../application/profile';
import { PLATFORM, type PlatformRecordArgs } from './common';

/**
 * A user as the Platform API shows it. Chatwoot's view also carries the user's `access_token` and `pubsub_token`
 * (erratum E32): they are the user's credentials and are never read into this record.
 */
export interface PlatformUserRecord {
  id: string;
  name: string | null;
  displayName: string | null;
  email: string | null;
  confirmed: boolean | null;
  customAttributes: JsonObject | null;
  accounts: { id: string; name: string | null; role: AgentRoleValue | null; activeAt: string | null }[];
}

export interface PlatformUserInput {
  name?: string | null;
  displayName?: string | null;
  email?: string | null;
  password?: string | null;
  customAttributes?: JsonObject | null;
}

/** A single-sign-on link: a secret while it is valid (it signs the user in). */
export interface SsoLinkRecord {
  url: string;
}

const FIELDS = { name: 'name', displayName: 'display_name', email: 'email', password: 'password', customAttributes: 'custom_attributes' };

export function toPlatformUser(raw: JsonObject): PlatformUserRecord {
  const accounts = Array.isArray(raw.accounts) ? raw.accounts.map(objectOrNull).filter((a): a is JsonObject => a !== null) : [];
  return {
    id: idOrNull(raw.id) ?? '',
    name: stringOrNull(raw.name),
    displayName: stringOrNull(raw.display_name),
    email: stringOrNull(raw.email),
    confirmed: booleanOrNull(raw.confirmed),
    customAttributes: objectOrNull(raw.custom_attributes),
    accounts: accounts.map((a) => ({ id: idOrNull(a.id) ?? '', name: stringOrNull(a.name), role: roleOrNull(a.role), activeAt: timeOrNull(a.active_at) })),
  };
}

type InputArgs = { input: PlatformUserInput };
const USERS = '/platform/api/v1/users';
const USER = `${USERS}/{id}` as const;

export const platformUserOperations = {
  create: defineOperation<WithOptions & InputArgs>()({
    ...PLATFORM,
    operationId: 'create-a-user',
    method: 'POST',
    path: USERS,
    params: {},
    body: (args) => definedFields(args.input, FIELDS),
    decode: recordOf(toPlatformUser),
    summary: 'Creates a user; with the e-mail of an existing user, Chatwoot attaches that user to the Platform App instead.',
  }),
  get: defineOperation<PlatformRecordArgs>()({
    ...PLATFORM,
    operationId: 'get-details-of-a-user',
    method: 'GET',
    path: USER,
    params: { id: 'id' },
    decode: recordOf(toPlatformUser),
    summary: 'A user the Platform App created or attached.',
  }),
  update: defineOperation<PlatformRecordArgs & InputArgs>()({
    ...PLATFORM,
    operationId: 'update-a-user',
    method: 'PATCH',
    path: USER,
    params: { id: 'id' },
    body: (args) => definedFields(args.input, FIELDS),
    decode: recordOf(toPlatformUser),
    summary: 'Changes a user.',
  }),
  delete: defineOperation<PlatformRecordArgs>()({
    ...PLATFORM,
    operationId: 'delete-a-user',
    method: 'DELETE',
    path: USER,
    params: { id: 'id' },
    decode: deletedRecord<PlatformRecordArgs>('id'),
    summary: 'Deletes a user.',
  }),
  ssoLink: defineOperation<PlatformRecordArgs>()({
    ...PLATFORM,
    operationId: 'get-sso-url-of-a-user',
    method: 'GET',
    path: `${USER}/login`,
    params: { id: 'id' },
    decode: recordOf((raw): SsoLinkRecord => ({ url: stringOrNull(raw.url) ?? '' })),
    summary: 'Mints a single-sign-on link for the user (a GET that creates a login: a mutation in the graph).',
  }),
};
