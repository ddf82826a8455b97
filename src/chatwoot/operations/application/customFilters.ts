import { definedFields, deletedRecord, idOrNull, listOf, recordOf, timeOrNull } from '../../decode';
import { defineOperation } from '../../operation';
import { objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION } from './common';

export type FilterTypeValue = 'conversation' | 'contact' | 'report';

/** A saved filter of the caller's (Chatwoot shows each user only their own). */
export interface CustomFilterRecord {
  id: string;
  name: string | null;
  type: FilterTypeValue | null;
  query: JsonObject | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface CustomFilterInput {
  name?: string | null;
  type?: FilterTypeValue | null;
  query?: JsonObject | null;
}

function filterType(value: unknown): FilterTypeValue | null {
  return value === 'conversation' || value === 'contact' || value === 'report' ? value : null;
}

export function toCustomFilter(raw: JsonObject): CustomFilterRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    name: stringOrNull(raw.name),
    type: filterType(raw.filter_type),
    query: objectOrNull(raw.query),
    createdAt: timeOrNull(raw.created_at),
    updatedAt: timeOrNull(raw.updated_at),
  };
}

// E11: the kind travels as `filter_type`, not the documented `type`.
const FIELDS = { name: 'name', type: 'filter_type', query: 'query' };
const FILTERS = `${ACCOUNT_PATH}/custom_filters` as const;
const FILTER = `${FILTERS}/{custom_filter_id}` as const;
const common = { ...APPLICATION, sets: 'both', role: 'ANY' } as const;
const body = (args: { input: CustomFilterInput }) => definedFields(args.input, FIELDS);
type FilterArgs = AccountArgs & { id: string };

export const customFilterOperations = {
  list: defineOperation<AccountArgs & { type?: FilterTypeValue | null }>()({
    ...common,
    operationId: 'list-all-filters',
    method: 'GET',
    path: FILTERS,
    params: { account_id: 'accountId' },
    query: (args) => ({ filter_type: args.type ?? undefined }),
    decode: listOf(toCustomFilter),
    summary: "The caller's own saved filters of one kind.",
  }),
  get: defineOperation<FilterArgs>()({
    ...common,
    operationId: 'get-details-of-a-single-custom-filter',
    method: 'GET',
    path: FILTER,
    params: { account_id: 'accountId', custom_filter_id: 'id' },
    decode: recordOf(toCustomFilter),
    summary: "One of the caller's saved filters.",
  }),
  create: defineOperation<AccountArgs & { input: CustomFilterInput }>()({
    ...common,
    operationId: 'create-a-custom-filter',
    method: 'POST',
    path: FILTERS,
    params: { account_id: 'accountId' },
    body,
    decode: recordOf(toCustomFilter),
    summary: 'Saves a filter for the caller.',
  }),
  update: defineOperation<FilterArgs & { input: CustomFilterInput }>()({
    ...common,
    operationId: 'update-a-custom-filter',
    method: 'PATCH',
    path: FILTER,
    params: { account_id: 'accountId', custom_filter_id: 'id' },
    body,
    decode: recordOf(toCustomFilter),
    summary: "Changes one of the caller's saved filters.",
  }),
  delete: defineOperation<FilterArgs>()({
    ...common,
    operationId: 'delete-a-custom-filter',
    method: 'DELETE',
    path: FILTER,
    params: { account_id: 'accountId', custom_filter_id: 'id' },
    decode: deletedRecord<FilterArgs>('id'),
    summary: "Deletes one of the caller's saved filters (Chatwoot answers 204).",
  }),
};
