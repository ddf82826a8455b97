import { ok, type SimRouter } from '../http';
import type { JsonObject, SimConversation, SimMessage, SimulatorStore } from '../store';
import { error, NOT_AUTHORIZED, onAccount, pathId, RECORD_NOT_FOUND, type AccountRequest } from './auth';
import { agentView, contactView, messageView } from './crmViews';
import type { ApplicationStore } from './store';
import { canSee } from './visibility';

const CONTENT_TYPES = ['text', 'input_text', 'input_textarea', 'input_email', 'input_select', 'cards', 'form', 'article'];

/**
 * `/api/v1/accounts/{id}/conversations/{display_id}/messages`: agents see every message (private notes and activities
 * too) in windows by message id (the latest 20, 20 before, up to 100 after, up to 1000 between); create takes JSON or
 * multipart; delete keeps the message with its content replaced and its files removed.
 */
export function registerAccountMessageRoutes(router: SimRouter, app: ApplicationStore, records: SimulatorStore): void {
  const on = (method: string, suffix: string, handler: (req: AccountRequest, c: SimConversation) => ReturnType<typeof ok>) =>
    onAccount(app, router, method, `/conversations/:conversation_id/messages${suffix}`, (req) => {
      const displayId = pathId(req, 'conversation_id');
      const conversation = req.account.id === 1 ? records.conversations.find((c) => c.displayId === displayId) : undefined;
      if (!conversation) return RECORD_NOT_FOUND;
      return canSee(app, req, conversation) ? handler(req, conversation) : NOT_AUTHORIZED;
    });

  on('GET', '', (req, c) => {
    const before = Number(req.query.get('before')) || null;
    const after = Number(req.query.get('after')) || null;
    const all = records.messages.filter((m) => m.conversationId === c.id).sort((a, b) => a.id - b.id);
    let window: SimMessage[];
    if (after !== null && before !== null) window = all.filter((m) => m.id > after && m.id < before).slice(0, 1000);
    else if (after !== null) window = all.filter((m) => m.id > after).slice(0, 100);
    else window = all.filter((m) => before === null || m.id < before).slice(-20);
    const contact = records.contacts.get(c.contactId);
    return ok({
      meta: {
        labels: c.labels,
        additional_attributes: c.additionalAttributes,
        contact: contact ? contactView(records, contact, false) : null,
        assignee: c.assigneeId !== null ? agentView(app, 1, c.assigneeId) : null,
        agent_last_seen_at: c.agentLastSeenAt,
        assignee_last_seen_at: 0,
      },
      payload: window.map((m) => messageView(records, m, c)),
    });
  });

  on('POST', '', (req, c) => {
    const body = req.body;
    const type = body.message_type ?? 'outgoing';
    if (type !== 'incoming' && type !== 'outgoing') return error(422, `'${String(type)}' is not a valid message_type`);
    const contentType = typeof body.content_type === 'string' ? body.content_type : 'text';
    if (!CONTENT_TYPES.includes(contentType)) return error(422, `'${contentType}' is not a valid content_type`);
    const files = req.files.filter((file) => file.field === 'attachments[]');
    const content = typeof body.content === 'string' ? body.content : null;
    if ((content === null || content.trim() === '') && files.length === 0) return error(422, "Validation failed: Content can't be blank");
    // Multipart fields arrive as strings: Chatwoot's message builder parses JSON strings of content_attributes.
    let attributes: JsonObject = {};
    if (typeof body.content_attributes === 'string') {
      try {
        attributes = JSON.parse(body.content_attributes) as JsonObject;
      } catch {
        attributes = {};
      }
    } else if (typeof body.content_attributes === 'object' && body.content_attributes !== null) attributes = body.content_attributes as JsonObject;
    const contact = records.contacts.get(c.contactId);
    const message = records.addMessage(c, {
      messageType: type === 'incoming' ? 0 : 1,
      content,
      contentType,
      contentAttributes: attributes,
      private: body.private === true || body.private === 'true',
      echoId: typeof body.echo_id === 'string' ? body.echo_id : null,
      sender: type === 'incoming' && contact ? { type: 'contact', id: contact.id, name: contact.name } : { type: 'user', id: req.user.id, name: req.user.name },
    });
    for (const file of files) records.addAttachment(message, file, req.origin);
    return ok(messageView(records, message, c));
  });

  on('DELETE', '/:message_id', (req, c) => {
    const id = pathId(req, 'message_id');
    const message = records.messages.find((m) => m.conversationId === c.id && m.id === id);
    if (!message) return RECORD_NOT_FOUND;
    message.content = 'This message was deleted';
    message.contentAttributes = { ...message.contentAttributes, deleted: true };
    message.attachments = [];
    return ok(messageView(records, message, c));
  });
}
