import { definedFields, deletedRecord, idOrNull, listOf, recordOf } from '../../decode';
import { defineOperation } from '../../operation';
import { booleanOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION, type RecordArgs } from './common';

/** An account's label: conversations and contacts are tagged with its title. */
export interface LabelRecord {
  id: string;
  title: string | null;
  description: string | null;
  color: string | null;
  showOnSidebar: boolean | null;
}

export interface LabelInput {
  title?: string | null;
  description?: string | null;
  color?: string | null;
  showOnSidebar?: boolean | null;
}

const FIELDS = { title: 'title', description: 'description', color: 'color', showOnSidebar: 'show_on_sidebar' };

export function toLabel(raw: JsonObject): LabelRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    title: stringOrNull(raw.title),
    description: stringOrNull(raw.description),
    color: stringOrNull(raw.color),
    showOnSidebar: booleanOrNull(raw.show_on_sidebar),
  };
}

const LABELS = `${ACCOUNT_PATH}/labels` as const;
const LABEL = `${LABELS}/{id}` as const;
const common = { ...APPLICATION, sets: 'official' } as const;
type CreateArgs = AccountArgs & { input: LabelInput };
type UpdateArgs = RecordArgs & { input: LabelInput };
// Flat, as the document shows it: Rails wraps a JSON body's model attributes under `label` by itself.
const body = (args: { input: LabelInput }) => definedFields(args.input, FIELDS);

export const labelOperations = {
  list: defineOperation<AccountArgs>()({
    ...common,
    operationId: 'list-all-labels',
    method: 'GET',
    path: LABELS,
    params: { account_id: 'accountId' },
    role: 'ANY',
    decode: listOf(toLabel),
    summary: "The account's labels.",
  }),
  create: defineOperation<CreateArgs>()({
    ...common,
    operationId: 'create-a-label',
    method: 'POST',
    path: LABELS,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body,
    decode: recordOf(toLabel),
    summary: 'Creates a label.',
  }),
  get: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'get-details-of-a-single-label',
    method: 'GET',
    path: LABEL,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    decode: recordOf(toLabel),
    summary: 'One label (Chatwoot shows it to administrators only).',
  }),
  update: defineOperation<UpdateArgs>()({
    ...common,
    operationId: 'update-a-label',
    method: 'PATCH',
    path: LABEL,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    body,
    decode: recordOf(toLabel),
    summary: 'Changes a label.',
  }),
  delete: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'delete-a-label',
    method: 'DELETE',
    path: LABEL,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    decode: deletedRecord<RecordArgs>('id'),
    summary: 'Deletes a label; Chatwoot takes it off contacts and conversations too.',
  }),
};
