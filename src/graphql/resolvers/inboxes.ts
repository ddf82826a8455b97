import type { Resolvers } from '../../generated/graphql';

/**
 * The inbox: the entry to the Client API graph. Reads go through the request's loaders, so the same inbox or contact
 * named twice in one request is fetched once.
 */
export const inboxResolvers: Resolvers = {
  Query: {
    inbox: (_root, { identifier, options }, { chatwoot, call, loaders }) =>
      loaders.read(chatwoot.inboxes.getCall(identifier, options), () => chatwoot.inboxes.get(call, identifier, options)),
  },
  Inbox: {
    contact: (inbox, { identifier, identity, options }, { chatwoot, call, loaders }) => {
      const address = { inboxIdentifier: inbox.identifier, contactIdentifier: identifier };
      const proof = identity ?? {};
      return loaders.read(chatwoot.contacts.getCall(address, proof, options), () =>
        chatwoot.contacts.get(call, address, proof, options),
      );
    },
  },
  Mutation: {
    createContact: (_root, { inboxIdentifier, input, options }, { chatwoot, call, loaders }) =>
      loaders.write(() => chatwoot.contacts.create(call, inboxIdentifier, input, options)),
  },
};
