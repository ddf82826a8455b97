import type { AccountContactRecord } from '../../../chatwoot/operations/application/contacts';
import type { AccountConversationRecord } from '../../../chatwoot/operations/application/conversationRecords';

/**
 * What a resolver knows of a contact before reading it: its key, and the record when a call already returned it.
 * `partial` marks a record embedded in another one (a conversation's `meta.sender`), which lacks some fields: those
 * read the contact itself, once per request.
 */
export interface AccountContactRef {
  readonly accountId: string;
  readonly id: string;
  readonly record?: AccountContactRecord;
  readonly partial?: boolean;
}

/** A conversation's key (account and display id), and its record when a call already returned it. */
export interface AccountConversationRef {
  readonly accountId: string;
  readonly displayId: number;
  readonly record?: AccountConversationRecord;
}

/** A contact reference carrying a record a call returned (`partial` for an embedded one). */
export const contactRef = (record: AccountContactRecord, partial = false): AccountContactRef => ({ accountId: record.accountId, id: record.id, record, partial });

/** A conversation reference carrying the record a call returned. */
export const conversationRef = (record: AccountConversationRecord): AccountConversationRef => ({
  accountId: record.accountId,
  displayId: record.displayId,
  record,
});
