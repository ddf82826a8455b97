import type { FakeHandler, FakeReply, RecordedRequest } from './servers';
import { slimContact } from './servers';

/**
 * Chatwoot Client API bodies for the recording fake, shaped as Chatwoot's public views render them, and a handler
 * that answers every Client API route with them. Tests override single routes through `routes`.
 */

export const INBOX = 'inbox-abc';
export const CONTACT = 'contact-1';

export function inboxJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    identifier: INBOX,
    identity_validation_enabled: false,
    name: 'Website',
    timezone: 'Europe/Berlin',
    working_hours: [
      { day_of_week: 0, closed_all_day: true, open_hour: null, open_minutes: null, close_hour: null, close_minutes: null, open_all_day: false },
      { day_of_week: 1, closed_all_day: false, open_hour: 9, open_minutes: 30, close_hour: 17, close_minutes: 0, open_all_day: false },
    ],
    working_hours_enabled: true,
    csat_survey_enabled: true,
    greeting_enabled: false,
    ...overrides,
  };
}

export function fullContactJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 42,
    name: 'Alice',
    email: 'alice@example.com',
    phone_number: '+14155550123',
    account_id: 1,
    created_at: '2026-07-01T10:00:00.000Z',
    updated_at: '2026-07-28T09:12:33.123Z',
    additional_attributes: {},
    identifier: 'user-77',
    custom_attributes: { plan: 'pro' },
    last_activity_at: null,
    contact_type: 'lead',
    middle_name: '',
    last_name: '',
    location: null,
    country_code: null,
    blocked: false,
    company_id: null,
    ...overrides,
  };
}

export function messageJson(id: number, displayId = 7, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    content: `message ${id}`,
    message_type: 0,
    content_type: 'text',
    content_attributes: {},
    created_at: 1_785_000_000 + id,
    conversation_id: displayId,
    sender: { id: 42, name: 'Alice', thumbnail: '', type: 'contact' },
    ...overrides,
  };
}

export function conversationJson(displayId = 7, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: displayId,
    uuid: `00000000-0000-4000-8000-${String(displayId).padStart(12, '0')}`,
    inbox_id: 3,
    contact_last_seen_at: 1_785_000_100,
    status: 'open',
    agent_last_seen_at: 0,
    messages: [messageJson(1, displayId)],
    contact: fullContactJson(),
    ...overrides,
  };
}

type Route = (request: RecordedRequest, match: RegExpExecArray) => FakeReply;

const CONVERSATION = String.raw`/public/api/v1/inboxes/[^/]+/contacts/[^/]+/conversations/(\d+)`;

/** The default answer of every Client API route. */
export const DEFAULT_ROUTES: Array<[string, RegExp, Route]> = [
  ['GET', new RegExp(`^${CONVERSATION}/messages$`), (_r, m) => ({ body: [messageJson(1, Number(m[1])), messageJson(2, Number(m[1]))] })],
  ['POST', new RegExp(`^${CONVERSATION}/messages$`), (r, m) => ({ body: messageJson(99, Number(m[1]), { content: (r.json as { content?: string })?.content }) })],
  ['PATCH', new RegExp(`^${CONVERSATION}/messages/(\\d+)$`), (r, m) => ({
    body: messageJson(Number(m[2]), Number(m[1]), {
      content_type: 'input_csat',
      content_attributes: { submitted_values: (r.json as { submitted_values?: unknown })?.submitted_values },
    }),
  })],
  ['POST', new RegExp(`^${CONVERSATION}/toggle_status$`), (_r, m) => ({ body: conversationJson(Number(m[1]), { status: 'resolved' }) })],
  ['POST', new RegExp(`^${CONVERSATION}/(toggle_typing|update_last_seen)$`), () => ({ status: 200 })],
  ['GET', new RegExp(`^${CONVERSATION}$`), (_r, m) => ({ body: conversationJson(Number(m[1])) })],
  ['GET', /^\/public\/api\/v1\/inboxes\/[^/]+\/contacts\/[^/]+\/conversations$/, () => ({ body: [conversationJson(7), conversationJson(8)] })],
  ['POST', /^\/public\/api\/v1\/inboxes\/[^/]+\/contacts\/[^/]+\/conversations$/, () => ({ body: conversationJson(9) })],
  ['GET', /^\/public\/api\/v1\/inboxes\/[^/]+\/contacts\/([^/]+)$/, (_r, m) => ({ body: slimContact({ source_id: decodeURIComponent(m[1]!) }) })],
  ['PATCH', /^\/public\/api\/v1\/inboxes\/[^/]+\/contacts\/([^/]+)$/, (_r, m) => ({ body: slimContact({ source_id: decodeURIComponent(m[1]!) }) })],
  ['POST', /^\/public\/api\/v1\/inboxes\/[^/]+\/contacts$/, () => ({ body: slimContact({ source_id: 'new-contact', id: 43 }) })],
  ['GET', /^\/public\/api\/v1\/inboxes\/([^/]+)$/, (_r, m) => ({ body: inboxJson({ identifier: decodeURIComponent(m[1]!) }) })],
  ['GET', /^\/survey\/responses\/[^/]+$/, () => ({ body: '<!DOCTYPE html><html></html>', headers: { 'content-type': 'text/html' } })],
];

/** A fake handler answering the Client API; anything else is a Rails-style 404. */
export function clientApiHandler(): FakeHandler {
  return (request) => {
    for (const [method, pattern, route] of DEFAULT_ROUTES) {
      const match = method === request.method ? pattern.exec(request.path) : null;
      if (match) return route(request, match);
    }
    return { status: 404, body: { status: 404, error: 'Not Found' } };
  };
}
