import { internalError, ok, type SimRouter } from '../http';
import type { SimConversation, SimConversationStatus, SimulatorStore } from '../store';
import { type AccountRequest, error, NOT_AUTHORIZED, onAccount, pathId, RECORD_NOT_FOUND } from './auth';
import { agentView, conversationView, rawTeamView } from './crmViews';
import { type Condition, CONVERSATION_OPERATORS, matches, parseConditions } from './filterEngine';
import type { ApplicationStore } from './store';
import { canSee, visibleConversations } from './visibility';

/** Chatwoot's CONVERSATION_RESULTS_PER_PAGE default. */
export const CONVERSATIONS_PER_PAGE = 25;
const STATUSES: readonly string[] = ['open', 'resolved', 'pending', 'snoozed'];
const PRIORITIES: readonly string[] = ['low', 'medium', 'high', 'urgent'];
const PRIORITY_RANK: Record<string, number> = { low: 1, medium: 2, high: 3, urgent: 4 };

type Handler = (req: AccountRequest, conversation: SimConversation) => ReturnType<typeof ok>;

/**
 * `/api/v1/accounts/{id}/conversations`: lists with Chatwoot's status, assignee, inbox, team, label and search
 * filters and tab counts, the filter endpoint, and the per-conversation actions. A conversation the caller may not
 * see is a Pundit denial (401), an unknown one a 404.
 */
