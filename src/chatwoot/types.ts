/**
 * Plain data the adapter returns: Chatwoot's records with camelCase names, and nothing of GraphQL.
 * A field Chatwoot did not send is `null`, never invented.
 */

/** A contact as the public Client API shows it. Chatwoot 4.16+ returns a slim shape on update; older ones the full record. */
export interface ContactRecord {
  id: string;
  sourceId: string | null;
  inboxIdentifier: string | null;
  name: string | null;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  avatarUrl: string | null;
  customAttributes: Record<string, unknown> | null;
  pubsubToken: string | null;
}

/** The contact fields the public update accepts, named as the gateway's callers name them. */
export interface ContactChanges {
  identifier?: string | null;
  identifierHash?: string | null;
  email?: string | null;
  name?: string | null;
  phoneNumber?: string | null;
  avatarUrl?: string | null;
  customAttributes?: Record<string, unknown> | null;
}

/** A JSON object as it came off the wire. */
export type JsonObject = { [key: string]: unknown };
