import { withConversation } from './conversations';
import { notFound, ok, type SimResponse, type SimRouter } from './http';
import { ACCOUNT_ID, type JsonObject, type SimAttachment, type SimConversation, type SimMessage, type SimulatorStore } from './store';

/** Chatwoot answers 20 messages per page. */
export const MESSAGES_PER_PAGE = 20;
const CSAT_WINDOW_SECONDS = 14 * 24 * 60 * 60;

/**
 * The Client API message endpoints: list (the latest 20, or the 20 before `before`, oldest first, without private
 * notes or activities), create (always incoming, from the contact) and update (`submitted_values` of a form or CSAT).
 */
export function registerMessageRoutes(router: SimRouter, store: SimulatorStore): void {
  const base = '/public/api/v1/inboxes/:inbox/contacts/:contact/conversations/:conversation/messages';

  router.on('GET', base, (req) =>
    withConversation(store, req.params, (conversation) => {
      const before = typeof req.body.before === 'string' && /^\d+$/.test(req.body.before) ? Number(req.body.before) : null;
      const page = store.messages
        .filter((m) => m.conversationId === conversation.id && !m.private && m.messageType !== 2)
        .filter((m) => before === null || m.id < before)
        .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
        .slice(0, MESSAGES_PER_PAGE)
        .reverse();
      return ok(page.map((m) => publicMessage(m, conversation)));
    }),
  );

  router.on('POST', base, (req) =>
    withConversation(store, req.params, (conversation, { link }) => {
      const contact = store.contactOf(link);
      const content = typeof req.body.content === 'string' ? req.body.content : null;
      // Rails collects repeated `attachments[]` parts into params[:attachments]; other file parts are not read.
      const uploads = req.files.filter((file) => file.field === 'attachments[]');
      const message = store.addMessage(conversation, {
        messageType: 0,
        content,
        sender: { type: 'contact', id: contact.id, name: contact.name },
      });
      for (const upload of uploads) store.addAttachment(message, upload, req.origin);
      // A message from the contact reopens a resolved conversation.
      if (conversation.status === 'resolved') {
        conversation.status = 'open';
        store.emit({ type: 'conversation.status_changed', conversation });
      }
      return ok(publicMessage(message, conversation));
    }),
  );

  // Active Storage's download route, which attachments' data_url points at.
  router.on('GET', '/rails/active_storage/blobs/redirect/:attachment/:filename', (req) => {
    const attachment = store.messages.flatMap((m) => m.attachments).find((a) => String(a.id) === req.params.attachment);
    if (!attachment) return notFound();
    return { status: 200, body: attachment.content, contentType: attachment.mimeType };
  });

  router.on(['PATCH', 'PUT'], `${base}/:message`, (req) =>
    withConversation(store, req.params, (conversation) => {
      const message = store.messages.find((m) => m.conversationId === conversation.id && String(m.id) === req.params.message);
      if (!message) return notFound();
      return submitValues(message, conversation, req.body.submitted_values);
    }),
  );
}

function submitValues(message: SimMessage, conversation: SimConversation, values: unknown): SimResponse {
  if (message.contentType === 'input_csat' && Date.now() / 1000 - message.createdAt > CSAT_WINDOW_SECONDS) {
    return { status: 422, body: { error: 'You cannot update the CSAT survey after 14 days' } };
  }
  // Chatwoot's rescue branch itself fails (it reads errors of a nil contact), so every other failure is a bare 500.
  if (values === null || typeof values !== 'object') return { status: 500, body: { status: 500, error: 'Internal Server Error' } };
  message.contentAttributes = { ...message.contentAttributes, submitted_values: values };
  return ok(publicMessage(message, conversation));
}

/** The public `_message` partial: integer message type, Unix seconds, display id; attachments and sender only when present. */
export function publicMessage(message: SimMessage, conversation: SimConversation): JsonObject {
  const json: JsonObject = {
    id: message.id,
    content: message.content,
    message_type: message.messageType,
    content_type: message.contentType,
    content_attributes: message.contentAttributes,
    created_at: message.createdAt,
    conversation_id: conversation.displayId,
  };
  if (message.attachments.length > 0) json.attachments = message.attachments.map(publicAttachmentData);
  if (message.sender) {
    json.sender =
      message.sender.type === 'contact'
        ? { id: message.sender.id, name: message.sender.name, thumbnail: '', type: 'contact' }
        : { id: message.sender.id, name: message.sender.name, available_name: message.sender.name, avatar_url: '', type: 'user' };
  }
  return json;
}

/**
 * An attachment's `push_event_data`: images get a thumbnail URL (here the file itself), other files ''. Width and
 * height come from Active Storage's background analysis, so a fresh upload has none; Chatwoot sets `extension` only
 * for some channels, never for a Client API upload.
 */
export function publicAttachmentData(attachment: SimAttachment): JsonObject {
  return {
    id: attachment.id,
    message_id: attachment.messageId,
    file_type: attachment.fileType,
    account_id: ACCOUNT_ID,
    extension: null,
    data_url: attachment.dataUrl,
    thumb_url: attachment.fileType === 'image' ? attachment.dataUrl : '',
    file_size: attachment.content.length,
    width: null,
    height: null,
  };
}
