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
}

export interface SimContactInbox {
  sourceId: string;
  contactId: number;
  inboxId: number;
  pubsubToken: string;
  hmacVerified: boolean;
}

export const ACCOUNT_ID = 1;

export class SimulatorStore {
  readonly inboxes: SimInbox[] = [];
  readonly contacts = new Map<number, SimContact>();
  readonly contactInboxes: SimContactInbox[] = [];
  private nextId = { inbox: 1, contact: 1 };

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

  /** Moves everything of `from` onto `into` and deletes `from`, as Chatwoot's ContactMergeAction does. */
  mergeContacts(from: SimContact, into: SimContact): void {
    for (const link of this.contactInboxes) if (link.contactId === from.id) link.contactId = into.id;
    this.onMerge?.(from, into);
    this.contacts.delete(from.id);
  }

  /** Lets other record kinds (conversations, messages) follow a contact merge. */
  onMerge?: (from: SimContact, into: SimContact) => void;
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
