import { addressOfContact, type ConversationAddress } from '../../chatwoot/conversations';
import type { RequestOptions } from '../../chatwoot/requestOptions';
import type { ConversationRecord } from '../../chatwoot/types';
import type { ConversationStatus, Resolvers, TypingStatus } from '../../generated/graphql';
import type { GatewayContext } from '../context';
import { withProvenCall } from '../identity';

/** Chatwoot's lower-case values as the schema's enum names. */
const STATUS: Record<NonNullable<ConversationRecord['status']>, ConversationStatus> = {
  open: 'OPEN',
  resolved: 'RESOLVED',
  pending: 'PENDING',
  snoozed: 'SNOOZED',
};
const TYPING: Record<TypingStatus, 'on' | 'off'> = { ON: 'on', OFF: 'off' };

/** Conversations of the Client API: a contact's list, one conversation, and the conversation mutations. */
export const conversationResolvers: Resolvers = {
  Query: {
    conversation: (_root, { inboxIdentifier, contactIdentifier, displayId, options }, context) =>
      readConversation(context, { inboxIdentifier, contactIdentifier, displayId }, options),
  },
  Contact: {
    conversations: (contact, { options }, context) => {
      const address = addressOfContact(contact);
      const { chatwoot, loaders } = context;
      return withProvenCall(context, address.inboxIdentifier, (call) =>
        loaders.read(chatwoot.conversations.listCall(address, options), () => chatwoot.conversations.list(call, address, options)),
      );
    },
    conversation: (contact, { displayId, options }, context) => readConversation(context, { ...addressOfContact(contact), displayId }, options),
  },
  Conversation: {
    status: (conversation) => (conversation.status ? STATUS[conversation.status] : null),
  },
  TypingStatusPayload: {
    status: (payload) => (payload.typingStatus === 'off' ? 'OFF' : 'ON'),
    conversation: (payload, { options }, context) => readConversation(context, payload, options),
  },
  ConversationSeenPayload: {
    conversation: (payload, { options }, context) => readConversation(context, payload, options),
  },
  Mutation: {
    createConversation: (_root, { inboxIdentifier, contactIdentifier, input, options }, context) =>
      withProvenCall(context, inboxIdentifier, (call) =>
        context.loaders.write(() => context.chatwoot.conversations.create(call, { inboxIdentifier, contactIdentifier }, input ?? {}, options)),
      ),
    resolveConversation: (_root, { inboxIdentifier, contactIdentifier, displayId, options }, context) =>
      withProvenCall(context, inboxIdentifier, (call) =>
        context.loaders.write(() => context.chatwoot.conversations.resolve(call, { inboxIdentifier, contactIdentifier, displayId }, options)),
      ),
    setTypingStatus: async (_root, { status, options, ...address }, context) => {
      await withProvenCall(context, address.inboxIdentifier, (call) =>
        context.loaders.write(() => context.chatwoot.conversations.setTyping(call, address, TYPING[status], options)),
      );
      return { ...address, typingStatus: TYPING[status] };
    },
    markConversationSeen: async (_root, { options, ...address }, context) => {
      await withProvenCall(context, address.inboxIdentifier, (call) =>
        context.loaders.write(() => context.chatwoot.conversations.markSeen(call, address, options)),
      );
      return address;
    },
  },
};

/** One conversation through the request's loaders, with the verified proof on a covered inbox. */
function readConversation(context: GatewayContext, address: ConversationAddress, options: RequestOptions | null | undefined) {
  const { chatwoot, loaders } = context;
  return withProvenCall(context, address.inboxIdentifier, (call) =>
    loaders.read(chatwoot.conversations.getCall(address, options), () => chatwoot.conversations.get(call, address, options)),
  );
}
