import { definedFields, deletedRecord, idOrNull, listOf, recordOf, stringList, timeOrNull } from '../../decode';
import type { UpstreamCallInfo } from '../../errors';
import { defineOperation, recordId } from '../../operation';
import { booleanOrNull, expectObject, numberOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION, type RecordArgs } from './common';
import { type AccountConversationRecord, toAccountConversation } from './conversationRecords';
import { filterPayload, type FilterInput, pageNumber } from './filters';
import { type InboxSummaryRecord, toInboxSummary } from './inboxes';

/** Chatwoot pages contacts 15 at a time (RESULTS_PER_PAGE of its contacts controller). */
export const CONTACTS_PER_PAGE = 15;

/** A contact's link to an inbox: its source id there (the Client API's contact identifier) and the inbox. */
export interface ContactInboxRecord {
  accountId: string;
  sourceId: string | null;
  inbox: InboxSummaryRecord | null;
}

/** A contact as agents see it (`api/v1/models/_contact`). */
export interface AccountContactRecord {
  id: string;
  accountId: string;
  name: string | null;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  blocked: boolean | null;
  thumbnail: string | null;
  availabilityStatus: 'ONLINE' | 'OFFLINE' | null;
  additionalAttributes: JsonObject | null;
  customAttributes: JsonObject | null;
  companyId: string | null;
  lastActivityAt: string | null;
  createdAt: string | null;
  /** Null when Chatwoot's answer left them out (the gateway then reads the contact for them). */
  contactInboxes: ContactInboxRecord[] | null;
}

/** Maps a `{source_id, inbox}` pair (a contact inbox, or a contactable inbox). */
export function toContactInbox(raw: JsonObject, accountId: string): ContactInboxRecord {
  const inbox = objectOrNull(raw.inbox);
  return { accountId, sourceId: stringOrNull(raw.source_id), inbox: inbox ? toInboxSummary(inbox, accountId) : null };
}

/** Maps Chatwoot's contact partial, or the part of it a conversation embeds (`meta.sender`). */
export function toAccountContact(raw: JsonObject, accountId: string): AccountContactRecord {
  const inboxes = Array.isArray(raw.contact_inboxes) ? raw.contact_inboxes : null;
  const availability = raw.availability_status === 'online' ? 'ONLINE' : raw.availability_status === 'offline' ? 'OFFLINE' : null;
  return {
    id: idOrNull(raw.id) ?? '',
    accountId,
    name: stringOrNull(raw.name),
    email: stringOrNull(raw.email),
    phoneNumber: stringOrNull(raw.phone_number),
    identifier: stringOrNull(raw.identifier),
    blocked: booleanOrNull(raw.blocked),
    thumbnail: stringOrNull(raw.thumbnail),
    availabilityStatus: availability,
    additionalAttributes: objectOrNull(raw.additional_attributes),
    customAttributes: objectOrNull(raw.custom_attributes),
    companyId: idOrNull(raw.company_id),
    lastActivityAt: timeOrNull(raw.last_activity_at),
    createdAt: timeOrNull(raw.created_at),
    contactInboxes: inboxes
      ? inboxes.map(objectOrNull).filter((item): item is JsonObject => item !== null).map((item) => toContactInbox(item, accountId))
      : null,
  };
}

/** A page of contacts where Chatwoot's `meta.count` is the total (the list and the filter). */
export interface AccountContactPageRecord {
  nodes: AccountContactRecord[];
  page: number;
  perPage: number;
  totalCount: number | null;
  hasNextPage: boolean;
}

/** A page of search results: Chatwoot's count there is the rows of the page, so no total is given. */
export interface AccountContactSearchPageRecord {
  nodes: AccountContactRecord[];
  page: number;
  perPage: number;
  hasNextPage: boolean;
}

/** The sort keys Chatwoot's contacts index takes; a leading `-` sorts descending. */
const SORT_KEYS = ['email', 'name', 'phone_number', 'last_activity_at', 'created_at', 'company_name', 'city', 'country'] as const;
/** A sort key of the contacts index and its direction. */
export interface ContactSort {
  readonly field: string;
  readonly direction?: 'ASC' | 'DESC' | null;
}
function sortParam(sort: ContactSort | null | undefined): string | undefined {
  if (!sort) return undefined;
  const key = sort.field.toLowerCase();
  if (!(SORT_KEYS as readonly string[]).includes(key)) return undefined;
  return sort.direction === 'DESC' ? `-${key}` : key;
}

