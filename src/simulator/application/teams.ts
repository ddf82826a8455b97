import { ok, type SimResponse, type SimRouter, unprocessable } from '../http';
import { removeWhere } from './agents';
import { error, onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator, wrapped, type AccountRequest } from './auth';
import type { ApplicationStore, SimTeam } from './store';
import { agentView, teamView } from './structureViews';

/**
 * `/api/v1/accounts/{id}/teams` and their `team_members`: the team is fetched before Pundit runs; member changes name
 * users by id, and ids that are not agents of the account answer 401 "Invalid User IDs". PATCH replaces the members,
 * DELETE answers 200 with no body.
 */
export function registerTeamRoutes(router: SimRouter, store: ApplicationStore): void {
  const find = (req: AccountRequest): SimTeam | undefined => {
    const id = pathId(req, 'team_id');
    return store.teams.find((team) => team.accountId === req.account.id && team.id === id);
  };
  const view = (req: AccountRequest, team: SimTeam) => teamView(store, team, req.user.id);
  const membersOf = (req: AccountRequest, team: SimTeam) =>
    store.teamMembers
      .filter((m) => m.teamId === team.id)
      .map((m) => store.membership(req.account.id, m.userId))
      .filter((m) => m !== undefined)
      .map((m) => agentView(store, m));

  onAccount(store, router, 'GET', '/teams', (req) => ok(store.teams.filter((t) => t.accountId === req.account.id).map((t) => view(req, t))));

  onAccount(store, router, 'POST', '/teams', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const team: SimTeam = { id: 0, accountId: req.account.id, name: '', description: null, allowAutoAssign: true };
    const invalid = apply(store, team, wrapped(req, 'team'), true);
    if (invalid) return invalid;
    team.id = store.nextId('teams');
    store.teams.push(team);
    return ok(view(req, team));
  });

  onAccount(store, router, 'GET', '/teams/:team_id', (req) => {
    const team = find(req);
    return team ? ok(view(req, team)) : RECORD_NOT_FOUND;
  });

  onAccount(store, router, 'PATCH', '/teams/:team_id', (req) => {
    const team = find(req);
    if (!team) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    return apply(store, team, wrapped(req, 'team'), false) ?? ok(view(req, team));
  });

  onAccount(store, router, 'DELETE', '/teams/:team_id', (req) => {
    const team = find(req);
    if (!team) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    store.teams.splice(store.teams.indexOf(team), 1);
    removeWhere(store.teamMembers, (m) => m.teamId === team.id);
    return ok();
  });

  onAccount(store, router, 'GET', '/teams/:team_id/team_members', (req) => {
    const team = find(req);
    return team ? ok(membersOf(req, team)) : RECORD_NOT_FOUND;
  });

  /** The checks every member change runs: team, Pundit, then the ids. */
  const change = (req: AccountRequest, act: (team: SimTeam, ids: number[]) => SimResponse) => {
    const team = find(req);
    if (!team) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const ids = userIds(req.body.user_ids);
    if (ids === null) return error(422, 'param is missing or the value is empty: user_ids');
    if (ids.some((id) => !store.membership(req.account.id, id))) return error(401, 'Invalid User IDs');
    return act(team, ids);
  };

  onAccount(store, router, 'POST', '/teams/:team_id/team_members', (req) =>
    change(req, (team, ids) => {
      const added = ids.filter((id) => !store.teamMembers.some((m) => m.teamId === team.id && m.userId === id));
      for (const id of added) store.teamMembers.push({ teamId: team.id, userId: id });
      return ok(added.map((id) => agentView(store, store.membership(req.account.id, id)!)));
    }),
  );

  onAccount(store, router, 'PATCH', '/teams/:team_id/team_members', (req) =>
    change(req, (team, ids) => {
      removeWhere(store.teamMembers, (m) => m.teamId === team.id && !ids.includes(m.userId));
      for (const id of ids) if (!store.teamMembers.some((m) => m.teamId === team.id && m.userId === id)) store.teamMembers.push({ teamId: team.id, userId: id });
      return ok(membersOf(req, team));
    }),
  );

  onAccount(store, router, 'DELETE', '/teams/:team_id/team_members', (req) =>
    change(req, (team, ids) => {
      removeWhere(store.teamMembers, (m) => m.teamId === team.id && ids.includes(m.userId));
      return ok();
    }),
  );
}

/** `params[:user_ids]` as integers, or null when missing or empty (Rails' require). */
export function userIds(value: unknown): number[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.map((id) => Number(id)).filter((id) => Number.isInteger(id) && id > 0);
}

function apply(store: ApplicationStore, team: SimTeam, fields: Record<string, unknown>, creating: boolean): SimResponse | null {
  const name = typeof fields.name === 'string' ? fields.name.trim() : creating ? '' : team.name;
  if (name === '') return unprocessable(["Name can't be blank"], ['name']);
  if (store.teams.some((other) => other !== team && other.accountId === team.accountId && other.name.toLowerCase() === name.toLowerCase())) {
    return unprocessable(['Name has already been taken'], ['name']);
  }
  team.name = name;
  if (typeof fields.description === 'string' || fields.description === null) team.description = fields.description;
  if (typeof fields.allow_auto_assign === 'boolean') team.allowAutoAssign = fields.allow_auto_assign;
  return null;
}
