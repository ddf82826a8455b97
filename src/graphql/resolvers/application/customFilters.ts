import { customFilterOperations } from '../../../chatwoot/operations/application/customFilters';
import type { CustomFilterType, Resolvers } from '../../../generated/graphql';
import { enumName, enumValue, read, write } from './run';

type Maybe<T> = T | null | undefined;

/** A filter input with its kind as Chatwoot's value. */
function filterFields<T extends { type?: Maybe<CustomFilterType> }>(input: T) {
  return { ...input, type: input.type ? enumValue(input.type) : input.type };
}

/** Saved filters: Chatwoot scopes every one of these calls to the caller's own filters. */
export const customFilterResolvers: Resolvers = {
  Account: {
    customFilters: (account, { type, options }, context) =>
      read(context, customFilterOperations.list, { accountId: account.id, type: type ? enumValue(type) : null, options }),
    customFilter: (account, { id, options }, context) =>
      read(context, customFilterOperations.get, { accountId: account.id, id, options }),
  },
  CustomFilter: {
    type: (filter) => enumName<CustomFilterType>(filter.type),
  },
  Mutation: {
    createCustomFilter: (_root, { accountId, input, options }, context) =>
      write(context, customFilterOperations.create, { accountId, input: filterFields(input), options }),
    updateCustomFilter: (_root, { accountId, id, input, options }, context) =>
      write(context, customFilterOperations.update, { accountId, id, input: filterFields(input), options }),
    deleteCustomFilter: (_root, args, context) => write(context, customFilterOperations.delete, args),
  },
};
