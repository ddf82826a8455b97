import type { SimulatorEdition } from '../../config';
import { ok, type SimRouter } from '../http';
import type { JsonObject, SimulatorStore } from '../store';
import { NOT_AUTHORIZED, onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator } from './auth';
import { reportingEvents, type SimReportingEvent } from './reportData';
import type { ApplicationStore } from './store';

const PER_PAGE = 25;

/** Rails' `page` parameter: a positive integer, 1 otherwise. */
function pageOf(raw: unknown): number {
  const page = typeof raw === 'string' ? Number.parseInt(raw, 10) : Number.NaN;
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

/**
 * Chatwoot Enterprise's account routes: the audit log and the reporting events (the account's and a conversation's). A Community Chatwoot has no such
 * routes, so in the community edition they are simply not registered and the router answers its routing 404.
 */
export function registerEnterpriseRoutes(router: SimRouter, store: ApplicationStore, records: SimulatorStore, edition: SimulatorEdition): void {
  if (edition !== 'enterprise') return;
  const admin = store.administration;

  // Audit logs (erratum E33): administrators only (401), and an empty list while the account's feature is off.
  onAccount(store, router, 'GET', '/audit_logs', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const all = req.account.features.audit_logs ? admin.audits.filter((a) => a.accountId === req.account.id).reverse() : [];
    const page = pageOf(req.body.page);
    const audit_logs = all.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((a) => ({
      id: a.id,
      auditable_id: a.auditableId,
      auditable_type: a.auditableType,
      auditable: null,
      associated_id: a.accountId,
      associated_type: 'Account',
      user_id: a.userId,
      user_type: 'User',
      username: a.username,
      action: a.action,
      audited_changes: a.auditedChanges,
      version: a.version,
      comment: null,
      request_uuid: `req-${a.id}`,
      created_at: Math.floor(a.createdAt.getTime() / 1000),
      remote_address: '127.0.0.1',
    }));
    return ok({ audit_logs, current_page: page, per_page: PER_PAGE, total_entries: all.length });
  });

  // Reporting events (erratum E34): administrators only, 25 a page, meta {count, current_page, total_pages}.
  onAccount(store, router, 'GET', '/reporting_events', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const since = Number(req.body.since ?? Number.NEGATIVE_INFINITY);
    const until = Number(req.body.until ?? Number.POSITIVE_INFINITY);
    const matching = reportingEvents(records).filter(
      (e) =>
        e.eventStartTime >= since &&
        e.eventStartTime <= until &&
        (req.body.inbox_id === undefined || e.inboxId === Number(req.body.inbox_id)) &&
        (req.body.user_id === undefined || e.userId === Number(req.body.user_id)) &&
        (req.body.name === undefined || e.name === req.body.name),
    );
    const page = pageOf(req.body.page);
    const payload = matching.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((e) => reportingEventView(req.account.id, e));
    return ok({ meta: { count: matching.length, current_page: page, total_pages: Math.ceil(matching.length / PER_PAGE) }, payload });
  });

  // A conversation's reporting events (Enterprise too): a bare array. Administrators see every conversation, agents
  // those of their inboxes (Chatwoot's conversation policy answers others with 401).
  onAccount(store, router, 'GET', '/conversations/:conversation_id/reporting_events', (req) => {
    const displayId = pathId(req, 'conversation_id');
    const conversation = records.conversations.find((c) => c.displayId === displayId);
    if (!conversation) return RECORD_NOT_FOUND;
    if (req.member.role !== 'administrator' && !store.inboxIdsOf(req.user.id).includes(conversation.inboxId)) return NOT_AUTHORIZED;
    return ok(reportingEvents(records).filter((e) => e.conversationId === conversation.id).map((e) => reportingEventView(req.account.id, e)));
  });
}

/** Enterprise's reporting event view. */
function reportingEventView(accountId: number, e: SimReportingEvent): JsonObject {
  const end = new Date(e.eventEndTime * 1000).toISOString();
  return {
    id: e.id,
    name: e.name,
    value: e.value,
    value_in_business_hours: e.value,
    event_start_time: new Date(e.eventStartTime * 1000).toISOString(),
    event_end_time: end,
    account_id: accountId,
    conversation_id: e.conversationId,
    inbox_id: e.inboxId,
    user_id: e.userId,
    created_at: end,
    updated_at: end,
  };
}
