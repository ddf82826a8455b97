import { agentOperations, type AgentRecord } from '../../../chatwoot/operations/application/agents';
import type { AgentAvailability, AgentRole, Resolvers } from '../../../generated/graphql';
import type { GatewayContext } from '../../context';
import { enumValue, read, write } from './run';

type Maybe<T> = T | null | undefined;

/** An agent's input with the schema's enum names as Chatwoot's values. */
function agentFields(input: { name?: Maybe<string>; role?: Maybe<AgentRole>; availability?: Maybe<AgentAvailability>; autoOffline?: Maybe<boolean> }) {
  return {
    name: input.name,
    role: input.role ? enumValue(input.role) : input.role,
    availability: input.availability ? enumValue(input.availability) : input.availability,
    autoOffline: input.autoOffline,
  };
}

/**
 * An agent by reference: Chatwoot has no single-agent read, so every reference to an account's agents in one request
 * shares one list call (the loaders key it by path) and picks its agent; null when the account has no such agent.
 */
export async function agentByReference(context: GatewayContext, accountId: unknown, id: unknown): Promise<AgentRecord | null> {
  const agents = await read(context, agentOperations.list, { accountId: String(accountId ?? '') });
  return agents.find((agent) => agent.id === String(id)) ?? null;
}

/** Agents: the account's list, invitations, changes and removals. */
export const agentResolvers: Resolvers = {
  Account: {
    agents: (account, { options }, context) => read(context, agentOperations.list, { accountId: account.id, options }),
  },
  Agent: {
    __resolveReference: (reference, context) => agentByReference(context, reference.accountId, reference.id),
  },
  Mutation: {
    inviteAgent: (_root, { accountId, input, options }, context) =>
      write(context, agentOperations.invite, { accountId, input: { ...agentFields(input), name: input.name, email: input.email, role: enumValue(input.role) }, options }),
    updateAgent: (_root, { accountId, id, input, options }, context) =>
      write(context, agentOperations.update, { accountId, id, input: agentFields(input), options }),
    removeAgent: (_root, args, context) => write(context, agentOperations.remove, args),
  },
};
