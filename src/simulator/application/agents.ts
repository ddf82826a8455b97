import { randomBytes } from 'node:crypto';
import { ok, type SimResponse, type SimRouter, unprocessable } from '../http';
import { error, onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator, wrapped, type AccountRequest } from './auth';
import type { ApplicationStore, SimAccountUser, SimAvailability, SimRole } from './store';
import { agentView } from './structureViews';

const ROLES: readonly string[] = ['agent', 'administrator'];
const AVAILABILITIES: readonly string[] = ['online', 'busy', 'offline'];
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * `/api/v1/accounts/{id}/agents`: the list for every member, ordered by name; changes for administrators. The
 * controller fetches the agent before Pundit runs, and checks the plan's agent limit (402) before inviting.
 */
export function registerAgentRoutes(router: SimRouter, store: ApplicationStore): void {
  const find = (req: AccountRequest): SimAccountUser | undefined => {
    const id = pathId(req);
    return store.membersOf(req.account.id).find((member) => member.userId === id);
  };
  const name = (member: SimAccountUser) => store.users.get(member.userId)?.name ?? '';

  onAccount(store, router, 'GET', '/agents', (req) =>
    ok([...store.membersOf(req.account.id)].sort((a, b) => name(a).localeCompare(name(b))).map((m) => agentView(store, m))),
  );

  onAccount(store, router, 'POST', '/agents', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const limit = store.structure.agentLimits.get(req.account.id);
    if (limit !== undefined && store.membersOf(req.account.id).length >= limit) {
      return error(402, 'Account limit exceeded. Please purchase more licenses');
    }
    const fields = wrapped(req, 'agent');
    const email = typeof fields.email === 'string' ? fields.email.toLowerCase() : '';
    if (!EMAIL.test(email)) return unprocessable(['Email is invalid'], ['email']);
    const role = typeof fields.role === 'string' ? fields.role : 'agent';
    if (!ROLES.includes(role)) return error(422, `'${role}' is not a valid role`);
    let user = [...store.users.values()].find((u) => u.email === email);
    if (user && store.membership(req.account.id, user.id)) return unprocessable(['User has already been taken'], ['user']);
    // AgentBuilder: a new address becomes an unconfirmed user who gets an invitation.
    user ??= store.addUser({
      name: typeof fields.name === 'string' && fields.name !== '' ? fields.name : email.split('@')[0]!,
      email,
      accessToken: randomBytes(12).toString('hex'),
      pubsubToken: randomBytes(12).toString('hex'),
      confirmed: false,
    });
    const member = store.addMember(req.account, user, role as SimRole);
    const changed = applyMembership(member, fields);
    return changed ?? ok(agentView(store, member));
  });

  onAccount(store, router, 'PATCH', '/agents/:id', (req) => {
    const member = find(req);
    if (!member) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const fields = wrapped(req, 'agent');
    const invalid = applyMembership(member, fields);
    if (invalid) return invalid;
    const user = store.users.get(member.userId);
    if (user && typeof fields.name === 'string' && fields.name !== '') user.name = fields.name;
    return ok(agentView(store, member));
  });

  onAccount(store, router, 'DELETE', '/agents/:id', (req) => {
    const member = find(req);
    if (!member) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    store.accountUsers.splice(store.accountUsers.indexOf(member), 1);
    // Leaving the account takes the user out of its teams and inboxes too.
    const teams = new Set(store.teams.filter((t) => t.accountId === req.account.id).map((t) => t.id));
    removeWhere(store.teamMembers, (m) => m.userId === member.userId && teams.has(m.teamId));
    removeWhere(store.inboxMembers, (m) => m.userId === member.userId);
    return ok();
  });
}

/** Role, availability and auto-offline of a membership; Rails' enum error (422) for an unknown value. */
function applyMembership(member: SimAccountUser, fields: Record<string, unknown>): SimResponse | null {
  if (typeof fields.role === 'string') {
    if (!ROLES.includes(fields.role)) return error(422, `'${fields.role}' is not a valid role`);
    member.role = fields.role as SimRole;
  }
  if (typeof fields.availability === 'string') {
    if (!AVAILABILITIES.includes(fields.availability)) return error(422, `'${fields.availability}' is not a valid availability`);
    member.availability = fields.availability as SimAvailability;
  }
  if (typeof fields.auto_offline === 'boolean') member.autoOffline = fields.auto_offline;
  return null;
}

/** Removes, in place, the items of `list` that match. */
export function removeWhere<T>(list: T[], match: (item: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (match(list[i]!)) list.splice(i, 1);
}
