import { recordId } from '../../../chatwoot/operation';
import { type AccountRecord, accountOperations } from '../../../chatwoot/operations/application/accounts';
import { profileOperations } from '../../../chatwoot/operations/application/profile';
import type { AccountStatus, AgentAvailability, AgentRole, Resolvers } from '../../../generated/graphql';
import type { GatewayContext } from '../../context';
import type { AccountRef } from './accountRef';
import { enumName, read, write } from './run';

type OptionsArgs = { options?: Parameters<typeof read>[2]['options'] };

/** The account's record: the one a mutation returned, else one read per request through the loaders. */
function recordOf(ref: AccountRef, args: OptionsArgs, context: GatewayContext): Promise<AccountRecord> {
  if (ref.record) return Promise.resolve(ref.record);
  return read(context, accountOperations.get, { accountId: ref.id, options: args.options });
}

/** A field of the account's record. */
function field<K extends keyof AccountRecord>(name: K) {
  return async (ref: AccountRef, args: OptionsArgs, context: GatewayContext) => (await recordOf(ref, args, context))[name];
}

/** The caller's profile and the account hub. */
export const accountResolvers: Resolvers = {
  Query: {
    me: (_root, { options }, context) => read(context, profileOperations.get, { options }),
    account: (_root, { id }, { chatwoot, call }) => {
      // No call yet, but the same refusals as the account's own read: a field of a switched-off API, or one asked
      // without the caller's token, is refused here rather than answering with ids.
      chatwoot.operations.admit(accountOperations.get, call);
      return { id: recordId(id, 'id') };
    },
  },
  Account: {
    // Async so that a refusal fails this reference alone: a synchronous throw would fail every entity of _entities.
    __resolveReference: async (reference, { chatwoot, call }) => {
      chatwoot.operations.admit(accountOperations.get, call);
      return { id: recordId(reference.id, 'id') };
    },
    name: field('name'),
    locale: field('locale'),
    domain: field('domain'),
    supportEmail: field('supportEmail'),
    status: async (ref, args, context) => enumName<AccountStatus>((await recordOf(ref, args, context)).status),
    enabledFeatures: field('enabledFeatures'),
    settings: field('settings'),
    customAttributes: field('customAttributes'),
    createdAt: field('createdAt'),
    latestChatwootVersion: field('latestChatwootVersion'),
  },
  AccountMembership: {
    account: (membership) => ({ id: membership.accountId }),
    role: (membership) => enumName<AgentRole>(membership.role),
    availability: (membership) => enumName<AgentAvailability>(membership.availability),
    availabilityStatus: (membership) => enumName<AgentAvailability>(membership.availabilityStatus),
    accountStatus: (membership) => enumName<AccountStatus>(membership.accountStatus),
  },
  Mutation: {
    updateAccount: async (_root, { accountId, input, options }, context) => {
      const record = await write(context, accountOperations.update, { accountId, input, options });
      return { id: record.id || accountId, record };
    },
    updateMyProfile: (_root, { input, options }, context) => write(context, profileOperations.update, { input, options }),
  },
};