export function registerConversationRoutes(router: SimRouter, app: ApplicationStore, records: SimulatorStore): void {
  const view = (c: SimConversation) => conversationView(app, records, c);
  const page = (req: AccountRequest) => Math.max(1, Number(req.query.get('page') ?? 1) || 1);
  const onConversation = (method: string, suffix: string, handler: Handler) =>
    onAccount(app, router, method, `/conversations/:conversation_id${suffix}`, (req) => {
      const displayId = pathId(req, 'conversation_id');
      const conversation = req.account.id === 1 ? records.conversations.find((c) => c.displayId === displayId) : undefined;
      if (!conversation) return RECORD_NOT_FOUND;
      if (!canSee(app, req, conversation)) return NOT_AUTHORIZED;
      return handler(req, conversation);
    });

  /** The list's filters before the assignee tab: status (ignored with a search), inbox, team, labels, search. */
  const filtered = (req: AccountRequest) => {
    const status = req.query.get('status') || 'open';
    const q = (req.query.get('q') ?? '').toLowerCase();
    const inboxId = req.query.get('inbox_id');
    const teamId = req.query.get('team_id');
    const labels = req.query.getAll('labels[]');
    return visibleConversations(app, records, req).filter(
      (c) =>
        (q !== '' || status === 'all' || c.status === status) &&
        (!inboxId || String(c.inboxId) === inboxId) &&
        (!teamId || String(c.teamId) === teamId) &&
        labels.every((l) => c.labels.includes(l)) &&
        (q === '' || records.messages.some((m) => m.conversationId === c.id && (m.content ?? '').toLowerCase().includes(q))),
    );
  };
  const counts = (req: AccountRequest, list: SimConversation[]) => ({
    mine_count: list.filter((c) => c.assigneeId === req.user.id).length,
    assigned_count: list.filter((c) => c.assigneeId !== null).length,
    unassigned_count: list.filter((c) => c.assigneeId === null).length,
    all_count: list.length,
  });
  const slice = (req: AccountRequest, list: SimConversation[]) => list.slice((page(req) - 1) * CONVERSATIONS_PER_PAGE, page(req) * CONVERSATIONS_PER_PAGE);

  onAccount(app, router, 'GET', '/conversations', (req) => {
    const list = filtered(req);
    const tab = req.query.get('assignee_type') ?? 'all';
    const inTab = list.filter((c) =>
      tab === 'me' ? c.assigneeId === req.user.id : tab === 'unassigned' ? c.assigneeId === null : tab === 'assigned' ? c.assigneeId !== null : true,
    );
    const ordered = sortConversations(inTab, req.query.get('sort_by') ?? 'last_activity_at_desc');
    return ok({ data: { meta: counts(req, list), payload: slice(req, ordered).map(view) } });
  });

  onAccount(app, router, 'GET', '/conversations/meta', (req) => ok({ meta: counts(req, filtered(req)) }));

  onAccount(app, router, 'POST', '/conversations/filter', (req) => {
    const conditions = parseConditions(req.body.payload, CONVERSATION_OPERATORS);
    if (!Array.isArray(conditions)) return conditions;
    const hits = visibleConversations(app, records, req).filter((c) => matches(c, conditions, conversationValue, false));
    const ordered = sortConversations(hits, 'last_activity_at_desc');
    const { mine_count, unassigned_count, all_count } = counts(req, hits);
    // No `data` wrapper and no assigned_count here (erratum E3).
    return ok({ meta: { mine_count, unassigned_count, all_count }, payload: slice(req, ordered).map(view) });
  });

  onAccount(app, router, 'POST', '/conversations', (req) => {
    if (req.account.id !== 1) return RECORD_NOT_FOUND;
    const body = req.body;
    let link = typeof body.source_id === 'string' ? records.contactInboxes.find((l) => l.sourceId === body.source_id) : undefined;
    if (!link && body.inbox_id != null && body.contact_id != null) {
      const inbox = records.inboxes.find((i) => i.id === Number(body.inbox_id));
      const contact = records.contacts.get(Number(body.contact_id));
      if (!inbox || !contact) return RECORD_NOT_FOUND;
      link = records.contactInboxes.find((l) => l.inboxId === inbox.id && l.contactId === contact.id) ?? records.linkContact(contact, inbox);
    }
    if (!link) return RECORD_NOT_FOUND;
    const inbox = records.inboxes.find((i) => i.id === link!.inboxId);
    if (req.member.role !== 'administrator' && !app.inboxIdsOf(req.user.id).includes(link.inboxId)) return NOT_AUTHORIZED;
    // A lock-to-single-conversation inbox hands back the contact's open conversation (erratum E8).
    const existing = inbox?.lockToSingleConversation
      ? records.conversations.find((c) => c.inboxId === link!.inboxId && c.contactId === link!.contactId && c.status !== 'resolved')
      : undefined;
    if (existing) return ok(view(existing));
    const status = typeof body.status === 'string' && STATUSES.includes(body.status) ? (body.status as SimConversationStatus) : 'open';
    const conversation = records.addConversation(link, {
      status,
      assigneeId: body.assignee_id != null && app.membership(1, Number(body.assignee_id)) ? Number(body.assignee_id) : null,
      teamId: body.team_id != null && app.teams.some((t) => t.id === Number(body.team_id)) ? Number(body.team_id) : null,
      customAttributes: isObject(body.custom_attributes) ? body.custom_attributes : {},
      additionalAttributes: isObject(body.additional_attributes) ? body.additional_attributes : {},
    });
    const message = isObject(body.message) ? body.message : null;
    if (message && typeof message.content === 'string') {
      records.addMessage(conversation, { messageType: 1, content: message.content, sender: { type: 'user', id: req.user.id, name: req.user.name } });
    }
    return ok(view(conversation));
  });

  onConversation('GET', '', (_req, c) => ok(view(c)));

  onConversation('PATCH', '', (req, c) => {
    if ('priority' in req.body) {
      const priority = req.body.priority;
      // An unknown value is an ArgumentError in Rails, a bare 500 (erratum E5).
      if (priority !== null && priority !== '' && !PRIORITIES.includes(String(priority))) return internalError();
      c.priority = priority ? (priority as SimConversation['priority']) : null;
    }
    return ok(view(c));
  });

  onConversation('POST', '/assignments', (req, c) => {
    if ('assignee_id' in req.body) {
      if (req.body.assignee_type === 'AgentBot') return error(404, 'Resource could not be found');
      const id = req.body.assignee_id == null ? null : Number(req.body.assignee_id);
      // find_by: an id that is not a member of the account unassigns, as Chatwoot does.
      c.assigneeId = id !== null && app.membership(1, id) ? id : null;
      return ok(c.assigneeId !== null ? agentView(app, 1, c.assigneeId) : null);
    }
    if ('team_id' in req.body) {
      const id = req.body.team_id == null ? null : Number(req.body.team_id);
      c.teamId = id !== null && app.teams.some((t) => t.id === id && t.accountId === 1) ? id : null;
      return ok(rawTeamView(app, c.teamId));
    }
    return ok(null);
  });

  onConversation('POST', '/custom_attributes', (req, c) => {
    const given = isObject(req.body.custom_attributes) ? req.body.custom_attributes : {};
    c.customAttributes = req.body.merge === true || req.body.merge === 'true' ? { ...c.customAttributes, ...given } : given;
    return ok({ custom_attributes: c.customAttributes });
  });

  onConversation('POST', '/destroy_custom_attributes', (req, c) => {
    const keys = Array.isArray(req.body.custom_attributes) ? req.body.custom_attributes.map(String) : [];
    c.customAttributes = Object.fromEntries(Object.entries(c.customAttributes).filter(([key]) => !keys.includes(key)));
    return ok({ custom_attributes: c.customAttributes });
  });

  onConversation('GET', '/labels', (_req, c) => ok({ payload: c.labels }));
  onConversation('POST', '/labels', (req, c) => {
    // update_labels replaces the set (erratum E36).
    c.labels = Array.isArray(req.body.labels) ? [...new Set(req.body.labels.map(String))] : [];
    return ok({ payload: c.labels });
  });

  onConversation('POST', '/toggle_priority', (req, c) => {
    const priority = req.body.priority;
    if (priority !== null && priority !== undefined && priority !== '' && !PRIORITIES.includes(String(priority))) return internalError();
    c.priority = priority ? (priority as SimConversation['priority']) : null;
    return ok();
  });

  onConversation('POST', '/toggle_status', (req, c) => {
    const status = req.body.status;
    if (typeof status === 'string' && status !== '') {
      if (!STATUSES.includes(status)) return internalError();
      c.status = status as SimConversationStatus;
      c.snoozedUntil = status === 'snoozed' && req.body.snoozed_until != null ? Number(req.body.snoozed_until) : null;
    } else {
      c.status = c.status === 'open' ? 'resolved' : 'open';
      c.snoozedUntil = null;
    }
    return ok({ meta: {}, payload: { success: true, current_status: c.status, conversation_id: c.displayId } });
  });

  onConversation('POST', '/toggle_typing_status', (req, c) => {
    c.typingStatus = typeof req.body.typing_status === 'string' ? req.body.typing_status : null;
    return ok();
  });
}

