import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * The in-memory state of the simulated Chatwoot: one account, its API inboxes, contacts and the contact-inbox links
 * (source ids). Records are named and shaped after Chatwoot's database tables so the behaviour code reads like
 * Chatwoot's own.
 */

export type JsonObject = { [key: string]: unknown };

export interface SimInbox {
  id: number;
  /** The public identifier (Channel::Api.identifier), 24 characters. */
  identifier: string;
  name: string;
  /** The secret behind identity validation (HMAC). */
  hmacToken: string;
  /** When true, every contact call must carry a valid identifier_hash. */
  hmacMandatory: boolean;
  timezone: string;
  workingHoursEnabled: boolean;
  csatSurveyEnabled: boolean;
  greetingEnabled: boolean;
  lockToSingleConversation: boolean;
}

export interface SimContact {
  id: number;
  name: string;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  customAttributes: JsonObject;
  additionalAttributes: JsonObject;
  contactType: 'visitor' | 'lead' | 'customer';
  createdAt: Date;
  updatedAt: Date;
  lastActivityAt: Date | null;
  blocked: boolean;
  /** The titles of the contact's labels (Chatwoot's taggings), for the Application API. */
  labels: string[];
}

export interface SimContactInbox {
  sourceId: string;
  contactId: number;
  inboxId: number;
  pubsubToken: string;
  hmacVerified: boolean;
}

export type SimConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';

export interface SimConversation {
  /** The database id; never shown by the Client API. */
  id: number;
  /** The per-account number the public routes use as `ownerid`. */
  displayId: number;
  uuid: string;
  inboxId: number;
  contactId: number;
  /** The contact_inbox (source id) the conversation was opened through. */
  sourceId: string;
  status: SimConversationStatus;
  customAttributes: JsonObject;
  /** Unix seconds; 0 when never seen. */
  contactLastSeenAt: number;
  agentLastSeenAt: number;
  /** What the last toggle_typing asked for (Chatwoot broadcasts it; kept here so tests can see it arrived). */
  typingStatus: string | null;
  // The agents' side (Application API); defaults keep the Client API's records as they were.
  /** The assigned agent's user id. */
  assigneeId: number | null;
  teamId: number | null;
  priority: 'low' | 'medium' | 'high' | 'urgent' | null;
  labels: string[];
  additionalAttributes: JsonObject;
  /** Unix seconds. */
  snoozedUntil: number | null;
  createdAt: number;
  lastActivityAt: number;
}

/** 0 incoming, 1 outgoing, 2 activity, 3 template: Chatwoot's integer message types. */
export type SimMessageType = 0 | 1 | 2 | 3;

export interface SimMessage {
  id: number;
  /** The conversation's database id. */
  conversationId: number;
  messageType: SimMessageType;
  content: string | null;
  contentType: string;
  contentAttributes: JsonObject;
  /** Private notes are for agents only. */
  private: boolean;
  /** Unix seconds. */
  createdAt: number;
  sender: { type: 'contact' | 'user'; id: number; name: string } | null;
  attachments: SimAttachment[];
  status: 'sent' | 'delivered' | 'read' | 'failed';
  echoId: string | null;
}

/** A file attached to a message (Chatwoot's attachments table plus the Active Storage blob behind it). */
export interface SimAttachment {
  id: number;
  messageId: number;
  /** Chatwoot's file_type, from the content type: image, audio, video or file. */
  fileType: 'image' | 'audio' | 'video' | 'file';
  filename: string;
  mimeType: string;
  content: Buffer;
  /** Where the simulator serves the file; fixed when uploaded, as Chatwoot's URLs are built from its FRONTEND_URL. */
  dataUrl: string;
}

/**
 * A change of state the realtime endpoint (src/simulator/cable.ts) turns into broadcasts. Emitted by the store for
 * messages and conversations it adds, and by the routes for status and typing changes.
 */
