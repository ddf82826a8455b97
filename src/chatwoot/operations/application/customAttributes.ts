import { definedFields, deletedRecord, idOrNull, listOf, recordOf, stringList, timeOrNull } from '../../decode';
import { defineOperation } from '../../operation';
import { stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION, type RecordArgs } from './common';

/** Chatwoot's display types, in the order of its enum (the integers the document's bodies take). */
export const DISPLAY_TYPES = ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox'] as const;
/** Chatwoot's attribute models, in the order of its enum. */
export const ATTRIBUTE_MODELS = ['conversation_attribute', 'contact_attribute', 'company_attribute'] as const;

export type DisplayTypeValue = (typeof DISPLAY_TYPES)[number];
export type AttributeModelValue = (typeof ATTRIBUTE_MODELS)[number];

/** A custom attribute definition (`render json:` of the record, so times are ISO strings). */
export interface CustomAttributeDefinitionRecord {
  id: string;
  displayName: string | null;
  key: string | null;
  description: string | null;
  displayType: DisplayTypeValue | null;
  model: AttributeModelValue | null;
  values: string[];
  regexPattern: string | null;
  regexCue: string | null;
  defaultValue: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface CustomAttributeDefinitionInput {
  displayName?: string | null;
  key?: string | null;
  description?: string | null;
  displayType?: DisplayTypeValue | null;
  model?: AttributeModelValue | null;
  values?: string[] | null;
  regexPattern?: string | null;
  regexCue?: string | null;
}

/** A name of a closed set, or an integer index into it (Chatwoot renders the name; older versions sent the index). */
function member<T extends string>(set: readonly T[], value: unknown): T | null {
  if (typeof value === 'number') return set[value] ?? null;
  return typeof value === 'string' && (set as readonly string[]).includes(value) ? (value as T) : null;
}

export function toCustomAttributeDefinition(raw: JsonObject): CustomAttributeDefinitionRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    displayName: stringOrNull(raw.attribute_display_name),
    key: stringOrNull(raw.attribute_key),
    description: stringOrNull(raw.attribute_description),
    displayType: member(DISPLAY_TYPES, raw.attribute_display_type),
    model: member(ATTRIBUTE_MODELS, raw.attribute_model),
    values: stringList(raw.attribute_values),
    regexPattern: stringOrNull(raw.regex_pattern),
    regexCue: stringOrNull(raw.regex_cue),
    defaultValue: raw.default_value === null || raw.default_value === undefined ? null : String(raw.default_value),
    createdAt: timeOrNull(raw.created_at),
    updatedAt: timeOrNull(raw.updated_at),
  };
}

const FIELDS = {
  displayName: 'attribute_display_name',
  key: 'attribute_key',
  description: 'attribute_description',
  values: 'attribute_values',
  regexPattern: 'regex_pattern',
  regexCue: 'regex_cue',
};

/** The body by Chatwoot's names, its two enums as the integers the document types them as. */
function body(args: { input: CustomAttributeDefinitionInput }): JsonObject {
  const { displayType, model, ...rest } = args.input;
  const out = definedFields(rest, FIELDS);
  if (displayType) out.attribute_display_type = DISPLAY_TYPES.indexOf(displayType);
  if (model) out.attribute_model = ATTRIBUTE_MODELS.indexOf(model);
  return out;
}

const DEFINITIONS = `${ACCOUNT_PATH}/custom_attribute_definitions` as const;
const DEFINITION = `${DEFINITIONS}/{id}` as const;
const common = { ...APPLICATION, sets: 'both' } as const;
type ListArgs = AccountArgs & { model?: AttributeModelValue | null };

export const customAttributeOperations = {
  list: defineOperation<ListArgs>()({
    ...common,
    operationId: 'get-account-custom-attribute',
    method: 'GET',
    path: DEFINITIONS,
    params: { account_id: 'accountId' },
    role: 'ANY',
    query: (args) => ({ attribute_model: args.model ?? undefined }),
    decode: listOf(toCustomAttributeDefinition),
    summary: "The account's custom attribute definitions, of one model or all.",
  }),
  get: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'get-details-of-a-single-custom-attribute',
    method: 'GET',
    path: DEFINITION,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ANY',
    decode: recordOf(toCustomAttributeDefinition),
    summary: 'One custom attribute definition.',
  }),
  create: defineOperation<AccountArgs & { input: CustomAttributeDefinitionInput }>()({
    ...common,
    operationId: 'add-new-custom-attribute-to-account',
    method: 'POST',
    path: DEFINITIONS,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body,
    decode: recordOf(toCustomAttributeDefinition),
    summary: 'Defines a custom attribute for conversations, contacts or companies.',
  }),
  update: defineOperation<RecordArgs & { input: CustomAttributeDefinitionInput }>()({
    ...common,
    operationId: 'update-custom-attribute-in-account',
    method: 'PATCH',
    path: DEFINITION,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    body,
    decode: recordOf(toCustomAttributeDefinition),
    summary: 'Changes a custom attribute definition.',
  }),
  delete: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'delete-custom-attribute-from-account',
    method: 'DELETE',
    path: DEFINITION,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    decode: deletedRecord<RecordArgs>('id'),
    summary: 'Deletes a custom attribute definition (Chatwoot answers 204).',
  }),
};