function conversationValue(c: SimConversation, condition: Condition): unknown {
  if (condition.custom) return c.customAttributes[condition.key];
  switch (condition.key) {
    case 'status': return c.status;
    case 'assignee_id': return c.assigneeId;
    case 'inbox_id': return c.inboxId;
    case 'team_id': return c.teamId;
    case 'contact_id': return c.contactId;
    case 'priority': return c.priority;
    case 'display_id': return c.displayId;
    case 'labels': return c.labels;
    case 'created_at': return c.createdAt;
    case 'last_activity_at': return c.lastActivityAt;
    default: return c.additionalAttributes[condition.key];
  }
}

/** Chatwoot's sort_by options; an unknown one falls back to the default order. */
function sortConversations(list: SimConversation[], sortBy: string): SimConversation[] {
  const by = (key: (c: SimConversation) => number, direction: 1 | -1) => (a: SimConversation, b: SimConversation) => (key(a) - key(b)) * direction || b.id - a.id;
  const priority = (c: SimConversation) => (c.priority ? PRIORITY_RANK[c.priority]! : 0);
  const orders: Record<string, (a: SimConversation, b: SimConversation) => number> = {
    last_activity_at_asc: by((c) => c.lastActivityAt, 1),
    last_activity_at_desc: by((c) => c.lastActivityAt, -1),
    created_at_asc: by((c) => c.createdAt, 1),
    created_at_desc: by((c) => c.createdAt, -1),
    priority_asc: by(priority, 1),
    priority_desc: by(priority, -1),
    priority_desc_created_at_asc: (a, b) => priority(b) - priority(a) || a.createdAt - b.createdAt || a.id - b.id,
  };
  return [...list].sort(orders[sortBy] ?? orders.last_activity_at_desc!);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
