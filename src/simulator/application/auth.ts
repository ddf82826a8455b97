import { type SimHandler, type SimRequest, type SimResponse, type SimRouter } from '../http';
import type { ApplicationStore, SimAccount, SimAccountUser, SimUser } from './store';

/**
 * Chatwoot's check order for `/api/v1/accounts/{id}/...` (Api::V1::Accounts::BaseController and its concerns), with
 * its production bodies: no token, an unknown token, a bot outside its endpoints, an unknown account, a suspended
 * account, a non-member, and the account's API feature, in that order; the controller's own checks come after.
 */

export const error = (status: number, message: string): SimResponse => ({ status, body: { error: message } });

export const SIGN_IN = { status: 401, body: { errors: ['You need to sign in or sign up before continuing.'] } } satisfies SimResponse;
export const INVALID_TOKEN = error(401, 'Invalid Access Token');
export const RECORD_NOT_FOUND = error(404, 'Resource could not be found');
export const NOT_AUTHORIZED = error(401, 'You are not authorized to do this action');

/** What an account route's handler knows once Chatwoot's checks passed. */
export interface AccountRequest extends SimRequest {
  readonly account: SimAccount;
  readonly user: SimUser;
  readonly member: SimAccountUser;
}

export type AccountHandler = (request: AccountRequest) => SimResponse;

/** The caller's user, or the answer Chatwoot gives when there is none. */
export function authenticate(store: ApplicationStore, req: SimRequest): SimUser | SimResponse {
  const header = req.headers['api_access_token'] ?? req.headers['api-access-token'];
  const token = Array.isArray(header) ? header[0] : header;
  if (!token) return SIGN_IN;
  const owner = store.tokens.get(token);
  if (!owner) return INVALID_TOKEN;
  // Agent bots reach only the conversation endpoints Chatwoot lists for them; none of the simulator's routes so far.
  if (owner.type === 'AgentBot') return error(401, 'Access to this endpoint is not authorized for bots');
  if (owner.type !== 'User') return INVALID_TOKEN;
  return store.users.get(owner.id) ?? INVALID_TOKEN;
}

export function isResponse(value: unknown): value is SimResponse {
  return typeof value === 'object' && value !== null && 'status' in value && typeof (value as SimResponse).status === 'number';
}

/** Registers an account-scoped route: Chatwoot's checks run before the handler. */
export function onAccount(store: ApplicationStore, router: SimRouter, method: string, template: string, handler: AccountHandler): void {
  router.on(method, `/api/v1/accounts/:account_id${template}`, accountGuard(store, handler));
}

function accountGuard(store: ApplicationStore, handler: AccountHandler): SimHandler {
  return (req) => {
    const user = authenticate(store, req);
    if (isResponse(user)) return user;
    const account = /^\d+$/.test(req.params.account_id ?? '') ? store.accounts.get(Number(req.params.account_id)) : undefined;
    if (!account) return RECORD_NOT_FOUND;
    if (account.status === 'suspended') return error(401, 'Account is suspended');
    const member = store.membership(account.id, user.id);
    if (!member) return error(401, 'You are not authorized to access this account');
    if (!account.features.api_and_webhooks) return error(403, 'API access is not enabled for this account');
    return handler({ ...req, account, user, member });
  };
}

/** Pundit's answer for a role check: null when the caller is an administrator. */
export function requireAdministrator(req: AccountRequest): SimResponse | null {
  return req.member.role === 'administrator' ? null : NOT_AUTHORIZED;
}

/** A record id from the path, or null (Chatwoot's find raises RecordNotFound, answered 404). */
export function pathId(req: SimRequest, name = 'id'): number | null {
  const raw = req.params[name] ?? '';
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/** Rails' `params.require(:key)`: the wrapped hash, or the flat body that wrap_parameters would wrap. */
export function wrapped(req: SimRequest, key: string): Record<string, unknown> {
  const value = req.body[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : req.body;
}

export const noContent = (): SimResponse => ({ status: 204 });

/** Registers a route of Chatwoot's v2 API (`/api/v2/accounts/{id}/...`, the reports): the same checks run first. */
export function onAccountV2(store: ApplicationStore, router: SimRouter, method: string, template: string, handler: AccountHandler): void {
  router.on(method, `/api/v2/accounts/:account_id${template}`, accountGuard(store, handler));
}
