import { UpstreamHttpError } from '../../../chatwoot/errors';
import { recordId } from '../../../chatwoot/operation';
import { type AccountContactRecord, contactOperations, type ContactSort } from '../../../chatwoot/operations/application/contacts';
import { inboxOperations } from '../../../chatwoot/operations/application/inboxOperations';
import type { ContactAvailability, Resolvers } from '../../../generated/graphql';
import type { RequestOptions } from '../../../chatwoot/requestOptions';
import type { GatewayContext } from '../../context';
import { type AccountContactRef, contactRef, conversationRef } from './crmRefs';
import { read, write } from './run';

/**
 * Contacts as agents see them. A contact reached inside a conversation carries only the part of its record the
 * conversation embeds; the fields outside that part read the contact itself, once per request and contact.
 */

/** The fields a conversation's `meta.sender` carries. */
const EMBEDDED = new Set<keyof AccountContactRecord>(['id', 'name', 'email', 'phoneNumber', 'identifier', 'blocked', 'thumbnail', 'additionalAttributes', 'customAttributes']);

/** The contact's record: the one at hand when it has `field`, else one read per request. */
export function contactRecord(
  ref: AccountContactRef,
  context: GatewayContext,
  field?: keyof AccountContactRecord,
  options?: RequestOptions | null,
): Promise<AccountContactRecord> {
  if (ref.record && (!ref.partial || (field !== undefined && EMBEDDED.has(field)))) return Promise.resolve(ref.record);
  return read(context, contactOperations.get, { accountId: ref.accountId, id: ref.id, options });
}

function field<K extends keyof AccountContactRecord>(name: K) {
  return async (ref: AccountContactRef, args: { options?: RequestOptions | null }, context: GatewayContext) =>
    (await contactRecord(ref, context, name, args.options))[name];
}

/** GraphQL's sort input as the adapter's. */
const sortOf = (sort: { field: string; descending?: boolean | null } | null | undefined): ContactSort | null =>
  sort ? { field: sort.field, direction: sort.descending ? 'DESC' : 'ASC' } : null;

/** A 404 for a single record is "there is none": the field is null. */
export async function orNull<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof UpstreamHttpError && error.upstream?.status === 404) return null;
    throw error;
  }
}

/** Account contacts: the account's lists and single contact, the entity, its edges and mutations. */
export const contactResolvers: Resolvers = {
  Account: {
    contacts: (account, { page, sort, labels, options }, context) =>
      read(context, contactOperations.list, { accountId: account.id, page, sort: sortOf(sort), labels, options }),
    searchContacts: (account, { query, page, sort, options }, context) =>
      read(context, contactOperations.search, { accountId: account.id, query, page, sort: sortOf(sort), options }),
    filterContacts: (account, { filter, page, sort, options }, context) =>
      read(context, contactOperations.filter, { accountId: account.id, filter, page, sort: sortOf(sort), options }),
    contact: async (account, { id, options }, context) => {
      const record = await orNull(read(context, contactOperations.get, { accountId: account.id, id, options }));
      return record ? contactRef(record) : null;
    },
  },
  AccountContactPage: { nodes: (page) => page.nodes.map((record) => contactRef(record)) },
  AccountContactSearchPage: { nodes: (page) => page.nodes.map((record) => contactRef(record)) },
  AccountContact: {
    __resolveReference: (reference, { chatwoot, call }) => {
      // Lazy, as Account is: the key is checked and the caller admitted now, the record read when a field needs it.
      chatwoot.operations.admit(contactOperations.get, call);
      return { accountId: recordId(reference.accountId, 'accountId'), id: recordId(reference.id, 'id') };
    },
    id: (ref) => ref.id,
    accountId: (ref) => ref.accountId,
    name: field('name'),
    email: field('email'),
    phoneNumber: field('phoneNumber'),
    identifier: field('identifier'),
    blocked: field('blocked'),
    thumbnail: field('thumbnail'),
    availabilityStatus: async (ref, { options }, context) => (await contactRecord(ref, context, 'availabilityStatus', options)).availabilityStatus as ContactAvailability | null,
    additionalAttributes: field('additionalAttributes'),
    customAttributes: field('customAttributes'),
    companyId: field('companyId'),
    lastActivityAt: field('lastActivityAt'),
    createdAt: field('createdAt'),
    contactInboxes: async (ref, { options }, context) => {
      const record = ref.record?.contactInboxes ? ref.record : await read(context, contactOperations.get, { accountId: ref.accountId, id: ref.id, options });
      return record.contactInboxes ?? [];
    },
    contactableInboxes: (ref, { options }, context) => read(context, contactOperations.contactableInboxes, { accountId: ref.accountId, id: ref.id, options }),
    conversations: async (ref, { options }, context) =>
      (await read(context, contactOperations.conversations, { accountId: ref.accountId, id: ref.id, options })).map(conversationRef),
    labels: (ref, { options }, context) => read(context, contactOperations.labels, { accountId: ref.accountId, id: ref.id, options }),
  },
  ContactInbox: {
    clientContact: async (link, { options }, context) => {
      if (!link.inbox || link.inbox.channelType !== 'API' || !link.sourceId) return null;
      const inbox = await read(context, inboxOperations.get, { accountId: link.accountId, id: link.inbox.id, options });
      if (!inbox.inboxIdentifier) return null;
      const address = { inboxIdentifier: inbox.inboxIdentifier, contactIdentifier: link.sourceId };
      const { chatwoot, call, loaders } = context;
      const contact = await loaders.read(chatwoot.contacts.getCall(address, {}, options), () => chatwoot.contacts.get(call, address, {}, options));
      return { ...contact, sourceId: contact.sourceId ?? link.sourceId };
    },
  },
  Mutation: {
    createAccountContact: async (_root, args, context) => contactRef(await write(context, contactOperations.create, args)),
    updateAccountContact: async (_root, args, context) => contactRef(await write(context, contactOperations.update, args)),
    deleteAccountContact: (_root, args, context) => write(context, contactOperations.delete, args),
    mergeContacts: async (_root, args, context) => contactRef(await write(context, contactOperations.merge, args)),
    linkContactToInbox: (_root, { contactId, ...args }, context) => write(context, contactOperations.linkToInbox, { ...args, id: contactId }),
    setContactLabels: (_root, { contactId, ...args }, context) => write(context, contactOperations.setLabels, { ...args, id: contactId }),
  },
};
