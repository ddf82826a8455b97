import { randomBytes } from 'node:crypto';
import { notFound, ok, type SimRequest, type SimResponse, type SimRouter, unprocessable } from '../http';
import type { JsonObject } from '../store';
import { error, pathId } from '../application/auth';
import type { ApplicationStore, SimAccount, SimUser } from '../application/store';
import { accountView, profileView } from '../application/views';

/**
 * The Platform API (`/platform/api/v1/...`) as PlatformController answers it: a Platform App token only (anything
 * else is 401 "Invalid access_token"), Rails' plain 404 for an unknown record, and 401 "Non permissible resource"
 * for a record the app did not create or attach. Accounts and users are the Application API's own records, so an
 * account provisioned here is one agents then use.
 */

/** The simulator's Platform App, its token printed in the banner when the Platform API is on. */
export const PLATFORM_DEMO = { appName: 'Provisioning (demo)', token: 'demoPlatformToken24Chars' } as const;

type Permissible = 'Account' | 'User' | 'AgentBot';

interface PlatformBot {
  id: number;
  accountId: number | null;
  name: string;
  description: string | null;
  outgoingUrl: string | null;
  avatarUrl: string | null;
  /** The bot's own API token: Chatwoot's view shows it, the gateway must not. */
  accessToken: string;
}

export class PlatformStore {
  readonly apps = new Map<string, { id: number; name: string }>();
  readonly permissibles: { appId: number; type: Permissible; id: number }[] = [];
  readonly bots: PlatformBot[] = [];
  private nextBotId = 1000;

  constructor(readonly application: ApplicationStore) {}

  addApp(name: string, token: string): number {
    const id = this.apps.size + 1;
    this.apps.set(token, { id, name });
    this.application.tokens.set(token, { type: 'PlatformApp', id });
    return id;
  }

  permit(appId: number, type: Permissible, id: number): void {
    if (!this.permits(appId, type, id)) this.permissibles.push({ appId, type, id });
  }

  permits(appId: number, type: Permissible, id: number): boolean {
    return this.permissibles.some((p) => p.appId === appId && p.type === type && p.id === id);
  }

  addBot(fields: Omit<PlatformBot, 'id' | 'accessToken'>): PlatformBot {
    const bot = { ...fields, id: this.nextBotId++, accessToken: randomBytes(12).toString('hex') };
    this.bots.push(bot);
    return bot;
  }
}

const INVALID_TOKEN = error(401, 'Invalid access_token');
const NOT_PERMISSIBLE = error(401, 'Non permissible resource');

type PlatformHandler = (req: SimRequest, appId: number) => SimResponse;

export function registerPlatformRoutes(router: SimRouter, platform: PlatformStore): void {
  const app = platform.application;
  const on = (method: string, template: string, handler: PlatformHandler) =>
    router.on(method, `/platform/api/v1${template}`, (req) => {
      const header = req.headers['api_access_token'] ?? req.headers['api-access-token'];
      const token = Array.isArray(header) ? header[0] : header;
      const found = token ? platform.apps.get(token) : undefined;
      return found ? handler(req, found.id) : INVALID_TOKEN;
    });
  /** Runs `then` on the record the path names, after Chatwoot's lookup and permissible checks. */
  const guard = <T>(type: Permissible, find: (id: number) => T | undefined, name = 'id') =>
    (then: (record: T, req: SimRequest, appId: number) => SimResponse): PlatformHandler =>
    (req, appId) => {
      const id = pathId(req, name);
      const record = id === null ? undefined : find(id);
      if (record === undefined || id === null) return notFound();
      if (!platform.permits(appId, type, id)) return NOT_PERMISSIBLE;
      return then(record, req, appId);
    };
  const account = guard<SimAccount>('Account', (id) => app.accounts.get(id), 'account_id');
  const user = guard<SimUser>('User', (id) => app.users.get(id));
  const bot = guard<PlatformBot>('AgentBot', (id) => platform.bots.find((b) => b.id === id));

  on('POST', '/accounts', (req, appId) => {
    if (typeof req.body.name !== 'string' || req.body.name.trim() === '') return unprocessable(["Name can't be blank"], ['name']);
    const created = app.addAccount({ name: req.body.name });
    applyAccount(created, req.body);
    platform.permit(appId, 'Account', created.id);
    return ok(platformAccountView(created));
  });
  on('GET', '/accounts/:account_id', account((record) => ok(platformAccountView(record))));
  on('PATCH', '/accounts/:account_id', account((record, req) => {
    applyAccount(record, req.body);
    return ok(platformAccountView(record));
  }));
  on('DELETE', '/accounts/:account_id', account((record) => {
    app.accounts.delete(record.id);
    return ok();
  }));

  on('GET', '/accounts/:account_id/account_users', account((record) => ok(app.membersOf(record.id).map(accountUserView))));
  on('POST', '/accounts/:account_id/account_users', account((record, req) => {
    const member = app.users.get(Number(req.body.user_id));
    if (!member) return notFound();
    const role = req.body.role === 'administrator' ? 'administrator' : 'agent';
    const existing = app.membership(record.id, member.id);
    if (existing) existing.role = role;
    return ok(accountUserView(existing ?? app.addMember(record, member, role)));
  }));
  on('DELETE', '/accounts/:account_id/account_users', account((record, req) => {
    const index = app.accountUsers.findIndex((m) => m.accountId === record.id && m.userId === Number(req.body.user_id));
    if (index !== -1) app.accountUsers.splice(index, 1);
    return ok();
  }));

  on('GET', '/agent_bots', (_req, appId) => ok(platform.bots.filter((b) => platform.permits(appId, 'AgentBot', b.id)).map(botView)));
  on('POST', '/agent_bots', (req, appId) => {
    if (typeof req.body.name !== 'string' || req.body.name.trim() === '') return unprocessable(["Name can't be blank"], ['name']);
    const created = platform.addBot({ accountId: null, name: req.body.name, description: null, outgoingUrl: null, avatarUrl: null });
    applyBot(created, req.body);
    platform.permit(appId, 'AgentBot', created.id);
    return ok(botView(created));
  });
  on('GET', '/agent_bots/:id', bot((record) => ok(botView(record))));
  on('PATCH', '/agent_bots/:id', bot((record, req) => {
    applyBot(record, req.body);
    return ok(botView(record));
  }));
  on('DELETE', '/agent_bots/:id', bot((record) => {
    platform.bots.splice(platform.bots.indexOf(record), 1);
    return ok();
  }));

  on('POST', '/users', (req, appId) => {
    const email = typeof req.body.email === 'string' ? req.body.email.toLowerCase() : '';
    if (email === '') return unprocessable(["Email can't be blank"], ['email']);
    // User.from_email(...) || User.new: an existing user is attached to the app rather than created.
    let record = [...app.users.values()].find((candidate) => candidate.email === email);
    if (!record) {
      if (typeof req.body.name !== 'string' || req.body.name.trim() === '') return unprocessable(["Name can't be blank"], ['name']);
      record = app.addUser({ name: req.body.name, email, accessToken: randomBytes(12).toString('hex'), pubsubToken: randomBytes(12).toString('hex') });
    }
    applyUser(record, req.body);
    platform.permit(appId, 'User', record.id);
    return ok(profileView(app, record));
  });
  on('GET', '/users/:id', user((record) => ok(profileView(app, record))));
  on('PATCH', '/users/:id', user((record, req) => {
    applyUser(record, req.body);
    return ok(profileView(app, record));
  }));
  on('DELETE', '/users/:id', user((record) => {
    app.users.delete(record.id);
    app.tokens.delete(record.accessToken);
    return ok();
  }));
  on('GET', '/users/:id/login', user((record, req) => {
    const token = randomBytes(16).toString('hex');
    return ok({ url: `${req.origin}/app/login?email=${encodeURIComponent(record.email)}&sso_auth_token=${token}` });
  }));
}

