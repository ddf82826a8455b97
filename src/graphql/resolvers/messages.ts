import type { MessageTypeValue } from '../../chatwoot/types';
import type { MessageType, Resolvers } from '../../generated/graphql';
import { withProvenCall } from '../identity';

const MESSAGE_TYPE: Record<MessageTypeValue, MessageType> = {
  incoming: 'INCOMING',
  outgoing: 'OUTGOING',
  activity: 'ACTIVITY',
  template: 'TEMPLATE',
};

/** Messages of a conversation. `Conversation.messages` makes one upstream call per distinct conversation and page. */
export const messageResolvers: Resolvers = {
  Conversation: {
    messages: (conversation, { before, options }, context) => {
      const address = conversation;
      const { chatwoot, loaders } = context;
      return withProvenCall(context, address.inboxIdentifier, (call) =>
        loaders.read(chatwoot.messages.listCall(address, before, options), () => chatwoot.messages.list(call, address, before, options)),
      );
    },
  },
  Message: {
    messageType: (message) => (message.messageType ? MESSAGE_TYPE[message.messageType] : null),
  },
  Mutation: {
    sendMessage: (_root, { inboxIdentifier, contactIdentifier, displayId, input, options }, context) =>
      withProvenCall(context, inboxIdentifier, (call) =>
        context.loaders.write(() => context.chatwoot.messages.create(call, { inboxIdentifier, contactIdentifier, displayId }, input, options)),
      ),
    submitMessageResponse: (_root, { inboxIdentifier, contactIdentifier, displayId, messageId, input, options }, context) =>
      withProvenCall(context, inboxIdentifier, (call) =>
        context.loaders.write(() =>
          context.chatwoot.messages.update(call, { inboxIdentifier, contactIdentifier, displayId, messageId }, input, options),
        ),
      ),
  },
};
