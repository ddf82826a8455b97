import { addressOfContact } from '../../chatwoot/conversations';
import type { ConversationRecord } from '../../chatwoot/types';
import type { ConversationStatus, Resolvers, TypingStatus } from '../../generated/graphql';

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
    conversation: (_root, { inboxIdentifier, contactIdentifier, displayId, options }, { chatwoot, call, loaders }) => {
      const address = { inboxIdentifier, contactIdentifier, displayId };
      return loaders.read(chatwoot.conversations.getCall(address, options), () => chatwoot.conversations.get(call, address, options));
    },
  },
  Contact: {
    conversations: (contact, { options }, { chatwoot, call, loaders }) => {
      const address = addressOfContact(contact);
      return loaders.read(chatwoot.conversations.listCall(address, options), () => chatwoot.conversations.list(call, address, options));
    },
    conversation: (contact, { displayId, options }, { chatwoot, call, loaders }) => {
      const address = { ...addressOfContact(contact), displayId };
      return loaders.read(chatwoot.conversations.getCall(address, options), () => chatwoot.conversations.get(call, address, options));
    },
  },
  Conversation: {
    status: (conversation) => (conversation.status ? STATUS[conversation.status] : null),
  },
  TypingStatusPayload: {
    status: (payload) => (payload.typingStatus === 'off' ? 'OFF' : 'ON'),
    conversation: (payload, { options }, { chatwoot, call, loaders }) =>
      loaders.read(chatwoot.conversations.getCall(payload, options), () => chatwoot.conversations.get(call, payload, options)),
  },
  ConversationSeenPayload: {
    conversation: (payload, { options }, { chatwoot, call, loaders }) =>
      loaders.read(chatwoot.conversations.getCall(payload, options), () => chatwoot.conversations.get(call, payload, options)),
  },
  Mutation: {
    createConversation: (_root, { inboxIdentifier, contactIdentifier, input, options }, { chatwoot, call, loaders }) =>
      loaders.write(() => chatwoot.conversations.create(call, { inboxIdentifier, contactIdentifier }, input ?? {}, options)),
    resolveConversation: (_root, { inboxIdentifier, contactIdentifier, displayId, options }, { chatwoot, call, loaders }) =>
      loaders.write(() => chatwoot.conversations.resolve(call, { inboxIdentifier, contactIdentifier, displayId }, options)),
    setTypingStatus: async (_root, { status, options, ...address }, { chatwoot, call, loaders }) => {
      await loaders.write(() => chatwoot.conversations.setTyping(call, address, TYPING[status], options));
      return { ...address, typingStatus: TYPING[status] };
    },
    markConversationSeen: async (_root, { options, ...address }, { chatwoot, call, loaders }) => {
      await loaders.write(() => chatwoot.conversations.markSeen(call, address, options));
      return address;
    },
  },
};
