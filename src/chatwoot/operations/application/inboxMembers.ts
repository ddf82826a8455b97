import { defineOperation, recordId } from '../../operation';
import { agentList } from './agents';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION } from './common';
import { type MemberIdsArgs, userIdList } from './memberIds';
import type { RemovedMembersRecord } from './teams';

/**
 * The agents of an inbox (`/inbox_members`): the inbox is named in the body for changes and in the path for the list,
 * and every answer with agents is `{payload: [...]}`.
 */

type InboxArgs = AccountArgs & { inboxId: string };
type MembersArgs = InboxArgs & MemberIdsArgs;

const MEMBERS = `${ACCOUNT_PATH}/inbox_members` as const;
const common = { ...APPLICATION, sets: 'both' } as const;
// The document types inbox_id as an integer on POST and a string on PATCH/DELETE; Rails reads either, so one shape.
const body = (args: MembersArgs) => ({ inbox_id: Number(recordId(args.inboxId, 'inboxId')), user_ids: userIdList(args.userIds, 'userIds') });

export const inboxMemberOperations = {
  list: defineOperation<InboxArgs>()({
    ...common,
    operationId: 'get-inbox-members',
    method: 'GET',
    path: `${MEMBERS}/{inbox_id}`,
    params: { account_id: 'accountId', inbox_id: 'inboxId' },
    role: 'ANY',
    decode: agentList,
    summary: "The inbox's agents (the caller must work in the inbox).",
  }),
  add: defineOperation<MembersArgs>()({
    ...common,
    operationId: 'add-new-agent-to-inbox',
    method: 'POST',
    path: MEMBERS,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body,
    decode: agentList,
    summary: 'Adds agents to an inbox; answers with its agents.',
  }),
  set: defineOperation<MembersArgs>()({
    ...common,
    operationId: 'update-agents-in-inbox',
    method: 'PATCH',
    path: MEMBERS,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body,
    decode: agentList,
    summary: "Replaces the inbox's agents with the ones named.",
  }),
  remove: defineOperation<MembersArgs>()({
    ...common,
    operationId: 'delete-agent-in-inbox',
    method: 'DELETE',
    path: MEMBERS,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body,
    decode: (_answer, _call, args): RemovedMembersRecord => ({ userIds: userIdList(args.userIds, 'userIds').map(String) }),
    summary: 'Takes agents out of an inbox (Chatwoot answers 200 with no body).',
  }),
};
