import { definedFields, deletedRecord, idOrNull, listOf, recordOf, timeOrNull } from '../../decode';
import { defineOperation } from '../../operation';
import { stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION, type RecordArgs } from './common';

/** A canned response: a reply an agent inserts by its short code (`render json:` of the record). */
export interface CannedResponseRecord {
  id: string;
  shortCode: string | null;
  content: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface CannedResponseInput {
  shortCode?: string | null;
  content?: string | null;
}

export function toCannedResponse(raw: JsonObject): CannedResponseRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    shortCode: stringOrNull(raw.short_code),
    content: stringOrNull(raw.content),
    createdAt: timeOrNull(raw.created_at),
    updatedAt: timeOrNull(raw.updated_at),
  };
}

const FIELDS = { shortCode: 'short_code', content: 'content' };
const RESPONSES = `${ACCOUNT_PATH}/canned_responses` as const;
const RESPONSE = `${RESPONSES}/{id}` as const;
// Chatwoot has no policy for canned responses: any member may read and change them.
const common = { ...APPLICATION, sets: 'both', role: 'ANY' } as const;
const body = (args: { input: CannedResponseInput }) => definedFields(args.input, FIELDS);

export const cannedResponseOperations = {
  list: defineOperation<AccountArgs & { search?: string | null }>()({
    ...common,
    operationId: 'get-account-canned-response',
    method: 'GET',
    path: RESPONSES,
    params: { account_id: 'accountId' },
    query: (args) => ({ search: args.search || undefined }),
    decode: listOf(toCannedResponse),
    summary: "The account's canned responses, optionally those whose short code or content contains a term.",
  }),
  create: defineOperation<AccountArgs & { input: CannedResponseInput }>()({
    ...common,
    operationId: 'add-new-canned-response-to-account',
    method: 'POST',
    path: RESPONSES,
    params: { account_id: 'accountId' },
    body,
    decode: recordOf(toCannedResponse),
    summary: 'Creates a canned response.',
  }),
  update: defineOperation<RecordArgs & { input: CannedResponseInput }>()({
    ...common,
    operationId: 'update-canned-response-in-account',
    method: 'PATCH',
    path: RESPONSE,
    params: { account_id: 'accountId', id: 'id' },
    body,
    decode: recordOf(toCannedResponse),
    summary: 'Changes a canned response.',
  }),
  delete: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'delete-canned-response-from-account',
    method: 'DELETE',
    path: RESPONSE,
    params: { account_id: 'accountId', id: 'id' },
    decode: deletedRecord<RecordArgs>('id'),
    summary: 'Deletes a canned response.',
  }),
};
