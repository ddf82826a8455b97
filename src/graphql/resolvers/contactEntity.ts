import type { Resolvers } from '../../generated/graphql';

/**
 * Contact as a federation entity, keyed by `inboxIdentifier sourceId`. The reference resolver goes through the
 * request's contact loader, so a supergraph asking for many contacts makes one upstream read per distinct contact.
 */
export const contactEntityResolvers: Resolvers = {
  Contact: {
    __resolveReference: async (reference, { contactReferences }) => {
      const { inboxIdentifier, sourceId } = reference;
      // A representation without its key cannot name a contact.
      if (!inboxIdentifier || !sourceId) return null;
      const contact = await contactReferences.load({ inboxIdentifier, contactIdentifier: sourceId });
      // Chatwoot before 4.16 leaves source_id out of the record; the key the router sent is the contact's.
      return { ...contact, sourceId: contact.sourceId ?? sourceId };
    },
  },
};
