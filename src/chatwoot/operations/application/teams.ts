import { definedFields, deletedRecord, idOrNull, listOf, recordOf } from '../../decode';
import type { UpstreamCallInfo } from '../../errors';
import { defineOperation } from '../../operation';
import { booleanOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { agentList } from './agents';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION } from './common';
import { type MemberIdsArgs, userIdList } from './memberIds';

/** A team of an account (`api/v1/models/_team`). */
export interface TeamRecord {
  id: string;
  accountId: string | null;
  name: string | null;
  description: string | null;
  allowAutoAssign: boolean | null;
  icon: string | null;
  iconColor: string | null;
  /** Whether the caller belongs to the team (Chatwoot computes it for the current user). */
  isMember: boolean | null;
}

export function toTeam(raw: JsonObject, accountId?: string): TeamRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    accountId: idOrNull(raw.account_id) ?? accountId ?? null,
    name: stringOrNull(raw.name),
    description: stringOrNull(raw.description),
    allowAutoAssign: booleanOrNull(raw.allow_auto_assign),
    icon: stringOrNull(raw.icon),
    iconColor: stringOrNull(raw.icon_color),
    isMember: booleanOrNull(raw.is_member),
  };
}

export interface TeamInput {
  name?: string | null;
  description?: string | null;
  allowAutoAssign?: boolean | null;
}

/** Arguments naming one team: Chatwoot's team routes call the id `team_id`. */
export interface TeamArgs extends AccountArgs {
  readonly teamId: string;
}

const TEAM_FIELDS = { name: 'name', description: 'description', allowAutoAssign: 'allow_auto_assign' };
const TEAMS = `${ACCOUNT_PATH}/teams` as const;
const TEAM = `${TEAMS}/{team_id}` as const;
const MEMBERS = `${TEAM}/team_members` as const;
const common = { ...APPLICATION, sets: 'both' } as const;
const team = (answer: unknown, call: UpstreamCallInfo, args: AccountArgs) => recordOf((raw) => toTeam(raw, args.accountId))(answer, call);
const members = (args: MemberIdsArgs) => ({ user_ids: userIdList(args.userIds, 'userIds') });
type MembersArgs = TeamArgs & MemberIdsArgs;

/** What taking members out answers: the ids of the users named (Chatwoot's own answer is empty). */
export interface RemovedMembersRecord {
  userIds: string[];
}


export const teamOperations = {
  list: defineOperation<AccountArgs>()({
    ...common,
    operationId: 'list-all-teams',
    method: 'GET',
    path: TEAMS,
    params: { account_id: 'accountId' },
    role: 'ANY',
    decode: (answer, call, args) => listOf((raw) => toTeam(raw, args.accountId))(answer, call),
    summary: "The account's teams.",
  }),
  get: defineOperation<TeamArgs>()({
    ...common,
    operationId: 'get-details-of-a-single-team',
    method: 'GET',
    path: TEAM,
    params: { account_id: 'accountId', team_id: 'teamId' },
    role: 'ANY',
    decode: team,
    summary: 'One team.',
  }),
  create: defineOperation<AccountArgs & { input: TeamInput }>()({
    ...common,
    operationId: 'create-a-team',
    method: 'POST',
    path: TEAMS,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body: (args) => definedFields(args.input, TEAM_FIELDS),
    decode: team,
    summary: 'Creates a team.',
  }),
  update: defineOperation<TeamArgs & { input: TeamInput }>()({
    ...common,
    operationId: 'update-a-team',
    method: 'PATCH',
    path: TEAM,
    params: { account_id: 'accountId', team_id: 'teamId' },
    role: 'ADMINISTRATOR',
    body: (args) => definedFields(args.input, TEAM_FIELDS),
    decode: team,
    summary: 'Changes a team.',
  }),
  delete: defineOperation<TeamArgs>()({
    ...common,
    operationId: 'delete-a-team',
    method: 'DELETE',
    path: TEAM,
    params: { account_id: 'accountId', team_id: 'teamId' },
    role: 'ADMINISTRATOR',
    decode: deletedRecord<TeamArgs>('teamId'),
    summary: 'Deletes a team; its conversations stay, unassigned from it.',
  }),
  members: defineOperation<TeamArgs>()({
    ...common,
    operationId: 'get-team-members',
    method: 'GET',
    path: MEMBERS,
    params: { account_id: 'accountId', team_id: 'teamId' },
    role: 'ANY',
    decode: agentList,
    summary: "The team's agents (a bare list).",
  }),
  addMembers: defineOperation<MembersArgs>()({
    ...common,
    operationId: 'add-new-agent-to-team',
    method: 'POST',
    path: MEMBERS,
    params: { account_id: 'accountId', team_id: 'teamId' },
    role: 'ADMINISTRATOR',
    body: members,
    decode: agentList,
    summary: 'Adds agents to a team; answers with the agents added.',
  }),
  setMembers: defineOperation<MembersArgs>()({
    ...common,
    operationId: 'update-agents-in-team',
    method: 'PATCH',
    path: MEMBERS,
    params: { account_id: 'accountId', team_id: 'teamId' },
    role: 'ADMINISTRATOR',
    body: members,
    decode: agentList,
    summary: "Replaces the team's agents with the ones named.",
  }),
  removeMembers: defineOperation<MembersArgs>()({
    ...common,
    operationId: 'delete-agent-in-team',
    method: 'DELETE',
    path: MEMBERS,
    params: { account_id: 'accountId', team_id: 'teamId' },
    role: 'ADMINISTRATOR',
    body: members,
    decode: (_answer, _call, args): RemovedMembersRecord => ({ userIds: userIdList(args.userIds, 'userIds').map(String) }),
    summary: 'Takes agents out of a team (Chatwoot answers 200 with no body).',
  }),
};
