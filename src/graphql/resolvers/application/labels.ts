import { labelOperations } from '../../../chatwoot/operations/application/labels';
import type { Resolvers } from '../../../generated/graphql';
import { read, write } from './run';

/** Labels: the account's list and single labels, and their mutations. */
export const labelResolvers: Resolvers = {
  Account: {
    labels: (account, { options }, context) => read(context, labelOperations.list, { accountId: account.id, options }),
    label: (account, { id, options }, context) => read(context, labelOperations.get, { accountId: account.id, id, options }),
  },
  Mutation: {
    createLabel: (_root, args, context) => write(context, labelOperations.create, args),
    updateLabel: (_root, args, context) => write(context, labelOperations.update, args),
    deleteLabel: (_root, args, context) => write(context, labelOperations.delete, args),
  },
};