function contactsOf(answer: unknown, call: UpstreamCallInfo, accountId: string): AccountContactRecord[] {
  const payload = expectObject(answer, call).payload;
  return (Array.isArray(payload) ? payload : []).map(objectOrNull).filter((c): c is JsonObject => c !== null).map((c) => toAccountContact(c, accountId));
}

function totalPage(answer: unknown, call: UpstreamCallInfo, args: AccountArgs & { page?: number | null }): AccountContactPageRecord {
  const nodes = contactsOf(answer, call, args.accountId);
  const count = numberOrNull(objectOrNull(expectObject(answer, call).meta)?.count);
  const page = args.page ?? 1;
  return { nodes, page, perPage: CONTACTS_PER_PAGE, totalCount: count, hasNextPage: count !== null ? page * CONTACTS_PER_PAGE < count : false };
}

/** A contact's fields to create or change; only those set are sent. */
export interface ContactInput {
  inboxId?: string | null;
  name?: string | null;
  email?: string | null;
  phoneNumber?: string | null;
  identifier?: string | null;
  blocked?: boolean | null;
  avatarUrl?: string | null;
  additionalAttributes?: JsonObject | null;
  customAttributes?: JsonObject | null;
}
const CONTACT_FIELDS = {
  name: 'name',
  email: 'email',
  phoneNumber: 'phone_number',
  identifier: 'identifier',
  blocked: 'blocked',
  avatarUrl: 'avatar_url',
  additionalAttributes: 'additional_attributes',
  customAttributes: 'custom_attributes',
};
function contactBody(input: ContactInput): JsonObject {
  const body = definedFields(input, CONTACT_FIELDS);
  if (input.inboxId != null) body.inbox_id = Number(recordId(input.inboxId, 'input.inboxId'));
  return body;
}

/** Chatwoot's lists of label titles: `{payload: [titles]}`. */
const titles = (answer: unknown): string[] => stringList(objectOrNull(answer)?.payload);

const CONTACTS = `${ACCOUNT_PATH}/contacts` as const;
const CONTACT = `${CONTACTS}/{id}` as const;
const common = { ...APPLICATION, sets: 'both' } as const;
const account = { account_id: 'accountId' } as const;
const one = { account_id: 'accountId', id: 'id' } as const;
type ListArgs = AccountArgs & { page?: number | null; sort?: ContactSort | null; labels?: readonly string[] | null };
type SearchArgs = AccountArgs & { query: string; page?: number | null; sort?: ContactSort | null };
type FilterArgs = AccountArgs & { filter: FilterInput; page?: number | null; sort?: ContactSort | null };
type CreateArgs = AccountArgs & { input: ContactInput };
type UpdateArgs = RecordArgs & { input: ContactInput };
type LinkArgs = RecordArgs & { inboxId: string; sourceId?: string | null };
type LabelsArgs = RecordArgs & { labels: readonly string[] };
type MergeArgs = AccountArgs & { baseContactId: string; mergeeContactId: string };
const contactOf = (answer: unknown, call: UpstreamCallInfo, args: AccountArgs) => recordOf((raw) => toAccountContact(raw, args.accountId))(answer, call);