function applyAccount(account: SimAccount, body: JsonObject): void {
  if (typeof body.name === 'string') account.name = body.name;
  if (typeof body.locale === 'string') account.locale = body.locale;
  if (typeof body.domain === 'string') account.domain = body.domain;
  if (typeof body.support_email === 'string') account.supportEmail = body.support_email;
  if (body.status === 'active' || body.status === 'suspended') account.status = body.status;
  if (isObject(body.custom_attributes)) account.customAttributes = { ...account.customAttributes, ...body.custom_attributes };
  if (isObject(body.limits)) account.settings = { ...account.settings, limits: body.limits };
  if (isObject(body.features)) {
    for (const [name, on] of Object.entries(body.features)) if (typeof on === 'boolean') account.features[name] = on;
  }
}

function applyBot(bot: PlatformBot, body: JsonObject): void {
  if (typeof body.name === 'string') bot.name = body.name;
  if (typeof body.description === 'string') bot.description = body.description;
  if (typeof body.outgoing_url === 'string') bot.outgoingUrl = body.outgoing_url;
  if (typeof body.avatar_url === 'string') bot.avatarUrl = body.avatar_url;
  if (typeof body.account_id === 'number') bot.accountId = body.account_id;
}

function applyUser(user: SimUser, body: JsonObject): void {
  if (typeof body.name === 'string') user.name = body.name;
  if (typeof body.display_name === 'string') user.displayName = body.display_name;
  if (isObject(body.custom_attributes)) user.customAttributes = { ...user.customAttributes, ...body.custom_attributes };
}

function platformAccountView(account: SimAccount): JsonObject {
  const view = accountView(account);
  return {
    id: view.id,
    name: view.name,
    locale: view.locale,
    domain: view.domain,
    support_email: view.support_email,
    features: view.features,
    custom_attributes: view.custom_attributes,
    limits: (account.settings.limits as JsonObject | undefined) ?? {},
    status: view.status,
  };
}

/** The raw account_users row, as the Platform API renders it. */
function accountUserView(member: { accountId: number; userId: number; role: string; availability: string; autoOffline: boolean; activeAt: Date | null }): JsonObject {
  return {
    id: member.accountId * 1000 + member.userId,
    account_id: member.accountId,
    user_id: member.userId,
    role: member.role,
    inviter_id: null,
    created_at: '2026-01-05T09:00:00.000Z',
    updated_at: '2026-01-05T09:00:00.000Z',
    active_at: member.activeAt?.toISOString() ?? null,
    availability: member.availability,
    auto_offline: member.autoOffline,
    custom_role_id: null,
  };
}

function botView(bot: PlatformBot): JsonObject {
  return {
    id: bot.id,
    name: bot.name,
    description: bot.description,
    thumbnail: bot.avatarUrl ?? '',
    outgoing_url: bot.outgoingUrl,
    bot_type: 'webhook',
    bot_config: {},
    account_id: bot.accountId,
    access_token: bot.accessToken,
    system_bot: bot.accountId === null,
  };
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
