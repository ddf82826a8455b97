import type { SimulatorChatwootVersion } from '../config';
import { internalError, notFound, ok, type SimHandler, type SimResponse, type SimRouter, unprocessable } from './http';
import {
  ACCOUNT_ID,
  hashMatches,
  identifierHash,
  type JsonObject,
  type SimContact,
  type SimContactInbox,
  type SimInbox,
  type SimulatorStore,
} from './store';

/**
 * The Client API contact endpoints as Chatwoot's ContactsController and ContactIdentifyAction behave: inbox lookup,
 * then contact lookup, then the HMAC check, then the action; blank values dropped on update; duplicates merged
 * rather than refused; custom attributes deep-merged.
 */

const PERMITTED = ['identifier', 'identifier_hash', 'email', 'name', 'avatar_url', 'phone_number', 'custom_attributes'];
const EMAIL_FORMAT = /^[^@\s]+@[^@\s]+$/;
// Anchored only at the end, exactly as Chatwoot's model validation is.
const PHONE_FORMAT = /\+[1-9]\d{1,14}$/;
const MAX_LENGTH = 255;

export function registerContactRoutes(router: SimRouter, store: SimulatorStore, version: SimulatorChatwootVersion): void {
  const base = '/public/api/v1/inboxes/:inbox/contacts';

  const create: SimHandler = (req) => {
    const inbox = store.findInbox(req.params.inbox!);
    if (!inbox) return notFound();
    const params = permit(req.body);
    if (!hmacPasses(inbox, params)) return internalError();

    const sourceId = typeof req.body.source_id === 'string' && req.body.source_id !== '' ? req.body.source_id : undefined;
    const existingLink = sourceId ? store.findContactInbox(inbox, sourceId) : undefined;
    if (existingLink) return ok(publicContact(store.contactOf(existingLink), existingLink));

    const email = blankToNull(params.email)?.toLowerCase() ?? null;
    const phone = blankToNull(params.phone_number);
    const identifier = blankToNull(params.identifier);
    const invalid = validate({ email, phone_number: phone, name: blankToNull(params.name), identifier });
    if (invalid) return invalid;

    const contact =
      (identifier && store.findContactBy((c) => c.identifier === identifier)) ||
      (email && store.findContactBy((c) => c.email === email)) ||
      (phone && store.findContactBy((c) => c.phoneNumber === phone)) ||
      store.addContact({
        name: blankToNull(params.name) ?? randomName(),
        email,
        phoneNumber: phone,
        identifier,
        customAttributes: asObject(params.custom_attributes) ?? {},
        contactType: email || phone ? 'lead' : 'visitor',
      });
    const link = store.linkContact(contact, inbox, sourceId);
    return ok(publicContact(contact, link));
  };

  const show: SimHandler = (req) => {
    const found = findContact(store, req.params.inbox!, req.params.contact!);
    if ('status' in found) return found;
    const params = permit(req.body);
    if (!hmacPasses(found.inbox, params)) return internalError();
    markVerified(found.link, params);
    return ok(publicContact(store.contactOf(found.link), found.link));
  };

  const update: SimHandler = (req) => {
    const found = findContact(store, req.params.inbox!, req.params.contact!);
    if ('status' in found) return found;
    const params = permit(req.body);
    if (!hmacPasses(found.inbox, params)) return internalError();
    markVerified(found.link, params);

    const result = identifyAndUpdate(store, store.contactOf(found.link), params);
    if ('status' in result) return result;
    return ok(version === '4.15' ? fullRecord(result) : publicContact(result, found.link));
  };

  router.on('POST', base, create);
  router.on('GET', `${base}/:contact`, show);
  router.on(['PATCH', 'PUT'], `${base}/:contact`, update);
}

/** Resolves the inbox, then the contact within it; either missing is a 404, before any HMAC check. */
export function findContact(
  store: SimulatorStore,
  inboxIdentifier: string,
  sourceId: string,
): { inbox: SimInbox; link: SimContactInbox } | SimResponse {
  const inbox = store.findInbox(inboxIdentifier);
  if (!inbox) return notFound();
  const link = store.findContactInbox(inbox, sourceId);
  if (!link) return notFound();
  return { inbox, link };
}

function permit(body: JsonObject): JsonObject {
  const params: JsonObject = {};
  for (const key of PERMITTED) if (key in body) params[key] = body[key];
  return params;
}

/** Skipped when no hash is sent and the inbox does not insist; otherwise the hash must match. */
function hmacPasses(inbox: SimInbox, params: JsonObject): boolean {
  const given = blankToNull(params.identifier_hash);
  if (given === null && !inbox.hmacMandatory) return true;
  return hashMatches(identifierHash(inbox.hmacToken, params.identifier), given ?? '');
}

function markVerified(link: SimContactInbox, params: JsonObject): void {
  if (blankToNull(params.identifier_hash) !== null) link.hmacVerified = true;
}

/**
 * ContactIdentifyAction without the identifier (the public update drops it): merge into a contact that already has
 * the e-mail, then into one that has the phone number, then apply the non-blank values.
 */
