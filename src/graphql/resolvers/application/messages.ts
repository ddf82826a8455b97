import { messageOperations } from '../../../chatwoot/operations/application/messages';
import type { MessageContentType, MessageStatus, MessageType, Resolvers } from '../../../generated/graphql';
import { enumName, write } from './run';

const CONTENT_TYPES = new Set<string>([
  'text', 'input_text', 'input_textarea', 'input_email', 'input_select', 'cards', 'form', 'article',
  'incoming_email', 'input_csat', 'integrations', 'sticker', 'voice_call',
]);

/** Messages as agents see them; the list is a field of AccountConversation. */
export const messageResolvers: Resolvers = {
  AccountMessage: {
    messageType: (message) => enumName<MessageType>(message.messageType),
    // A content type this gateway does not know yet is null rather than an error.
    contentType: (message) => (message.contentType && CONTENT_TYPES.has(message.contentType) ? enumName<MessageContentType>(message.contentType) : null),
    status: (message) => enumName<MessageStatus>(message.status),
  },
  Mutation: {
    createConversationMessage: (_root, args, context) => write(context, messageOperations.create, args),
    deleteConversationMessage: (_root, args, context) => write(context, messageOperations.delete, args),
  },
};