/** The A08 Contacts operations. */
export const contactOperations = {
  list: defineOperation<ListArgs>()({
    ...common,
    operationId: 'contactList',
    method: 'GET',
    path: CONTACTS,
    params: account,
    role: 'ANY',
    query: (args) => ({ page: pageNumber(args.page), sort: sortParam(args.sort), labels: args.labels ?? undefined }),
    decode: totalPage,
    summary: 'The contacts of the account, 15 a page, with the total.',
  }),
  search: defineOperation<SearchArgs>()({
    ...common,
    operationId: 'contactSearch',
    method: 'GET',
    path: `${CONTACTS}/search`,
    params: account,
    role: 'ANY',
    query: (args) => ({ q: args.query, page: pageNumber(args.page), sort: sortParam(args.sort) }),
    decode: (answer, call, args): AccountContactSearchPageRecord => ({
      nodes: contactsOf(answer, call, args.accountId),
      page: args.page ?? 1,
      perPage: CONTACTS_PER_PAGE,
      hasNextPage: objectOrNull(expectObject(answer, call).meta)?.has_more === true,
    }),
    summary: 'Contacts whose name, e-mail, phone number or identifier match a search term.',
  }),
  filter: defineOperation<FilterArgs>()({
    ...common,
    operationId: 'contactFilter',
    method: 'POST',
    path: `${CONTACTS}/filter`,
    params: account,
    role: 'ANY',
    query: (args) => ({ page: pageNumber(args.page), sort: sortParam(args.sort) }),
    body: (args) => filterPayload(args.filter, 'contact'),
    decode: totalPage,
    summary: 'Contacts matching typed filter conditions (a read sent as POST).',
  }),
  get: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'contactDetails',
    method: 'GET',
    path: CONTACT,
    params: one,
    role: 'ANY',
    decode: contactOf,
    summary: 'One contact.',
  }),
  create: defineOperation<CreateArgs>()({
    ...common,
    operationId: 'contactCreate',
    method: 'POST',
    path: CONTACTS,
    params: account,
    role: 'ANY',
    body: (args) => contactBody(args.input),
    // `{payload: {contact, contact_inbox}}` (erratum E7).
    decode: (answer, call, args) => recordOf((raw) => toAccountContact(raw, args.accountId), 'contact')(answer, call),
    summary: 'Creates a contact, in an inbox when one is given.',
  }),
  update: defineOperation<UpdateArgs>()({
    ...common,
    operationId: 'contactUpdate',
    method: 'PUT',
    path: CONTACT,
    params: one,
    role: 'ANY',
    body: (args) => contactBody({ ...args.input, inboxId: undefined }),
    decode: contactOf,
    summary: "Changes a contact; attribute maps are merged into the contact's, key by key.",
  }),
  delete: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'contactDelete',
    method: 'DELETE',
    path: CONTACT,
    params: one,
    role: 'ADMINISTRATOR',
    decode: deletedRecord<RecordArgs>('id'),
    summary: 'Deletes a contact (administrators; not while the contact is online).',
  }),
  linkToInbox: defineOperation<LinkArgs>()({
    ...common,
    operationId: 'contactInboxCreation',
    method: 'POST',
    path: `${CONTACT}/contact_inboxes`,
    params: one,
    role: 'ANY',
    body: (args) => definedFields({ inboxId: Number(recordId(args.inboxId, 'inboxId')), sourceId: args.sourceId }, { inboxId: 'inbox_id', sourceId: 'source_id' }),
    decode: (answer, call, args) => recordOf((raw) => toContactInbox(raw, args.accountId))(answer, call),
    summary: 'Links a contact to an inbox (a source id there), as a member of the inbox.',
  }),
  contactableInboxes: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'contactableInboxesGet',
    method: 'GET',
    path: `${CONTACT}/contactable_inboxes`,
    params: one,
    role: 'ANY',
    decode: (answer, call, args) => listOf((raw) => toContactInbox(raw, args.accountId))(answer, call),
    summary: 'The inboxes the caller may reach the contact through.',
  }),
  conversations: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'contactConversations',
    method: 'GET',
    path: `${CONTACT}/conversations`,
    params: one,
    role: 'ANY',
    decode: (answer, call, args): AccountConversationRecord[] => listOf((raw) => toAccountConversation(raw, args.accountId))(answer, call),
    summary: "The contact's latest 20 conversations the caller may see.",
  }),
  labels: defineOperation<RecordArgs>()({
    ...APPLICATION,
    sets: 'official',
    operationId: 'list-all-labels-of-a-contact',
    method: 'GET',
    path: `${CONTACT}/labels`,
    params: one,
    role: 'ANY',
    decode: titles,
    summary: "The contact's labels.",
  }),
  setLabels: defineOperation<LabelsArgs>()({
    ...APPLICATION,
    sets: 'official',
    operationId: 'contact-add-labels',
    method: 'POST',
    path: `${CONTACT}/labels`,
    params: one,
    role: 'ANY',
    body: (args) => ({ labels: [...args.labels] }),
    decode: titles,
    summary: "Replaces the contact's labels (Chatwoot's document says it adds them; it replaces).",
  }),
  merge: defineOperation<MergeArgs>()({
    ...APPLICATION,
    sets: 'official',
    operationId: 'contactMerge',
    method: 'POST',
    path: `${ACCOUNT_PATH}/actions/contact_merge`,
    params: account,
    role: 'ANY',
    body: (args) => ({
      base_contact_id: Number(recordId(args.baseContactId, 'baseContactId')),
      mergee_contact_id: Number(recordId(args.mergeeContactId, 'mergeeContactId')),
    }),
    decode: contactOf,
    summary: 'Merges one contact into another; the mergee is deleted.',
  }),
};
