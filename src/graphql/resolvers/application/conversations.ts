import { PolicyViolationError, UpstreamHttpError } from '../../../chatwoot/errors';
import { recordId } from '../../../chatwoot/operation';
import type { AccountConversationRecord, AssigneeRecord } from '../../../chatwoot/operations/application/conversationRecords';
import { conversationOperations } from '../../../chatwoot/operations/application/conversations';
import { inboxOperations } from '../../../chatwoot/operations/application/inboxOperations';
import { messageOperations } from '../../../chatwoot/operations/application/messages';
import type { ConversationPriority, ConversationStatus, Resolvers, TypingStatus } from '../../../generated/graphql';
import type { RequestOptions } from '../../../chatwoot/requestOptions';
import type { GatewayContext } from '../../context';
import { orNull } from './contacts';
import { type AccountConversationRef, contactRef, conversationRef } from './crmRefs';
import { enumName, read, write } from './run';

/**
 * Conversations as agents see them. A conversation read as part of a page carries its contact, assignee, team and
 * last message, so those cost no call; a conversation known only by its key (a federation reference, the payload of a
 * status change) reads itself once per request when a field needs the record.
 */

function conversationRecord(ref: AccountConversationRef, context: GatewayContext, options?: RequestOptions | null): Promise<AccountConversationRecord> {
  if (ref.record) return Promise.resolve(ref.record);
  return read(context, conversationOperations.get, { accountId: ref.accountId, displayId: ref.displayId, options });
}

type WithOptions = { options?: RequestOptions | null };

function field<K extends keyof AccountConversationRecord>(name: K) {
  return async (ref: AccountConversationRef, args: WithOptions, context: GatewayContext) => (await conversationRecord(ref, context, args.options))[name];
}

/** The body Chatwoot's record-not-found handler answers with; any other 404 here is a route the edition lacks. */
const RECORD_NOT_FOUND = 'Resource could not be found';

/** A conversation known by its key only, for payloads whose conversation is read again when selected. */
const lazy = (change: { accountId: string; displayId: number }): AccountConversationRef => ({ accountId: change.accountId, displayId: change.displayId });

const assigneeType = (assignee: AssigneeRecord) => assignee.kind;

