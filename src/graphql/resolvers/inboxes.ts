import type { Resolvers } from '../../generated/graphql';
import { withProof } from '../identity';

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
    contact: (inbox, { identifier, identity, options }, context) =>
      withProof(context, inbox.identifier, identity ?? {}, (proof) => {
        const { chatwoot, call, loaders } = context;
        const address = { inboxIdentifier: inbox.identifier, contactIdentifier: identifier };
        return loaders.read(chatwoot.contacts.getCall(address, proof, options), () => chatwoot.contacts.get(call, address, proof, options));
      }),
  },
  Mutation: {
    // A verified token's name and e-mail claims (when configured) fill what the caller left out: the new contact
    // starts with the site's own profile. Chatwoot reuses an existing contact with that identifier first.
    createContact: (_root, { inboxIdentifier, input, options }, context) =>
      withProof(context, inboxIdentifier, input, (proof, proven) => {
        const fields = proven ? { ...input, ...proof, email: input.email ?? proven.email, name: input.name ?? proven.name } : input;
        return context.loaders.write(() => context.chatwoot.contacts.create(context.call, inboxIdentifier, fields, options));
      }),
  },
};
