import { recordOf } from '../../decode';
import { defineOperation } from '../../operation';
import { ACCOUNT_PATH, APPLICATION, type RecordArgs } from './common';
import { toAccountInbox } from './inboxes';

/**
 * The one inbox read conversations and contact inboxes need (`AccountConversation.inbox`, `ContactInbox.clientContact`).
 * The inbox group's own operations live with that group; this is the same endpoint, declared here so that these joins
 * do not wait for it.
 */
export const inboxReadOperation = defineOperation<RecordArgs>()({
  ...APPLICATION,
  sets: 'both',
  operationId: 'GetInbox',
  method: 'GET',
  path: `${ACCOUNT_PATH}/inboxes/{id}`,
  params: { account_id: 'accountId', id: 'id' },
  role: 'ANY',
  decode: (answer, call, args) => recordOf((raw) => toAccountInbox(raw, args.accountId))(answer, call),
  summary: 'One inbox (members of it, and administrators).',
});
