import { randomUUID } from 'node:crypto';
import { ok, type SimResponse, type SimRouter, unprocessable } from '../http';
import type { JsonObject, SimContact, SimulatorStore } from '../store';
import { type AccountRequest, error, NOT_AUTHORIZED, onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator, wrapped } from './auth';
import { contactInboxesView, contactView, conversationView, inboxSlimView } from './crmViews';
import { CONTACT_OPERATORS, type Condition, matches, parseConditions } from './filterEngine';
import type { ApplicationStore } from './store';
import { visibleConversations, visibleInboxIds } from './visibility';

/** Chatwoot's contacts controller pages 15 at a time. */
export const CONTACTS_PER_PAGE = 15;
const SORTABLE: Record<string, (c: SimContact) => string | number> = {
  name: (c) => c.name.toLowerCase(),
  email: (c) => c.email ?? '',
  phone_number: (c) => c.phoneNumber ?? '',
  created_at: (c) => c.createdAt.getTime(),
  last_activity_at: (c) => c.lastActivityAt?.getTime() ?? 0,
  company_name: (c) => String(c.additionalAttributes.company_name ?? ''),
  city: (c) => String(c.additionalAttributes.city ?? ''),
  country: (c) => String(c.additionalAttributes.country ?? ''),
};

/** `/api/v1/accounts/{id}/contacts` and the contact merge action. Every member may use them; delete is for administrators. */
export function registerContactRoutes(router: SimRouter, app: ApplicationStore, records: SimulatorStore): void {
  const all = (req: AccountRequest) => (req.account.id === 1 ? [...records.contacts.values()] : []);
  const find = (req: AccountRequest, name = 'id') => {
    const id = pathId(req, name);
    return id === null || req.account.id !== 1 ? undefined : records.contacts.get(id);
  };
  const page = (req: AccountRequest) => Math.max(1, Number(req.query.get('page') ?? 1) || 1);
  const sorted = (req: AccountRequest, contacts: SimContact[]) => {
    const sort = req.query.get('sort') ?? '';
    const key = SORTABLE[sort.replace(/^-/, '')];
    if (!key) return contacts.sort((a, b) => a.id - b.id);
    const direction = sort.startsWith('-') ? -1 : 1;
    return contacts.sort((a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : a.id - b.id));
  };
  const slice = (req: AccountRequest, contacts: SimContact[]) => contacts.slice((page(req) - 1) * CONTACTS_PER_PAGE, page(req) * CONTACTS_PER_PAGE);
  const view = (req: AccountRequest, contact: SimContact) => contactView(records, contact, req.query.get('include_contact_inboxes') !== 'false');

  onAccount(app, router, 'GET', '/contacts', (req) => {
    const labels = req.query.getAll('labels[]');
    const contacts = sorted(req, all(req).filter((c) => labels.every((l) => c.labels.includes(l))));
    return ok({ meta: { count: contacts.length, current_page: page(req) }, payload: slice(req, contacts).map((c) => view(req, c)) });
  });

  onAccount(app, router, 'GET', '/contacts/search', (req) => {
    const q = (req.query.get('q') ?? '').toLowerCase();
    if (q === '') return error(422, 'Specify search string with parameter q');
    const hits = sorted(req, all(req).filter((c) => [c.name, c.email, c.phoneNumber, c.identifier].some((v) => v?.toLowerCase().includes(q))));
    const rows = slice(req, hits);
    // The search's count is the rows of this page, with has_more (erratum E9).
    return ok({ meta: { count: rows.length, current_page: page(req), has_more: page(req) * CONTACTS_PER_PAGE < hits.length }, payload: rows.map((c) => view(req, c)) });
  });

  onAccount(app, router, 'POST', '/contacts/filter', (req) => {
    const conditions = parseConditions(req.body.payload, CONTACT_OPERATORS);
    if (!Array.isArray(conditions)) return conditions;
    const hits = sorted(req, all(req).filter((c) => matches(c, conditions, contactValue, true)));
    return ok({ meta: { count: hits.length, current_page: page(req) }, payload: slice(req, hits).map((c) => view(req, c)) });
  });

  onAccount(app, router, 'GET', '/contacts/:id', (req) => {
    const contact = find(req);
    return contact ? ok({ payload: contactView(records, contact) }) : RECORD_NOT_FOUND;
  });

  onAccount(app, router, 'POST', '/contacts', (req) => {
    if (req.account.id !== 1) return error(422, 'The simulator keeps contacts for account 1 only');
    const fields = wrapped(req, 'contact');
    const inboxId = fields.inbox_id;
    const inbox = inboxId !== undefined && inboxId !== null ? records.inboxes.find((i) => i.id === Number(inboxId)) : undefined;
    if (inboxId !== undefined && inboxId !== null && !inbox) return RECORD_NOT_FOUND;
    const contact = records.addContact({ name: '' });
    const invalid = apply(records, contact, fields);
    if (invalid) {
      records.contacts.delete(contact.id);
      return invalid;
    }
    const link = inbox ? records.linkContact(contact, inbox) : undefined;
    return ok({
      payload: { contact: contactView(records, contact), contact_inbox: link && inbox ? { inbox: inboxSlimView(inbox), source_id: link.sourceId } : null },
    });
  });

  onAccount(app, router, 'PUT', '/contacts/:id', (req) => {
    const contact = find(req);
    if (!contact) return RECORD_NOT_FOUND;
    return apply(records, contact, wrapped(req, 'contact')) ?? ok({ payload: contactView(records, contact) });
  });

  onAccount(app, router, 'DELETE', '/contacts/:id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const contact = find(req);
    if (!contact) return RECORD_NOT_FOUND;
    records.contacts.delete(contact.id);
    return ok();
  });

  onAccount(app, router, 'POST', '/contacts/:id/contact_inboxes', (req) => {
    const contact = find(req);
    if (!contact) return RECORD_NOT_FOUND;
    const inbox = records.inboxes.find((i) => i.id === Number(req.body.inbox_id));
    if (!inbox) return RECORD_NOT_FOUND;
    if (!visibleInboxIds(app, records, req).includes(inbox.id)) return NOT_AUTHORIZED;
    const sourceId = typeof req.body.source_id === 'string' && req.body.source_id !== '' ? req.body.source_id : randomUUID();
    if (records.contactInboxes.some((l) => l.inboxId === inbox.id && l.sourceId === sourceId)) return unprocessable(['Source has already been taken'], ['source_id']);
    const link = records.linkContact(contact, inbox, sourceId);
    return ok({ source_id: link.sourceId, inbox: inboxSlimView(inbox) });
  });

  onAccount(app, router, 'GET', '/contacts/:id/contactable_inboxes', (req) => {
    const contact = find(req);
    if (!contact) return RECORD_NOT_FOUND;
    const linked = new Map(contactInboxesView(records, contact).map((l) => [(l.inbox as JsonObject).id, l.source_id]));
    const inboxes = records.inboxes.filter((i) => visibleInboxIds(app, records, req).includes(i.id));
    return ok({ payload: inboxes.map((inbox) => ({ inbox: inboxSlimView(inbox), source_id: linked.get(inbox.id) ?? randomUUID() })) });
  });

  onAccount(app, router, 'GET', '/contacts/:id/conversations', (req) => {
    const contact = find(req);
    if (!contact) return RECORD_NOT_FOUND;
    const mine = visibleConversations(app, records, req).filter((c) => c.contactId === contact.id);
    const latest = mine.sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.id - a.id).slice(0, 20);
    return ok({ payload: latest.map((c) => conversationView(app, records, c)) });
  });

  onAccount(app, router, 'GET', '/contacts/:id/labels', (req) => {
    const contact = find(req);
    return contact ? ok({ payload: contact.labels }) : RECORD_NOT_FOUND;
  });

  onAccount(app, router, 'POST', '/contacts/:id/labels', (req) => {
    const contact = find(req);
    if (!contact) return RECORD_NOT_FOUND;
    // update_labels replaces the set (erratum E36).
    contact.labels = Array.isArray(req.body.labels) ? [...new Set(req.body.labels.map(String))] : [];
    return ok({ payload: contact.labels });
  });

  onAccount(app, router, 'POST', '/actions/contact_merge', (req) => {
    const base = records.contacts.get(Number(req.body.base_contact_id));
    const mergee = records.contacts.get(Number(req.body.mergee_contact_id));
    if (!base || !mergee || req.account.id !== 1) return RECORD_NOT_FOUND;
    if (base === mergee) return error(422, 'contact does not belong to the account');
    records.mergeContacts(mergee, base);
    base.labels = [...new Set([...base.labels, ...mergee.labels])];
    return ok(contactView(records, base));
  });
}

