import { definedFields, idOrNull, recordOf, timeOrNull } from '../../decode';
import { defineOperation } from '../../operation';
import { objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION } from './common';

/** An account as `GET /api/v1/accounts/{id}` shows it. */
export interface AccountRecord {
  id: string;
  name: string | null;
  locale: string | null;
  domain: string | null;
  supportEmail: string | null;
  status: 'active' | 'suspended' | null;
  /** The names of the features that are on. */
  enabledFeatures: string[] | null;
  settings: JsonObject | null;
  customAttributes: JsonObject | null;
  createdAt: string | null;
  latestChatwootVersion: string | null;
}

export interface UpdateAccountInput {
  name?: string | null;
  locale?: string | null;
  domain?: string | null;
  supportEmail?: string | null;
  industry?: string | null;
  companySize?: string | null;
  timezone?: string | null;
  autoResolveAfter?: number | null;
  autoResolveMessage?: string | null;
  autoResolveIgnoreWaiting?: boolean | null;
}

/** Chatwoot's permitted keys (its controller also slices custom attributes and settings out of the same flat body). */
const FIELDS = {
  name: 'name',
  locale: 'locale',
  domain: 'domain',
  supportEmail: 'support_email',
  industry: 'industry',
  companySize: 'company_size',
  timezone: 'timezone',
  autoResolveAfter: 'auto_resolve_after',
  autoResolveMessage: 'auto_resolve_message',
  autoResolveIgnoreWaiting: 'auto_resolve_ignore_waiting',
};

export function toAccount(raw: JsonObject): AccountRecord {
  const features = objectOrNull(raw.features);
  const status = raw.status === 'active' || raw.status === 'suspended' ? raw.status : null;
  return {
    id: idOrNull(raw.id) ?? '',
    name: stringOrNull(raw.name),
    locale: stringOrNull(raw.locale),
    domain: stringOrNull(raw.domain),
    supportEmail: stringOrNull(raw.support_email),
    status,
    enabledFeatures: features ? Object.keys(features).filter((name) => features[name] === true) : null,
    settings: objectOrNull(raw.settings),
    customAttributes: objectOrNull(raw.custom_attributes),
    createdAt: timeOrNull(raw.created_at),
    latestChatwootVersion: stringOrNull(raw.latest_chatwoot_version),
  };
}

const common = { ...APPLICATION, sets: 'official' } as const;
type UpdateArgs = AccountArgs & { input: UpdateAccountInput };

export const accountOperations = {
  get: defineOperation<AccountArgs>()({
    ...common,
    operationId: 'get-account-details',
    method: 'GET',
    path: ACCOUNT_PATH,
    params: { account_id: 'accountId' },
    role: 'ANY',
    decode: recordOf(toAccount),
    summary: "The account's details.",
  }),
  update: defineOperation<UpdateArgs>()({
    ...common,
    operationId: 'update-account',
    method: 'PATCH',
    path: ACCOUNT_PATH,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body: (args) => definedFields(args.input, FIELDS),
    decode: recordOf(toAccount),
    summary: "Changes the account's settings.",
  }),
};
