import type { Resolvers } from '../../generated/graphql';
import { withProof } from '../identity';

/**
 * Contacts of the Client API. Resolvers only map arguments to one adapter call; failures go to the error boundary.
 * On an inbox the gateway vouches for, withProof swaps in the verified identity proof (src/graphql/identity.ts).
 */
export const contactResolvers: Resolvers = {
  Query: {
    contact: (_root, { inboxIdentifier, contactIdentifier, identifier, identifierHash, options }, context) =>
      withProof(context, inboxIdentifier, { identifier, identifierHash }, (proof) => {
        const { chatwoot, call, loaders } = context;
        const address = { inboxIdentifier, contactIdentifier };
        return loaders.read(chatwoot.contacts.getCall(address, proof, options), () => chatwoot.contacts.get(call, address, proof, options));
      }),
  },
  Mutation: {
    // Name and e-mail claims are not applied here: on update Chatwoot merges contacts that share an e-mail, which
    // must only ever happen because the caller asked for it.
    updateContact: (_root, { inboxIdentifier, contactIdentifier, input, options }, context) =>
      withProof(context, inboxIdentifier, input, (proof) =>
        context.chatwoot.contacts.update(context.call, { inboxIdentifier, contactIdentifier }, { ...input, ...proof }, options),
      ),
  },
};
