import { randomBytes } from 'node:crypto';
import { ok, type SimRouter, unprocessable } from '../http';
import { removeWhere } from './agents';
import { onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator, wrapped, type AccountRequest } from './auth';
import type { SimAgentBot } from './records';
import type { ApplicationStore } from './store';
import { agentBotView } from './structureViews';

/**
 * `/api/v1/accounts/{id}/agent_bots`: Pundit runs before the bot is looked up. Members see the account's bots and
 * the installation's system bots; only the account's own bots can be changed or deleted (a system bot is not found
 * there). Administrators get the bot's access token and secret in every view.
 */
export function registerAgentBotRoutes(router: SimRouter, store: ApplicationStore): void {
  const bots = store.structure.agentBots;
  const visible = (req: AccountRequest) => bots.filter((bot) => bot.accountId === null || bot.accountId === req.account.id);
  const own = (req: AccountRequest) => bots.find((bot) => bot.accountId === req.account.id && bot.id === pathId(req));
  const view = (req: AccountRequest, bot: SimAgentBot) => agentBotView(bot, req.member.role === 'administrator');

  onAccount(store, router, 'GET', '/agent_bots', (req) => ok(visible(req).map((bot) => view(req, bot))));

  onAccount(store, router, 'GET', '/agent_bots/:id', (req) => {
    const bot = visible(req).find((b) => b.id === pathId(req));
    return bot ? ok(view(req, bot)) : RECORD_NOT_FOUND;
  });

  onAccount(store, router, 'POST', '/agent_bots', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const fields = wrapped(req, 'agent_bot');
    if (typeof fields.name !== 'string' || fields.name.trim() === '') return unprocessable(["Name can't be blank"], ['name']);
    const bot: SimAgentBot = {
      id: store.nextId('agent_bots'),
      accountId: req.account.id,
      name: fields.name,
      description: null,
      outgoingUrl: null,
      botConfig: {},
      accessToken: randomBytes(12).toString('hex'),
      secret: randomBytes(12).toString('hex'),
    };
    apply(bot, fields);
    bots.push(bot);
    return ok(view(req, bot));
  });

  onAccount(store, router, 'PATCH', '/agent_bots/:id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const bot = own(req);
    if (!bot) return RECORD_NOT_FOUND;
    const fields = wrapped(req, 'agent_bot');
    if ('name' in fields && (typeof fields.name !== 'string' || fields.name.trim() === '')) return unprocessable(["Name can't be blank"], ['name']);
    apply(bot, fields);
    return ok(view(req, bot));
  });

  onAccount(store, router, 'DELETE', '/agent_bots/:id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const bot = own(req);
    if (!bot) return RECORD_NOT_FOUND;
    removeWhere(bots, (b) => b === bot);
    for (const inbox of store.structure.accountInboxes.values()) if (inbox.agentBotId === bot.id) inbox.agentBotId = null;
    return ok();
  });
}

function apply(bot: SimAgentBot, fields: Record<string, unknown>): void {
  if (typeof fields.name === 'string') bot.name = fields.name;
  if (typeof fields.description === 'string' || fields.description === null) bot.description = fields.description;
  if (typeof fields.outgoing_url === 'string' || fields.outgoing_url === null) bot.outgoingUrl = fields.outgoing_url;
  const config = fields.bot_config;
  if (config !== null && typeof config === 'object' && !Array.isArray(config)) bot.botConfig = config as Record<string, unknown>;
}
