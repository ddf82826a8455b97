import type { HttpMethod } from './errors';
import { pathSegment, queryString } from './paths';
import { expectObject, objectOrNull, stringOrNull } from './records';
import type { RequestOptions } from './requestOptions';
import type { CallContext, ChatwootTransport, UpstreamCall } from './transport';
import type { ContactChanges, ContactRecord, JsonObject } from './types';
import { checkFetchableUrl } from './urlPolicy';

/** Identifies a contact through an inbox of the Client API. */
export interface ContactAddress {
  inboxIdentifier: string;
  contactIdentifier: string;
}

/** Identity proof for inboxes that validate identities (HMAC of `identifier` with the inbox's token). */
export interface IdentityProof {
  identifier?: string | null;
  identifierHash?: string | null;
}

export interface CreateContactFields extends ContactChanges {
  /** The identifier to give the new contact within the inbox; Chatwoot makes a UUID when left out. */
  sourceId?: string | null;
}

/** The snake_case names Chatwoot's public contact endpoints use, for the fields callers may set. */
const FIELD_NAMES: Readonly<Record<keyof CreateContactFields, string>> = {
  sourceId: 'source_id',
  identifier: 'identifier',
  identifierHash: 'identifier_hash',
  email: 'email',
  name: 'name',
  phoneNumber: 'phone_number',
  avatarUrl: 'avatar_url',
  customAttributes: 'custom_attributes',
};

export interface ContactSettings {
  /** Whether avatarUrl may name loopback, link-local and private addresses (GATEWAY_ALLOW_PRIVATE_URLS). Default no. */
  readonly allowPrivateUrls?: boolean;
}

/** The Client API's contact endpoints: `/public/api/v1/inboxes/{inbox}/contacts...`. */
export class ContactsResource {
  constructor(
    private readonly transport: ChatwootTransport,
    private readonly settings: ContactSettings = {},
  ) {}

  /**
   * Describes `GET .../contacts/{contact}` without sending it (the per-request loaders key reads by it). Identity
   * proof goes in the query string, where Chatwoot reads it for a GET.
   */
  getCall(address: ContactAddress, proof: IdentityProof = {}, options?: RequestOptions | null): UpstreamCall {
    const query = queryString({ identifier: proof.identifier, identifier_hash: proof.identifierHash });
    return { method: 'GET', path: contactPath(address), query, options, pathTemplate: CONTACT_TEMPLATE };
  }

  /** `GET .../contacts/{contact}`. */
  async get(
    context: CallContext,
    address: ContactAddress,
    proof: IdentityProof = {},
    options?: RequestOptions | null,
  ): Promise<ContactRecord> {
    return this.call(context, address.inboxIdentifier, this.getCall(address, proof, options));
  }

  /** `POST .../contacts`. Chatwoot answers 200 and reuses an existing contact with the same source id, identifier, e-mail or phone. */
  async create(
    context: CallContext,
    inboxIdentifier: string,
    fields: CreateContactFields,
    options?: RequestOptions | null,
  ): Promise<ContactRecord> {
    this.checkAvatarUrl(fields);
    return this.call(context, inboxIdentifier, {
      method: 'POST',
      path: `/public/api/v1/inboxes/${pathSegment(inboxIdentifier, 'inboxIdentifier')}/contacts`,
      pathTemplate: CONTACTS_TEMPLATE,
      body: toChatwootFields(fields),
      options,
    });
  }

  /** `PATCH .../contacts/{contact}` with exactly the fields that were set. */
  async update(
    context: CallContext,
    address: ContactAddress,
    changes: ContactChanges,
    options?: RequestOptions | null,
  ): Promise<ContactRecord> {
    this.checkAvatarUrl(changes);
    return this.call(context, address.inboxIdentifier, {
      method: 'PATCH',
      path: contactPath(address),
      pathTemplate: CONTACT_TEMPLATE,
      body: toChatwootFields(changes),
      options,
    });
  }

  /** Chatwoot downloads avatarUrl itself: it must not point it inside its own network. */
  private checkAvatarUrl(fields: ContactChanges): void {
    if (typeof fields.avatarUrl === 'string') checkFetchableUrl(fields.avatarUrl, 'avatarUrl', this.settings.allowPrivateUrls === true);
  }

  private async call(
    context: CallContext,
    inboxIdentifier: string,
    call: { method: HttpMethod; path: string; pathTemplate?: string; query?: string; body?: unknown; options?: RequestOptions | null },
  ): Promise<ContactRecord> {
    const { body, upstream } = await this.transport.exchange(context, call);
    return toContactRecord(expectObject(body, upstream), inboxIdentifier);
  }
}

// The templates logs and metrics name these calls by, spelled out so that the hot path does not derive them from the
// encoded path on every call (what pathTemplate() gives for these paths).
const CONTACTS_TEMPLATE = '/public/api/v1/inboxes/:inbox/contacts';
const CONTACT_TEMPLATE = '/public/api/v1/inboxes/:inbox/contacts/:contact';

export function contactPath(address: ContactAddress): string {
  const inbox = pathSegment(address.inboxIdentifier, 'inboxIdentifier');
  const contact = pathSegment(address.contactIdentifier, 'contactIdentifier');
  return `/public/api/v1/inboxes/${inbox}/contacts/${contact}`;
}

/** Copies only the fields that are present (an explicit null is kept: it is sent as JSON null). */
function toChatwootFields(fields: CreateContactFields): JsonObject {
  const body: JsonObject = {};
  for (const key of Object.keys(FIELD_NAMES) as (keyof CreateContactFields)[]) {
    if (fields[key] !== undefined) body[FIELD_NAMES[key]] = fields[key];
  }
  return body;
}

/** Maps either shape Chatwoot returns (the slim public contact, or the full record before 4.16). */
export function toContactRecord(raw: JsonObject, inboxIdentifier: string | null): ContactRecord {
  return {
    id: stringOrNull(raw.id) ?? '',
    sourceId: stringOrNull(raw.source_id),
    inboxIdentifier,
    name: stringOrNull(raw.name),
    email: stringOrNull(raw.email),
    phoneNumber: stringOrNull(raw.phone_number),
    identifier: stringOrNull(raw.identifier),
    avatarUrl: stringOrNull(raw.avatar_url) ?? stringOrNull(raw.thumbnail) ?? null,
    customAttributes: objectOrNull(raw.custom_attributes),
    pubsubToken: stringOrNull(raw.pubsub_token),
  };
}
