import type { Resolvers } from '../../generated/graphql';

/** The CSAT survey page, by conversation UUID or from a conversation. */
export const csatResolvers: Resolvers = {
  Query: {
    csatSurveyPage: (_root, { conversationUuid, options }, { chatwoot, call, loaders }) =>
      loaders.read(chatwoot.csat.pageCall(conversationUuid, options), () =>
        chatwoot.csat.getPage(call, conversationUuid, options),
      ),
  },
  Conversation: {
    csatSurveyPage: (conversation, { options }, { chatwoot, call, loaders }) => {
      const uuid = conversation.uuid;
      if (!uuid) return null;
      return loaders.read(chatwoot.csat.pageCall(uuid, options), () => chatwoot.csat.getPage(call, uuid, options));
    },
  },
};
