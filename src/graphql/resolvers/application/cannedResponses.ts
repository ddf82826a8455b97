import { cannedResponseOperations } from '../../../chatwoot/operations/application/cannedResponses';
import type { Resolvers } from '../../../generated/graphql';
import { read, write } from './run';

/** Canned responses: any member reads and changes them (Chatwoot has no policy for them). */
export const cannedResponseResolvers: Resolvers = {
  Account: {
    cannedResponses: (account, { search, options }, context) =>
      read(context, cannedResponseOperations.list, { accountId: account.id, search, options }),
  },
  Mutation: {
    createCannedResponse: (_root, args, context) => write(context, cannedResponseOperations.create, args),
    updateCannedResponse: (_root, args, context) => write(context, cannedResponseOperations.update, args),
    deleteCannedResponse: (_root, args, context) => write(context, cannedResponseOperations.delete, args),
  },
};
