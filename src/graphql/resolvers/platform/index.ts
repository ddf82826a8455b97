import { platformAccountOperations } from '../../../chatwoot/operations/platform/accounts';
import { platformAgentBotOperations } from '../../../chatwoot/operations/platform/agentBots';
import { platformUserOperations } from '../../../chatwoot/operations/platform/users';
import type { AccountStatus, AgentAvailability, AgentRole, Resolvers } from '../../../generated/graphql';
import type { GatewayContext } from '../../context';
import { bindField, type OperationEntry } from '../../fieldBinding';
import { recordId } from '../../../chatwoot/operation';
import { enumName, enumValue, read, write } from '../application/run';

/** A read of a record that may not exist: Chatwoot's 404 becomes null, as the schema says. */
async function orNull<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if ((error as { upstream?: { status?: number } }).upstream?.status === 404) return null;
    throw error;
  }
}

const accounts = platformAccountOperations;
const bots = platformAgentBotOperations;
const users = platformUserOperations;

const fields: Resolvers = {
  Query: {
    platform: () => ({}),
  },
  PlatformQuery: {
    account: (_ns, { id, options }, context) => orNull(read(context, accounts.get, { accountId: id, options })),
    agentBots: (_ns, { options }, context) => read(context, bots.list, { options }),
    agentBot: (_ns, { id, options }, context) => orNull(read(context, bots.get, { id, options })),
    user: (_ns, { id, options }, context) => orNull(read(context, users.get, { id, options })),
  },
  PlatformAccount: {
    status: (account) => enumName<AccountStatus>(account.status),
    accountUsers: (account, { options }, context) => read(context, accounts.listUsers, { accountId: account.id, options }),
  },
  PlatformAccountUser: {
    role: (member) => enumName<AgentRole>(member.role),
    availability: (member) => enumName<AgentAvailability>(member.availability),
  },
  PlatformUserAccount: {
    role: (account) => enumName<AgentRole>(account.role),
  },
  Mutation: {
    platformCreateAccount: (_root, { input, options }, context) =>
      write(context, accounts.create, { input: { ...input, status: input.status ? enumValue(input.status) : input.status }, options }),
    platformUpdateAccount: (_root, { accountId, input, options }, context) =>
      write(context, accounts.update, { accountId, input: { ...input, status: input.status ? enumValue(input.status) : input.status }, options }),
    platformDeleteAccount: (_root, args, context) => write(context, accounts.delete, args),
    platformAddAccountUser: (_root, { accountId, userId, role, options }, context) =>
      write(context, accounts.addUser, { accountId, userId: recordIdOf(userId), role: role ? enumValue(role) : undefined, options }),
    platformRemoveAccountUser: (_root, { accountId, userId, options }, context) =>
      write(context, accounts.removeUser, { accountId, userId: recordIdOf(userId), options }),
    platformCreateAgentBot: (_root, { input, options }, context) => write(context, bots.create, { input: botInput(input), options }),
    platformUpdateAgentBot: (_root, { id, input, options }, context) => write(context, bots.update, { id, input: botInput(input), options }),
    platformDeleteAgentBot: (_root, args, context) => write(context, bots.delete, args),
    platformCreateUser: (_root, args, context) => write(context, users.create, args),
    platformUpdateUser: (_root, args, context) => write(context, users.update, args),
    platformDeleteUser: (_root, args, context) => write(context, users.delete, args),
    platformCreateUserSsoLink: (_root, args, context) => write(context, users.ssoLink, args),
  },
};

/** Body ids travel as numbers; a value that is not a record id is refused before any call. */
function recordIdOf(value: string): string {
  return recordId(value, 'userId');
}

function botInput<T extends { accountId?: string | null }>(input: T): T {
  if (input.accountId !== undefined && input.accountId !== null) recordId(input.accountId, 'input.accountId');
  return input;
}

/**
 * Every Platform field runs the request's Platform checks first (src/graphql/principal.ts), deny by default: the
 * wrapper is applied to every resolver of these types, so a field added later cannot forget it.
 */
const GUARDED_TYPES = ['PlatformQuery', 'PlatformAccount'] as const;

function guarded(map: Resolvers): Resolvers {
  type AnyResolver = (parent: unknown, args: unknown, context: GatewayContext, info: unknown) => unknown;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [typeName, resolvers] of Object.entries(map as Record<string, Record<string, unknown>>)) {
    out[typeName] = {};
    for (const [fieldName, resolver] of Object.entries(resolvers)) {
      const coordinate = `${typeName}.${fieldName}`;
      const isPlatformField =
        (GUARDED_TYPES as readonly string[]).includes(typeName) || coordinate === 'Query.platform' || (typeName === 'Mutation' && fieldName.startsWith('platform'));
      if (!isPlatformField || typeof resolver !== 'function') {
        out[typeName][fieldName] = resolver;
        continue;
      }
      // The namespace root checks the switch and the key; each field checks its own place on the operator's lists.
      const field = coordinate === 'Query.platform' ? null : coordinate;
      out[typeName][fieldName] = (parent: unknown, args: unknown, context: GatewayContext, info: unknown) => {
        context.platform.admit(field);
        return (resolver as AnyResolver)(parent, args, context, info);
      };
    }
  }
  return out as Resolvers;
}

export const platformResolvers: Resolvers = guarded(fields);

/** Which Platform field runs which declared operation. */
export const PLATFORM_FIELD_OPERATIONS: readonly OperationEntry[] = [
  bindField('Mutation.platformCreateAccount', accounts.create),
  bindField('PlatformQuery.account', accounts.get),
  bindField('Mutation.platformUpdateAccount', accounts.update),
  bindField('Mutation.platformDeleteAccount', accounts.delete),
  bindField('PlatformAccount.accountUsers', accounts.listUsers),
  bindField('Mutation.platformAddAccountUser', accounts.addUser),
  bindField('Mutation.platformRemoveAccountUser', accounts.removeUser),
  bindField('PlatformQuery.agentBots', bots.list),
  bindField('Mutation.platformCreateAgentBot', bots.create),
  bindField('PlatformQuery.agentBot', bots.get),
  bindField('Mutation.platformUpdateAgentBot', bots.update),
  bindField('Mutation.platformDeleteAgentBot', bots.delete),
  bindField('Mutation.platformCreateUser', users.create),
  bindField('PlatformQuery.user', users.get),
  bindField('Mutation.platformUpdateUser', users.update),
  bindField('Mutation.platformDeleteUser', users.delete),
  bindField('Mutation.platformCreateUserSsoLink', users.ssoLink),
];