/** Account conversations: lists, counts, the entity and its edges, and the conversation mutations. */
export const conversationResolvers: Resolvers = {
  Account: {
    conversations: (account, args, context) =>
      read(context, conversationOperations.list, { ...args, accountId: account.id, perPage: context.chatwoot.conversationsPerPage }),
    conversationCounts: (account, args, context) =>
      read(context, conversationOperations.counts, { ...args, accountId: account.id, perPage: context.chatwoot.conversationsPerPage }),
    filterConversations: (account, args, context) =>
      read(context, conversationOperations.filter, { ...args, accountId: account.id, perPage: context.chatwoot.conversationsPerPage }),
    conversation: async (account, { displayId, options }, context) => {
      const record = await orNull(read(context, conversationOperations.get, { accountId: account.id, displayId, options }));
      return record ? conversationRef(record) : null;
    },
  },
  AccountConversationPage: { nodes: (page) => page.nodes.map(conversationRef) },
  AccountConversation: {
    __resolveReference: (reference, { chatwoot, call }) => {
      chatwoot.operations.admit(conversationOperations.get, call);
      return { accountId: recordId(reference.accountId, 'accountId'), displayId: Number(recordId(reference.displayId, 'displayId')) };
    },
    displayId: (ref) => ref.displayId,
    accountId: (ref) => ref.accountId,
    uuid: field('uuid'),
    inboxId: field('inboxId'),
    inbox: async (ref, { options }, context) => {
      const { inboxId, accountId } = await conversationRecord(ref, context, options);
      return inboxId ? read(context, inboxOperations.get, { accountId, id: inboxId, options }) : null;
    },
    status: async (ref, { options }, context) => enumName<ConversationStatus>((await conversationRecord(ref, context, options)).status),
    priority: async (ref, { options }, context) => enumName<ConversationPriority>((await conversationRecord(ref, context, options)).priority),
    snoozedUntil: field('snoozedUntil'),
    muted: field('muted'),
    canReply: field('canReply'),
    unreadCount: field('unreadCount'),
    labels: async (ref, { options }, context) => {
      if (ref.record?.labels) return ref.record.labels;
      return read(context, conversationOperations.labels, { accountId: ref.accountId, displayId: ref.displayId, options });
    },
    customAttributes: field('customAttributes'),
    additionalAttributes: field('additionalAttributes'),
    createdAt: field('createdAt'),
    updatedAt: field('updatedAt'),
    lastActivityAt: field('lastActivityAt'),
    waitingSince: field('waitingSince'),
    firstReplyCreatedAt: field('firstReplyCreatedAt'),
    agentLastSeenAt: field('agentLastSeenAt'),
    assigneeLastSeenAt: field('assigneeLastSeenAt'),
    contactLastSeenAt: field('contactLastSeenAt'),
    slaPolicyId: field('slaPolicyId'),
    contact: async (ref, { options }, context) => {
      const { contact } = await conversationRecord(ref, context, options);
      return contact ? contactRef(contact, true) : null;
    },
    assignee: field('assignee'),
    team: field('team'),
    hmacVerified: field('hmacVerified'),
    lastMessage: field('lastMessage'),
    messages: (ref, { before, after, options }, context) =>
      read(context, messageOperations.list, { accountId: ref.accountId, displayId: ref.displayId, before, after, options }),
    reportingEvents: async (ref, { options }, context) => {
      try {
        return await read(context, conversationOperations.reportingEvents, { accountId: ref.accountId, displayId: ref.displayId, options });
      } catch (error) {
        if (error instanceof UpstreamHttpError && error.upstream?.status === 404 && error.chatwootMessage !== RECORD_NOT_FOUND) {
          throw new PolicyViolationError(
            "Chatwoot has no reporting events route: they are a feature of Chatwoot's Enterprise edition.",
            undefined,
            'enterprise_only',
          );
        }
        throw error;
      }
    },
  },
  Assignee: { __resolveType: (assignee) => ('kind' in assignee ? assigneeType(assignee as AssigneeRecord) : 'outgoingUrl' in assignee ? 'AgentBot' : 'Agent') },
  ConversationStatusChange: {
    status: (change) => enumName<ConversationStatus>(change.status),
    conversation: (change) => lazy(change),
  },
  ConversationPriorityChange: {
    priority: (change) => enumName<ConversationPriority>(change.priority),
    conversation: (change) => lazy(change),
  },
  AgentTypingStatusPayload: {
    status: (change) => enumName<TypingStatus>(change.status)!,
    conversation: (change) => lazy(change),
  },
  Mutation: {
    createAccountConversation: async (_root, args, context) => conversationRef(await write(context, conversationOperations.create, args)),
    updateAccountConversation: async (_root, args, context) => conversationRef(await write(context, conversationOperations.update, args)),
    assignConversation: (_root, args, context) => write(context, conversationOperations.assign, args),
    setConversationTeam: (_root, args, context) => write(context, conversationOperations.setTeam, args),
    setConversationCustomAttributes: (_root, args, context) => write(context, conversationOperations.setCustomAttributes, args),
    removeConversationCustomAttributes: (_root, args, context) => write(context, conversationOperations.removeCustomAttributes, args),
    setConversationLabels: (_root, args, context) => write(context, conversationOperations.setLabels, args),
    setConversationPriority: (_root, args, context) => write(context, conversationOperations.setPriority, args),
    changeConversationStatus: (_root, args, context) => write(context, conversationOperations.changeStatus, args),
    setAgentTypingStatus: (_root, args, context) => write(context, conversationOperations.setTyping, args),
  },
};
