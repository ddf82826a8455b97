import { idOrNull, timeOrNull } from '../../decode';
import { defineOperation } from '../../operation';
import { expectObject, numberOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION } from './common';
import { pageNumber } from './reportRange';

/** One audited change (Chatwoot Enterprise's `audits` table). */
export interface AuditLogRecord {
  id: string;
  action: string | null;
  auditableType: string | null;
  auditableId: string | null;
  associatedType: string | null;
  associatedId: string | null;
  userType: string | null;
  userId: string | null;
  username: string | null;
  /** The changed attributes, secret-looking ones (tokens, secrets, passwords, settings) left out. */
  auditedChanges: JsonObject | null;
  version: number | null;
  comment: string | null;
  requestUuid: string | null;
  remoteAddress: string | null;
  createdAt: string | null;
}

export interface AuditLogPageRecord {
  nodes: AuditLogRecord[];
  page: number;
  perPage: number;
  totalCount: number;
}

/**
 * Audits record whole rows, so a changed webhook or inbox carries its secret in `audited_changes`: attributes whose
 * name says token, secret, password, key, credential or settings (and an inbox's provider_config) are dropped, at any
 * depth, rather than shown.
 */
const SECRET_ATTRIBUTE = /token|secret|password|key|settings|otp|credential|provider_config/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  const object = objectOrNull(value);
  if (!object) return value;
  return Object.fromEntries(Object.entries(object).filter(([name]) => !SECRET_ATTRIBUTE.test(name)).map(([name, v]) => [name, withoutSecrets(v)]));
}

export function toAuditLog(raw: JsonObject): AuditLogRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    action: stringOrNull(raw.action),
    auditableType: stringOrNull(raw.auditable_type),
    auditableId: idOrNull(raw.auditable_id),
    associatedType: stringOrNull(raw.associated_type),
    associatedId: idOrNull(raw.associated_id),
    userType: stringOrNull(raw.user_type),
    userId: idOrNull(raw.user_id),
    username: stringOrNull(raw.username),
    auditedChanges: objectOrNull(withoutSecrets(objectOrNull(raw.audited_changes))),
    version: numberOrNull(raw.version),
    comment: stringOrNull(raw.comment),
    requestUuid: stringOrNull(raw.request_uuid),
    remoteAddress: stringOrNull(raw.remote_address),
    createdAt: timeOrNull(raw.created_at),
  };
}

type AuditArgs = AccountArgs & { page?: number | null };

export const auditLogOperations = {
  list: defineOperation<AuditArgs>()({
    ...APPLICATION,
    sets: 'official',
    edition: 'ENTERPRISE',
    operationId: 'get-account-audit-logs',
    method: 'GET',
    path: `${ACCOUNT_PATH}/audit_logs`,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    query: (args) => ({ page: pageNumber(args.page) }),
    decode: (answer, call) => {
      const body = expectObject(answer, call);
      const logs = Array.isArray(body.audit_logs) ? body.audit_logs : [];
      return {
        nodes: logs.map(objectOrNull).filter((log): log is JsonObject => log !== null).map(toAuditLog),
        page: numberOrNull(body.current_page) ?? 1,
        perPage: numberOrNull(body.per_page) ?? 25,
        totalCount: numberOrNull(body.total_entries) ?? logs.length,
      };
    },
    summary: "The account's audit log, 25 entries a page (Chatwoot Enterprise; empty while the feature is off).",
  }),
};
