import { definedFields, deletedRecord, idOrNull, listOf, recordOf } from '../../decode';
import type { UpstreamCallInfo } from '../../errors';
import { defineOperation } from '../../operation';
import { booleanOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION, type RecordArgs } from './common';
import { type AgentRoleValue, type AvailabilityValue, availabilityOrNull, roleOrNull } from './profile';

/** An agent of an account (`api/v1/models/_agent`): a user and their membership. */
export interface AgentRecord {
  id: string;
  accountId: string | null;
  name: string | null;
  availableName: string | null;
  email: string | null;
  role: AgentRoleValue | null;
  availabilityStatus: AvailabilityValue | null;
  autoOffline: boolean | null;
  confirmed: boolean | null;
  thumbnail: string | null;
  customRoleId: string | null;
  provider: string | null;
}

/** Maps Chatwoot's agent partial. `accountId` stands in when the partial leaves it out (team members, say). */
export function toAgent(raw: JsonObject, accountId?: string): AgentRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    accountId: idOrNull(raw.account_id) ?? accountId ?? null,
    name: stringOrNull(raw.name),
    availableName: stringOrNull(raw.available_name),
    email: stringOrNull(raw.email),
    role: roleOrNull(raw.role),
    availabilityStatus: availabilityOrNull(raw.availability_status),
    autoOffline: booleanOrNull(raw.auto_offline),
    confirmed: booleanOrNull(raw.confirmed),
    thumbnail: stringOrNull(raw.thumbnail),
    customRoleId: idOrNull(raw.custom_role_id),
    provider: stringOrNull(raw.provider),
  };
}

/** An invitation: Chatwoot creates the user (unconfirmed) when the e-mail address is new, and the membership. */
export interface InviteAgentInput {
  name: string;
  email: string;
  role: AgentRoleValue;
  availability?: AvailabilityValue | null;
  autoOffline?: boolean | null;
}

export interface UpdateAgentInput {
  name?: string | null;
  role?: AgentRoleValue | null;
  availability?: AvailabilityValue | null;
  autoOffline?: boolean | null;
}

const AGENT_FIELDS = { name: 'name', email: 'email', role: 'role', availability: 'availability', autoOffline: 'auto_offline' };
const AGENTS = `${ACCOUNT_PATH}/agents` as const;
const AGENT = `${AGENTS}/{id}` as const;
const common = { ...APPLICATION, sets: 'both' } as const;

/** A list of agent partials of one account, bare or under `payload`. */
export function agentList(answer: unknown, call: UpstreamCallInfo, args: AccountArgs): AgentRecord[] {
  return listOf((raw) => toAgent(raw, args.accountId))(answer, call);
}

const oneAgent = (answer: unknown, call: UpstreamCallInfo, args: AccountArgs): AgentRecord =>
  recordOf((raw) => toAgent(raw, args.accountId))(answer, call);

export const agentOperations = {
  list: defineOperation<AccountArgs>()({
    ...common,
    operationId: 'get-account-agents',
    method: 'GET',
    path: AGENTS,
    params: { account_id: 'accountId' },
    role: 'ANY',
    decode: agentList,
    summary: "The account's agents and administrators.",
  }),
  invite: defineOperation<AccountArgs & { input: InviteAgentInput }>()({
    ...common,
    operationId: 'add-new-agent-to-account',
    method: 'POST',
    path: AGENTS,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body: (args) => definedFields(args.input, AGENT_FIELDS),
    decode: oneAgent,
    summary: 'Invites an agent (Chatwoot answers 402 past the plan\'s agent limit).',
  }),
  update: defineOperation<RecordArgs & { input: UpdateAgentInput }>()({
    ...common,
    operationId: 'update-agent-in-account',
    method: 'PATCH',
    path: AGENT,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    body: (args) => definedFields(args.input, AGENT_FIELDS),
    decode: oneAgent,
    summary: "Changes an agent's name, role or availability.",
  }),
  remove: defineOperation<RecordArgs>()({
    ...common,
    operationId: 'delete-agent-from-account',
    method: 'DELETE',
    path: AGENT,
    params: { account_id: 'accountId', id: 'id' },
    role: 'ADMINISTRATOR',
    decode: deletedRecord<RecordArgs>('id'),
    summary: 'Takes an agent out of the account (the user stays).',
  }),
};
