import { accountOperations } from '../../../chatwoot/operations/application/accounts';
import { labelOperations } from '../../../chatwoot/operations/application/labels';
import { profileOperations } from '../../../chatwoot/operations/application/profile';
import { bindField, type OperationEntry } from '../../fieldBinding';

/**
 * Which field of the graph runs which declared Application API operation: the README's table, the coverage test and
 * the contract test read this list. A resource adds its lines here when it adds its resolvers.
 */
export const APPLICATION_FIELD_OPERATIONS: readonly OperationEntry[] = [
  // A02 Profile, A01 Account
  bindField('Query.me', profileOperations.get),
  bindField('Mutation.updateMyProfile', profileOperations.update),
  bindField('Account.name', accountOperations.get),
  bindField('Mutation.updateAccount', accountOperations.update),
  // A12 Labels
  bindField('Account.labels', labelOperations.list),
  bindField('Mutation.createLabel', labelOperations.create),
  bindField('Account.label', labelOperations.get),
  bindField('Mutation.updateLabel', labelOperations.update),
  bindField('Mutation.deleteLabel', labelOperations.delete),
];