function contactValue(contact: SimContact, condition: Condition): unknown {
  if (condition.custom) return contact.customAttributes[condition.key];
  switch (condition.key) {
    case 'name': return contact.name;
    case 'email': return contact.email;
    case 'phone_number': return contact.phoneNumber;
    case 'identifier': return contact.identifier;
    case 'labels': return contact.labels;
    case 'blocked': return String(contact.blocked);
    case 'created_at': return Math.floor(contact.createdAt.getTime() / 1000);
    case 'last_activity_at': return contact.lastActivityAt ? Math.floor(contact.lastActivityAt.getTime() / 1000) : null;
    default: return contact.additionalAttributes[condition.key];
  }
}

/** Applies a create or update: blanks are applied, attribute maps merged shallowly, duplicates refused (no merge). */
function apply(records: SimulatorStore, contact: SimContact, fields: Record<string, unknown>): SimResponse | null {
  for (const [key, attribute, label] of [['email', 'email', 'Email'], ['phone_number', 'phoneNumber', 'Phone number'], ['identifier', 'identifier', 'Identifier']] as const) {
    const value = fields[key];
    if (typeof value !== 'string' || value === '') continue;
    const normalised = key === 'email' ? value.toLowerCase() : value;
    if (records.findContactBy((other) => other !== contact && other[attribute] === normalised)) return unprocessable([`${label} has already been taken`], [key]);
  }
  if (typeof fields.phone_number === 'string' && fields.phone_number !== '' && !/^\+[1-9]\d{1,14}$/.test(fields.phone_number)) {
    return unprocessable(['Phone number should be in e164 format'], ['phone_number']);
  }
  if (typeof fields.name === 'string') contact.name = fields.name;
  if (typeof fields.email === 'string' || fields.email === null) contact.email = fields.email ? fields.email.toLowerCase() : null;
  if (typeof fields.phone_number === 'string' || fields.phone_number === null) contact.phoneNumber = fields.phone_number || null;
  if (typeof fields.identifier === 'string' || fields.identifier === null) contact.identifier = fields.identifier || null;
  if (typeof fields.blocked === 'boolean') contact.blocked = fields.blocked;
  if (isObject(fields.custom_attributes)) contact.customAttributes = { ...contact.customAttributes, ...fields.custom_attributes };
  if (isObject(fields.additional_attributes)) contact.additionalAttributes = { ...contact.additionalAttributes, ...fields.additional_attributes };
  contact.updatedAt = new Date();
  return null;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
