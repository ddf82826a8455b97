import { randomBytes } from 'node:crypto';
import { ok, type SimResponse, type SimRouter, unprocessable } from '../http';
import type { SimInbox, SimulatorStore } from '../store';
import { removeWhere } from './agents';
import { error, NOT_AUTHORIZED, onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator, wrapped, type AccountRequest } from './auth';
import type { SimAccountInbox } from './records';
import type { ApplicationStore } from './store';
import { userIds } from './teams';
import { accountInboxOf, agentBotView, agentView, inboxView } from './structureViews';

/**
 * `/api/v1/accounts/{id}/inboxes` and `/inbox_members`. The inbox is fetched before Pundit runs: administrators
 * reach every inbox, agents only those they work in (401 otherwise); creating, changing and bot changes are for
 * administrators. The inbox list is `{payload: [...]}`, so are the member lists; member PATCH replaces.
 */
export function registerInboxRoutes(router: SimRouter, store: ApplicationStore, records: SimulatorStore): void {
  const isAdmin = (req: AccountRequest) => req.member.role === 'administrator';
  const inAccount = (req: AccountRequest) => records.inboxes.filter((inbox) => accountInboxOf(store, inbox).accountId === req.account.id);
  const findInbox = (req: AccountRequest, id: number | null): SimInbox | undefined => inAccount(req).find((inbox) => inbox.id === id);
  const worksIn = (req: AccountRequest, inbox: SimInbox) => store.inboxMembers.some((m) => m.inboxId === inbox.id && m.userId === req.user.id);
  const view = (req: AccountRequest, inbox: SimInbox) => inboxView(store, inbox, isAdmin(req));
  const agentsOf = (req: AccountRequest, inbox: SimInbox) =>
    store.inboxMembers
      .filter((m) => m.inboxId === inbox.id)
      .map((m) => store.membership(req.account.id, m.userId))
      .filter((m) => m !== undefined)
      .map((m) => agentView(store, m));

  onAccount(store, router, 'GET', '/inboxes', (req) =>
    ok({ payload: inAccount(req).filter((inbox) => isAdmin(req) || worksIn(req, inbox)).map((inbox) => view(req, inbox)) }),
  );

  onAccount(store, router, 'GET', '/inboxes/:id', (req) => {
    const inbox = findInbox(req, pathId(req));
    if (!inbox) return RECORD_NOT_FOUND;
    return isAdmin(req) || worksIn(req, inbox) ? ok(view(req, inbox)) : NOT_AUTHORIZED;
  });

  onAccount(store, router, 'POST', '/inboxes', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const fields = req.body;
    const channel = isObject(fields.channel) ? fields.channel : {};
    if (typeof fields.name !== 'string' || fields.name.trim() === '') return unprocessable(["Name can't be blank"], ['name']);
    if (channel.type !== 'api' && channel.type !== 'web_widget') return error(422, 'Invalid channel type');
    if (channel.type === 'web_widget' && (typeof channel.website_url !== 'string' || channel.website_url === '')) {
      return unprocessable(["Website url can't be blank"], ['website_url']);
    }
    const inbox = records.addInbox({ name: fields.name });
    const extra = accountInboxOf(store, inbox);
    extra.accountId = req.account.id;
    if (channel.type === 'web_widget') {
      extra.channelType = 'Channel::WebWidget';
      extra.websiteToken = randomBytes(12).toString('hex');
    }
    applySettings(inbox, extra, fields);
    return ok(view(req, inbox));
  });

  onAccount(store, router, 'PATCH', '/inboxes/:id', (req) => {
    const inbox = findInbox(req, pathId(req));
    if (!inbox) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    if ('name' in req.body && (typeof req.body.name !== 'string' || req.body.name.trim() === '')) {
      return unprocessable(["Name can't be blank"], ['name']);
    }
    if (typeof req.body.name === 'string') inbox.name = req.body.name;
    applySettings(inbox, accountInboxOf(store, inbox), req.body);
    return ok(view(req, inbox));
  });

  onAccount(store, router, 'GET', '/inboxes/:id/agent_bot', (req) => {
    const inbox = findInbox(req, pathId(req));
    if (!inbox) return RECORD_NOT_FOUND;
    if (!isAdmin(req) && !worksIn(req, inbox)) return NOT_AUTHORIZED;
    const botId = accountInboxOf(store, inbox).agentBotId;
    const bot = store.structure.agentBots.find((b) => b.id === botId);
    return ok({ agent_bot: bot ? agentBotView(bot, isAdmin(req)) : {} });
  });

  onAccount(store, router, 'POST', '/inboxes/:id/set_agent_bot', (req) => {
    const inbox = findInbox(req, pathId(req));
    if (!inbox) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const requested = req.body.agent_bot;
    const extra = accountInboxOf(store, inbox);
    if (requested === null || requested === undefined || requested === '') {
      extra.agentBotId = null;
      return ok();
    }
    const bot = store.structure.agentBots.find((b) => b.id === Number(requested) && (b.accountId === null || b.accountId === req.account.id));
    if (!bot) return RECORD_NOT_FOUND;
    extra.agentBotId = bot.id;
    return ok();
  });

  onAccount(store, router, 'GET', '/inbox_members/:inbox_id', (req) => {
    const inbox = findInbox(req, pathId(req, 'inbox_id'));
    if (!inbox) return RECORD_NOT_FOUND;
    if (!isAdmin(req) && !worksIn(req, inbox)) return NOT_AUTHORIZED;
    return ok({ payload: agentsOf(req, inbox) });
  });

  /** The checks every member change runs: the inbox (from the body), Pundit, then the ids. */
  const change = (req: AccountRequest, act: (inbox: SimInbox, ids: number[]) => SimResponse) => {
    const inbox = findInbox(req, Number(req.body.inbox_id));
    if (!inbox) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const ids = userIds(req.body.user_ids);
    if (ids === null) return error(422, 'param is missing or the value is empty: user_ids');
    if (ids.some((id) => !store.membership(req.account.id, id))) return error(401, 'Invalid User IDs');
    return act(inbox, ids);
  };
  const add = (inboxId: number, ids: number[]) => {
    for (const id of ids) if (!store.inboxMembers.some((m) => m.inboxId === inboxId && m.userId === id)) store.inboxMembers.push({ inboxId, userId: id });
  };

  onAccount(store, router, 'POST', '/inbox_members', (req) =>
    change(req, (inbox, ids) => {
      add(inbox.id, ids);
      return ok({ payload: agentsOf(req, inbox) });
    }),
  );
  onAccount(store, router, 'PATCH', '/inbox_members', (req) =>
    change(req, (inbox, ids) => {
      removeWhere(store.inboxMembers, (m) => m.inboxId === inbox.id && !ids.includes(m.userId));
      add(inbox.id, ids);
      return ok({ payload: agentsOf(req, inbox) });
    }),
  );
  onAccount(store, router, 'DELETE', '/inbox_members', (req) =>
    change(req, (inbox, ids) => {
      removeWhere(store.inboxMembers, (m) => m.inboxId === inbox.id && ids.includes(m.userId));
      return ok();
    }),
  );

  onAccount(store, router, 'GET', '/branded_email_layout', (req) => {
    const denied = requireAdministrator(req);
    return denied ?? ok({ branded_email_layout: store.structure.brandedEmailLayouts.get(req.account.id) ?? null });
  });

  onAccount(store, router, 'PATCH', '/branded_email_layout', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    if (!req.account.features.branded_email_templates) return error(422, 'Branded email templates are not enabled for this account');
    const layout = wrapped(req, 'account').branded_email_layout;
    // Chatwoot's form sends the text "null" to clear the layout; JSON null does the same.
    if (layout === null || layout === 'null' || layout === '' || layout === undefined) store.structure.brandedEmailLayouts.delete(req.account.id);
    else if (typeof layout === 'string') store.structure.brandedEmailLayouts.set(req.account.id, layout);
    return ok({ branded_email_layout: store.structure.brandedEmailLayouts.get(req.account.id) ?? null });
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The permitted inbox and channel settings of a create or update. */
function applySettings(inbox: SimInbox, extra: SimAccountInbox, fields: Record<string, unknown>): void {
  const bool = (name: string) => (typeof fields[name] === 'boolean' ? (fields[name] as boolean) : undefined);
  const text = (source: Record<string, unknown>, name: string) => (typeof source[name] === 'string' || source[name] === null ? (source[name] as string | null) : undefined);
  inbox.greetingEnabled = bool('greeting_enabled') ?? inbox.greetingEnabled;
  inbox.csatSurveyEnabled = bool('csat_survey_enabled') ?? inbox.csatSurveyEnabled;
  inbox.workingHoursEnabled = bool('working_hours_enabled') ?? inbox.workingHoursEnabled;
  inbox.lockToSingleConversation = bool('lock_to_single_conversation') ?? inbox.lockToSingleConversation;
  if (typeof fields.timezone === 'string') inbox.timezone = fields.timezone;
  extra.enableAutoAssignment = bool('enable_auto_assignment') ?? extra.enableAutoAssignment;
  extra.enableEmailCollect = bool('enable_email_collect') ?? extra.enableEmailCollect;
  extra.allowMessagesAfterResolved = bool('allow_messages_after_resolved') ?? extra.allowMessagesAfterResolved;
  extra.greetingMessage = text(fields, 'greeting_message') ?? extra.greetingMessage;
  extra.outOfOfficeMessage = text(fields, 'out_of_office_message') ?? extra.outOfOfficeMessage;
  extra.businessName = text(fields, 'business_name') ?? extra.businessName;
  if (fields.sender_name_type === 'friendly' || fields.sender_name_type === 'professional') extra.senderNameType = fields.sender_name_type;
  const channel = isObject(fields.channel) ? fields.channel : {};
  if (typeof channel.hmac_mandatory === 'boolean') inbox.hmacMandatory = channel.hmac_mandatory;
  if (extra.channelType === 'Channel::Api') extra.webhookUrl = text(channel, 'webhook_url') ?? extra.webhookUrl;
  else {
    extra.websiteUrl = text(channel, 'website_url') ?? extra.websiteUrl;
    extra.widgetColor = text(channel, 'widget_color') ?? extra.widgetColor;
    extra.welcomeTitle = text(channel, 'welcome_title') ?? extra.welcomeTitle;
    extra.welcomeTagline = text(channel, 'welcome_tagline') ?? extra.welcomeTagline;
    extra.replyTime = text(channel, 'reply_time') ?? extra.replyTime;
  }
}
