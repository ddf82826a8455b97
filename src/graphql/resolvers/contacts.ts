import type { Resolvers } from '../../generated/graphql';

/** Contacts of the Client API. Resolvers only map arguments to one adapter call; failures go to the error boundary. */
export const contactResolvers: Resolvers = {
  Query: {
    contact: (_root, { inboxIdentifier, contactIdentifier, identifier, identifierHash, options }, { chatwoot, call, loaders }) => {
      const address = { inboxIdentifier, contactIdentifier };
      const proof = { identifier, identifierHash };
      return loaders.read(chatwoot.contacts.getCall(address, proof, options), () =>
        chatwoot.contacts.get(call, address, proof, options),
      );
    },
  },
  Mutation: {
    updateContact: (_root, { inboxIdentifier, contactIdentifier, input, options }, { chatwoot, call }) =>
      chatwoot.contacts.update(call, { inboxIdentifier, contactIdentifier }, input, options),
  },
};
