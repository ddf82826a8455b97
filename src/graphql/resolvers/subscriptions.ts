import { ErrorCode } from '../../errors';
import type { AccountEventRecord } from '../../realtime/accountEvents';
import type { ConversationEventRecord } from '../../realtime/contactEvents';
import { RealtimeRefusal } from '../../realtime/errors';
import type { RealtimeService } from '../../realtime/service';
import type { Resolvers } from '../../generated/graphql';
import type { GatewayContext } from '../context';
import { withProof } from '../identity';
import { contactRef, conversationRef } from './application/crmRefs';

/**
 * Subscriptions: each names its principal and hands the rest to the realtime service. Every event is resolved with
 * the subscription's loaders emptied first, so fields read through Chatwoot (Conversation.messages) are fresh.
 */
export const subscriptionResolvers: Resolvers = {
  Subscription: {
    conversationEvents: {
      // On an inbox the gateway vouches for, the verified identity (bearer token in connectionParams) is the proof.
      subscribe: (_root, { inboxIdentifier, contactIdentifier, displayId, identity, options }, context) =>
        withProof(context, inboxIdentifier, { identifier: identity?.identifier, identifierHash: identity?.identifierHash }, (proof) =>
          realtimeOf(context).conversationEvents(context.call, { inboxIdentifier, contactIdentifier, displayId: displayId ?? null, proof, options }),
        ),
      resolve: (event: ConversationEventRecord, _args: unknown, context: GatewayContext) => {
        realtimeOf(context);
        context.loaders.clearAll();
        return event;
      },
    },
    accountEvents: {
      subscribe: (_root, { accountId }, context) => realtimeOf(context).accountEvents(context.call, accountId),
      resolve: (event: AccountEventRecord, _args: unknown, context: GatewayContext) => {
        realtimeOf(context);
        // Fields the event does not carry are read through Chatwoot: fresh for every event.
        context.loaders.clearAll();
        return event;
      },
    },
  },
  AccountEvent: {
    conversation: (event) => (event.conversation ? conversationRef(event.conversation) : null),
    // An event's contact is the push payload: complete for the fields it has, the others are read once per event.
    contact: (event) => (event.contact ? contactRef(event.contact, true) : null),
  },
};

/** Over HTTP, Apollo would run a subscription as a one-off operation: refuse it there, before anything happens. */
function realtimeOf(context: GatewayContext): RealtimeService {
  if (context.realtime) return context.realtime;
  throw new RealtimeRefusal('Subscriptions are served over WebSocket (graphql-transport-ws) only.', ErrorCode.BAD_REQUEST, 'websocket_only');
}
