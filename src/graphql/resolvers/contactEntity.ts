import { InvalidRequestError } from '../../chatwoot/errors';
import type { Resolvers } from '../../generated/graphql';
import { withProof } from '../identity';

/**
 * Contact as a federation entity, keyed by `inboxIdentifier sourceId`. A router sends every reference of a query in one
 * `_entities` call, often naming the same contact many times; the request's loaders send one upstream read per
 * distinct contact (Chatwoot's Client API has no batch read), at most GATEWAY_MAX_CONCURRENT_READS at once.
 */
export const contactEntityResolvers: Resolvers = {
  Contact: {
    __resolveReference: async (reference, context) => {
      const { chatwoot, call, loaders } = context;
      // The representation is the client's JSON, whatever the generated type says: its keys may be anything.
      const inboxIdentifier = keyField(reference.inboxIdentifier, 'inboxIdentifier');
      const sourceId = keyField(reference.sourceId, 'sourceId');
      // A representation without its key cannot name a contact.
      if (!inboxIdentifier || !sourceId) return null;
      const address = { inboxIdentifier, contactIdentifier: sourceId };
      const contact = await withProof(context, inboxIdentifier, {}, (proof) =>
        loaders.read(chatwoot.contacts.getCall(address, proof), () => chatwoot.contacts.get(call, address, proof)),
      );
      // Chatwoot before 4.16 leaves source_id out of the record; the key the router sent is the contact's.
      return { ...contact, sourceId: contact.sourceId ?? sourceId };
    },
  },
};

/** A key field as sent: a string, or absent (null or left out); anything else is bad input. */
function keyField(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InvalidRequestError(`The representation's ${name} must be a string.`, name);
  return value;
}
