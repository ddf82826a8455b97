import { agentBotOperations } from '../../../chatwoot/operations/application/agentBots';
import type { Resolvers } from '../../../generated/graphql';
import { read, write } from './run';

/** Agent bots of the account (and the installation's system bots it can see). */
export const agentBotResolvers: Resolvers = {
  Account: {
    agentBots: (account, { options }, context) => read(context, agentBotOperations.list, { accountId: account.id, options }),
    agentBot: (account, { id, options }, context) => read(context, agentBotOperations.get, { accountId: account.id, id, options }),
  },
  Mutation: {
    createAgentBot: (_root, args, context) => write(context, agentBotOperations.create, args),
    updateAgentBot: (_root, args, context) => write(context, agentBotOperations.update, args),
    deleteAgentBot: (_root, args, context) => write(context, agentBotOperations.delete, args),
  },
};