export type SimStoreEvent =
  | { type: 'message.created'; message: SimMessage; conversation: SimConversation }
  | { type: 'conversation.created' | 'conversation.status_changed'; conversation: SimConversation }
  | {
      type: 'conversation.typing_on' | 'conversation.typing_off';
      conversation: SimConversation;
      /** Who is typing; they do not receive their own typing event. */
      typer: { type: 'contact' | 'user'; id: number };
      isPrivate: boolean;
    };

export const ACCOUNT_ID = 1;

export class SimulatorStore {
  readonly inboxes: SimInbox[] = [];
  readonly contacts = new Map<number, SimContact>();
  readonly contactInboxes: SimContactInbox[] = [];
  readonly conversations: SimConversation[] = [];
  readonly messages: SimMessage[] = [];
  private nextId = { inbox: 1, contact: 1, conversation: 1, displayId: 1, message: 1, attachment: 1 };
  private readonly listeners = new Set<(event: SimStoreEvent) => void>();

  /** Hears every change the realtime endpoint broadcasts; returns the function that stops listening. */
  listen(listener: (event: SimStoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Announces a change (the store does for what it adds; routes do for what they change in place). */
  emit(event: SimStoreEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /**
   * An agent's reply (or private note) in a conversation, as the dashboard or the Application API would add it;
   * it is broadcast like any message. Tests use it to play the agent.
   */
  replyAsAgent(conversation: SimConversation, agent: { id: number; name: string }, content: string, options: { private?: boolean } = {}): SimMessage {
    return this.addMessage(conversation, {
      messageType: 1,
      content,
      private: options.private ?? false,
      sender: { type: 'user', id: agent.id, name: agent.name },
    });
  }

  addInbox(fields: Partial<SimInbox> & Pick<SimInbox, 'name'>): SimInbox {
    const inbox: SimInbox = {
      id: this.nextId.inbox++,
      identifier: fields.identifier ?? secureToken(),
      hmacToken: fields.hmacToken ?? secureToken(),
      hmacMandatory: false,
      timezone: 'UTC',
      workingHoursEnabled: false,
      csatSurveyEnabled: false,
      greetingEnabled: false,
      lockToSingleConversation: false,
      ...fields,
    };
    this.inboxes.push(inbox);
    return inbox;
  }

  addContact(fields: Partial<SimContact>): SimContact {
    const now = new Date();
    const contact: SimContact = {
      id: this.nextId.contact++,
      name: '',
      email: null,
      phoneNumber: null,
      identifier: null,
      customAttributes: {},
      additionalAttributes: {},
      contactType: 'visitor',
      createdAt: now,
      updatedAt: now,
      lastActivityAt: null,
      blocked: false,
      labels: [],
      ...fields,
    };
    this.contacts.set(contact.id, contact);
    return contact;
  }

  linkContact(contact: SimContact, inbox: SimInbox, sourceId: string = randomUUID()): SimContactInbox {
    const link: SimContactInbox = {
      sourceId,
      contactId: contact.id,
      inboxId: inbox.id,
      pubsubToken: secureToken(),
      hmacVerified: false,
    };
    this.contactInboxes.push(link);
    return link;
  }

  findInbox(identifier: string): SimInbox | undefined {
    return this.inboxes.find((inbox) => inbox.identifier === identifier);
  }

  findContactInbox(inbox: SimInbox, sourceId: string): SimContactInbox | undefined {
    return this.contactInboxes.find((link) => link.inboxId === inbox.id && link.sourceId === sourceId);
  }

  contactOf(link: SimContactInbox): SimContact {
    const contact = this.contacts.get(link.contactId);
    if (!contact) throw new Error(`contact ${link.contactId} of source id ${link.sourceId} is missing`);
    return contact;
  }

  findContactBy(predicate: (contact: SimContact) => boolean): SimContact | undefined {
    for (const contact of this.contacts.values()) if (predicate(contact)) return contact;
    return undefined;
  }

  /** Opens a conversation through a contact inbox, numbering it with the account's next display id. */
  addConversation(link: SimContactInbox, fields: Partial<SimConversation> = {}): SimConversation {
    const conversation: SimConversation = {
      id: this.nextId.conversation++,
      displayId: this.nextId.displayId++,
      uuid: randomUUID(),
      inboxId: link.inboxId,
      contactId: link.contactId,
      sourceId: link.sourceId,
      status: 'open',
      customAttributes: {},
      contactLastSeenAt: 0,
      agentLastSeenAt: 0,
      typingStatus: null,
      assigneeId: null,
      teamId: null,
      priority: null,
      labels: [],
      additionalAttributes: {},
      snoozedUntil: null,
      createdAt: Math.floor(Date.now() / 1000),
      lastActivityAt: Math.floor(Date.now() / 1000),
      ...fields,
    };
    this.conversations.push(conversation);
    this.emit({ type: 'conversation.created', conversation });
    return conversation;
  }

  /** Adds a message; ids grow with time, as database ids do. */
  addMessage(conversation: SimConversation, fields: Partial<SimMessage> = {}): SimMessage {
    const message: SimMessage = {
      id: this.nextId.message++,
      conversationId: conversation.id,
      messageType: 0,
      content: null,
      contentType: 'text',
      contentAttributes: {},
      private: false,
      createdAt: Math.floor(Date.now() / 1000),
      sender: null,
      attachments: [],
      status: 'sent',
      echoId: null,
      ...fields,
    };
    this.messages.push(message);
    const owner = this.conversations.find((c) => c.id === message.conversationId);
    if (owner && message.messageType !== 2) owner.lastActivityAt = Math.max(owner.lastActivityAt, message.createdAt);
    this.emit({ type: 'message.created', message, conversation });
    return message;
  }

  /** Attaches a file to a message, served by the simulator at `{origin}/rails/active_storage/blobs/redirect/{id}/{name}`. */
  addAttachment(message: SimMessage, file: { filename: string; mimeType: string; content: Buffer }, origin: string): SimAttachment {
    const id = this.nextId.attachment++;
    const attachment: SimAttachment = {
      id,
      messageId: message.id,
      fileType: fileTypeOf(file.mimeType),
      ...file,
      dataUrl: `${origin}/rails/active_storage/blobs/redirect/${id}/${encodeURIComponent(file.filename)}`,
    };
    message.attachments.push(attachment);
    return attachment;
  }

  /** Moves everything of `from` onto `into` and deletes `from`, as Chatwoot's ContactMergeAction does. */
  mergeContacts(from: SimContact, into: SimContact): void {
    for (const link of this.contactInboxes) if (link.contactId === from.id) link.contactId = into.id;
    for (const conversation of this.conversations) if (conversation.contactId === from.id) conversation.contactId = into.id;
    this.onMerge?.(from, into);
    this.contacts.delete(from.id);
  }

  /** Lets other record kinds (conversations, messages) follow a contact merge. */
  onMerge?: (from: SimContact, into: SimContact) => void;
}

/** Chatwoot's file_type for an upload: by the content type's top-level kind, `file` for everything else. */
export function fileTypeOf(mimeType: string): SimAttachment['fileType'] {
  const kind = mimeType.split('/', 1)[0]?.toLowerCase();
  return kind === 'image' || kind === 'audio' || kind === 'video' ? kind : 'file';
}

/** A 24-character token like Rails' has_secure_token. */
export function secureToken(): string {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  return Array.from(randomBytes(24), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Chatwoot's identity check: lower-case hex HMAC-SHA256 of the identifier (as a string), keyed with the inbox token. */
export function identifierHash(hmacToken: string, identifier: unknown): string {
  return createHmac('sha256', hmacToken).update(identifier === undefined || identifier === null ? '' : String(identifier)).digest('hex');
}

export function hashMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