function identifyAndUpdate(store: SimulatorStore, start: SimContact, params: JsonObject): SimContact | SimResponse {
  const email = blankToNull(params.email)?.toLowerCase() ?? null;
  let phone = blankToNull(params.phone_number);
  const name = blankToNull(params.name);
  const invalid = validate({ email, phone_number: phone, name, identifier: null });
  if (invalid) return invalid;

  let contact = start;
  if (email) {
    const owner = store.findContactBy((c) => c.id !== contact.id && c.email === email);
    if (owner) contact = merge(store, contact, owner);
  }
  if (phone) {
    const owner = store.findContactBy((c) => c.id !== contact.id && c.phoneNumber === phone);
    if (owner && email && owner.email && owner.email !== email) phone = null;
    else if (owner) contact = merge(store, contact, owner);
  }

  const before = JSON.stringify(contact);
  if (name) contact.name = name;
  if (email) contact.email = email;
  if (phone) contact.phoneNumber = phone;
  const attributes = asObject(params.custom_attributes);
  if (attributes) contact.customAttributes = deepMerge(contact.customAttributes, attributes);
  if ((contact.email || contact.phoneNumber) && contact.contactType === 'visitor') contact.contactType = 'lead';
  if (JSON.stringify(contact) !== before) contact.updatedAt = new Date();
  return contact;
}

/** The existing contact's values win where both have one. */
function merge(store: SimulatorStore, current: SimContact, existing: SimContact): SimContact {
  existing.name ||= current.name;
  existing.email ??= current.email;
  existing.phoneNumber ??= current.phoneNumber;
  existing.identifier ??= current.identifier;
  existing.customAttributes = { ...current.customAttributes, ...existing.customAttributes };
  store.mergeContacts(current, existing);
  return existing;
}

function validate(fields: { email: string | null; phone_number: string | null; name: string | null; identifier: string | null }): SimResponse | null {
  const messages: string[] = [];
  const attributes: string[] = [];
  const fail = (attribute: string, message: string) => {
    messages.push(message);
    if (!attributes.includes(attribute)) attributes.push(attribute);
  };
  if (fields.email !== null && !EMAIL_FORMAT.test(fields.email)) fail('email', 'Email Invalid email');
  if (fields.email !== null && fields.email.length > MAX_LENGTH) fail('email', 'Email is too long (maximum is 255 characters)');
  if (fields.phone_number !== null && !PHONE_FORMAT.test(fields.phone_number)) {
    fail('phone_number', 'Phone number should be in e164 format');
  }
  if (fields.name !== null && fields.name.length > MAX_LENGTH) fail('name', 'Name is too long (maximum is 255 characters)');
  if (fields.identifier !== null && fields.identifier.length > MAX_LENGTH) {
    fail('identifier', 'Identifier is too long (maximum is 255 characters)');
  }
  return messages.length > 0 ? unprocessable(messages, attributes) : null;
}

/** The public contact partial: what create, show and (from 4.16) update return. */
export function publicContact(contact: SimContact, link: SimContactInbox): JsonObject {
  return {
    source_id: link.sourceId,
    pubsub_token: link.pubsubToken,
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone_number: contact.phoneNumber,
  };
}

/** Every column of the contact, as `render json: contact` gave it before 4.16 (and as conversations embed it). */
export function fullRecord(contact: SimContact): JsonObject {
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone_number: contact.phoneNumber,
    account_id: ACCOUNT_ID,
    created_at: contact.createdAt.toISOString(),
    updated_at: contact.updatedAt.toISOString(),
    additional_attributes: contact.additionalAttributes,
    identifier: contact.identifier,
    custom_attributes: contact.customAttributes,
    last_activity_at: contact.lastActivityAt?.toISOString() ?? null,
    contact_type: contact.contactType,
    middle_name: '',
    last_name: '',
    location: null,
    country_code: null,
    blocked: contact.blocked,
    company_id: null,
  };
}

/** Rails' `blank?` for what JSON can carry: null, '' and whitespace-only strings are blank. */
function blankToNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function asObject(value: unknown): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** Ruby's Hash#deep_merge: nested objects merge, everything else (null included) is replaced. */
export function deepMerge(target: JsonObject, source: JsonObject): JsonObject {
  const result: JsonObject = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const current = Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined;
    const both = asObject(current) && asObject(value);
    Object.defineProperty(result, key, {
      value: both ? deepMerge(current as JsonObject, value as JsonObject) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

const ADJECTIVES = ['autumn', 'hidden', 'bitter', 'misty', 'silent', 'empty', 'dry', 'dark', 'summer', 'icy', 'quiet', 'white'];
const NOUNS = ['waterfall', 'river', 'breeze', 'moon', 'rain', 'wind', 'sea', 'morning', 'snow', 'lake', 'sunset', 'pine'];

/** Chatwoot names a contact created without a name "adjective-noun-NNN" (Haikunator). */
function randomName(): string {
  const pick = (list: string[]) => list[Math.floor(Math.random() * list.length)]!;
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
}
