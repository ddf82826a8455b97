import type { Resolvers } from '../../generated/graphql';

/**
 * Contact as a federation entity, keyed by `inboxIdentifier sourceId`. A router sends every reference of a query in one
 * `_entities` call, often naming the same contact many times; the request's loaders send one upstream read per
 * distinct contact (Chatwoot's Client API has no batch read), at most GATEWAY_MAX_CONCURRENT_READS at once.
 */
export const contactEntityResolvers: Resolvers = {
  Contact: {
    __resolveReference: async (reference, { chatwoot, call, loaders }) => {
      const { inboxIdentifier, sourceId } = reference;
      // A representation without its key cannot name a contact.
      if (!inboxIdentifier || !sourceId) return null;
      const address = { inboxIdentifier, contactIdentifier: sourceId };
      const contact = await loaders.read(chatwoot.contacts.getCall(address), () => chatwoot.contacts.get(call, address));
      // Chatwoot before 4.16 leaves source_id out of the record; the key the router sent is the contact's.
      return { ...contact, sourceId: contact.sourceId ?? sourceId };
    },
  },
};
