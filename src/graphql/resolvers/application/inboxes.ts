import type { ChannelSettingsInput, CreateInboxInput, UpdateInboxInput } from '../../../chatwoot/operations/application/inboxInput';
import { inboxMemberOperations } from '../../../chatwoot/operations/application/inboxMembers';
import { inboxOperations } from '../../../chatwoot/operations/application/inboxOperations';
import type {
  CreateInboxInput as CreateInboxArgs,
  Resolvers,
  UpdateInboxChannelInput,
  UpdateInboxInput as UpdateInboxArgs,
} from '../../../generated/graphql';
import { enumValue, read, write } from './run';

/** The channel's fields with the schema's enum names as Chatwoot's values. */
function channelFields(channel: UpdateInboxChannelInput): ChannelSettingsInput {
  return { ...channel, replyTime: channel.replyTime ? enumValue(channel.replyTime) : channel.replyTime };
}

function createInput({ channel, senderNameType, ...settings }: CreateInboxArgs): CreateInboxInput {
  const { type, ...fields } = channel;
  return {
    ...settings,
    senderNameType: senderNameType ? enumValue(senderNameType) : senderNameType,
    channel: { ...channelFields(fields), type: enumValue(type) },
  };
}

function updateInput({ channel, senderNameType, ...settings }: UpdateInboxArgs): UpdateInboxInput {
  return {
    ...settings,
    senderNameType: senderNameType ? enumValue(senderNameType) : senderNameType,
    channel: channel ? channelFields(channel) : channel,
  };
}

/** Inboxes of the Application API: the account's inboxes, their agents and bot, and the join to the Client API. */
export const inboxResolvers: Resolvers = {
  Account: {
    inboxes: (account, { options }, context) => read(context, inboxOperations.list, { accountId: account.id, options }),
    inbox: (account, { id, options }, context) => read(context, inboxOperations.get, { accountId: account.id, id, options }),
    brandedEmailLayout: (account, { options }, context) =>
      read(context, inboxOperations.brandedEmailLayout, { accountId: account.id, options }),
  },
  AccountInbox: {
    // Async so a refusal fails this reference alone; through the loaders, so N references to one inbox are one read.
    __resolveReference: async (reference, context) =>
      read(context, inboxOperations.get, { accountId: String(reference.accountId ?? ''), id: reference.id }),
    members: (inbox, { options }, context) =>
      read(context, inboxMemberOperations.list, { accountId: inbox.accountId ?? '', inboxId: inbox.id, options }),
    agentBot: (inbox, { options }, context) =>
      read(context, inboxOperations.agentBot, { accountId: inbox.accountId ?? '', id: inbox.id, options }),
    // The Client API's own read of the inbox, shared with Query.inbox through the same loader key.
    publicInbox: (inbox, { options }, { chatwoot, call, loaders }) => {
      const identifier = inbox.inboxIdentifier;
      if (inbox.channelType !== 'API' || !identifier) return null;
      return loaders.read(chatwoot.inboxes.getCall(identifier, options), () => chatwoot.inboxes.get(call, identifier, options));
    },
  },
  Mutation: {
    createInbox: (_root, { accountId, input, options }, context) =>
      write(context, inboxOperations.create, { accountId, input: createInput(input), options }),
    updateInbox: (_root, { accountId, id, input, options }, context) =>
      write(context, inboxOperations.update, { accountId, id, input: updateInput(input), options }),
    setInboxAgentBot: (_root, { accountId, inboxId, agentBotId, options }, context) =>
      write(context, inboxOperations.setAgentBot, { accountId, id: inboxId, agentBotId, options }),
    addInboxMembers: (_root, args, context) => write(context, inboxMemberOperations.add, args),
    setInboxMembers: (_root, args, context) => write(context, inboxMemberOperations.set, args),
    removeInboxMembers: (_root, args, context) => write(context, inboxMemberOperations.remove, args),
    setBrandedEmailLayout: (_root, args, context) => write(context, inboxOperations.setBrandedEmailLayout, args),
  },
};
