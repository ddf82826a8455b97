import { ok, type SimResponse, type SimRouter, unprocessable } from '../http';
import { removeWhere } from './agents';
import { error, noContent, onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator, wrapped, type AccountRequest } from './auth';
import type { SimCannedResponse, SimCustomAttributeDefinition, SimCustomFilter } from './records';
import type { ApplicationStore } from './store';
import { cannedResponseView, customAttributeDefinitionView, customFilterView } from './structureViews';

const DISPLAY_TYPES = ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox'];
const MODELS = ['conversation_attribute', 'contact_attribute', 'company_attribute'];
const FILTER_TYPES = ['conversation', 'contact', 'report'] as const;
/** Chatwoot's per-user limit on saved filters. */
export const MAX_CUSTOM_FILTERS = 50;

/** A Rails enum value given as its name or its integer; undefined when it is neither. */
function enumMember(set: readonly string[], value: unknown): string | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return set[Number(value)];
  return typeof value === 'string' && set.includes(value) ? value : undefined;
}

/**
 * Custom attribute definitions (administrators change them; DELETE answers 204), canned responses (no policy at all;
 * `search` matches short codes and contents) and saved filters (each user's own; `filter_type` in the body; 204).
 */
export function registerSettingsRoutes(router: SimRouter, store: ApplicationStore): void {
  const { customAttributeDefinitions: definitions, cannedResponses: responses, customFilters: filters } = store.structure;

  const definition = (req: AccountRequest) => definitions.find((d) => d.accountId === req.account.id && d.id === pathId(req));
  onAccount(store, router, 'GET', '/custom_attribute_definitions', (req) => {
    const raw = req.query.get('attribute_model');
    const model = raw ? enumMember(MODELS, raw) : undefined;
    return ok(definitions.filter((d) => d.accountId === req.account.id && (!raw || d.model === model)).map(customAttributeDefinitionView));
  });
  onAccount(store, router, 'GET', '/custom_attribute_definitions/:id', (req) => {
    const found = definition(req);
    return found ? ok(customAttributeDefinitionView(found)) : RECORD_NOT_FOUND;
  });
  onAccount(store, router, 'POST', '/custom_attribute_definitions', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const now = new Date();
    const created: SimCustomAttributeDefinition = {
      id: 0, accountId: req.account.id, displayName: '', key: '', description: null, displayType: 'text', model: 'conversation_attribute',
      values: [], regexPattern: null, regexCue: null, defaultValue: null, createdAt: now, updatedAt: now,
    };
    const invalid = applyDefinition(definitions, created, wrapped(req, 'custom_attribute_definition'), true);
    if (invalid) return invalid;
    created.id = store.nextId('custom_attribute_definitions');
    definitions.push(created);
    return ok(customAttributeDefinitionView(created));
  });
  onAccount(store, router, 'PATCH', '/custom_attribute_definitions/:id', (req) => {
    const found = definition(req);
    if (!found) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    return applyDefinition(definitions, found, wrapped(req, 'custom_attribute_definition'), false) ?? ok(customAttributeDefinitionView(found));
  });
  onAccount(store, router, 'DELETE', '/custom_attribute_definitions/:id', (req) => {
    const found = definition(req);
    if (!found) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    removeWhere(definitions, (d) => d === found);
    return noContent();
  });

  const response = (req: AccountRequest) => responses.find((r) => r.accountId === req.account.id && r.id === pathId(req));
  onAccount(store, router, 'GET', '/canned_responses', (req) => {
    const search = (req.query.get('search') ?? '').toLowerCase();
    const matches = (r: SimCannedResponse) => search === '' || r.shortCode.toLowerCase().includes(search) || r.content.toLowerCase().includes(search);
    return ok(responses.filter((r) => r.accountId === req.account.id && matches(r)).map(cannedResponseView));
  });
  onAccount(store, router, 'POST', '/canned_responses', (req) => {
    const now = new Date();
    const created: SimCannedResponse = { id: 0, accountId: req.account.id, shortCode: '', content: '', createdAt: now, updatedAt: now };
    const invalid = applyResponse(responses, created, wrapped(req, 'canned_response'), true);
    if (invalid) return invalid;
    created.id = store.nextId('canned_responses');
    responses.push(created);
    return ok(cannedResponseView(created));
  });
  onAccount(store, router, 'PATCH', '/canned_responses/:id', (req) => {
    const found = response(req);
    if (!found) return RECORD_NOT_FOUND;
    return applyResponse(responses, found, wrapped(req, 'canned_response'), false) ?? ok(cannedResponseView(found));
  });
  onAccount(store, router, 'DELETE', '/canned_responses/:id', (req) => {
    const found = response(req);
    if (!found) return RECORD_NOT_FOUND;
    removeWhere(responses, (r) => r === found);
    return ok();
  });

  const mine = (req: AccountRequest) => filters.filter((f) => f.accountId === req.account.id && f.userId === req.user.id);
  const filter = (req: AccountRequest) => mine(req).find((f) => f.id === pathId(req, 'custom_filter_id'));
  onAccount(store, router, 'GET', '/custom_filters', (req) => {
    const type = req.query.get('filter_type') || 'conversation';
    return ok(mine(req).filter((f) => f.filterType === type).map(customFilterView));
  });
  onAccount(store, router, 'GET', '/custom_filters/:custom_filter_id', (req) => {
    const found = filter(req);
    return found ? ok(customFilterView(found)) : RECORD_NOT_FOUND;
  });
  onAccount(store, router, 'POST', '/custom_filters', (req) => {
    if (mine(req).length >= MAX_CUSTOM_FILTERS) {
      return unprocessable([`Account limit reached: you can save at most ${MAX_CUSTOM_FILTERS} filters`], ['account_id']);
    }
    const now = new Date();
    const created: SimCustomFilter = { id: 0, accountId: req.account.id, userId: req.user.id, name: '', filterType: 'conversation', query: {}, createdAt: now, updatedAt: now };
    const invalid = applyFilter(created, wrapped(req, 'custom_filter'), true);
    if (invalid) return invalid;
    created.id = store.nextId('custom_filters');
    filters.push(created);
    return ok(customFilterView(created));
  });
  onAccount(store, router, 'PATCH', '/custom_filters/:custom_filter_id', (req) => {
    const found = filter(req);
    if (!found) return RECORD_NOT_FOUND;
    return applyFilter(found, wrapped(req, 'custom_filter'), false) ?? ok(customFilterView(found));
  });
  onAccount(store, router, 'DELETE', '/custom_filters/:custom_filter_id', (req) => {
    const found = filter(req);
    if (!found) return RECORD_NOT_FOUND;
    removeWhere(filters, (f) => f === found);
    return noContent();
  });
}

function applyDefinition(all: SimCustomAttributeDefinition[], d: SimCustomAttributeDefinition, fields: Record<string, unknown>, creating: boolean): SimResponse | null {
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
  const displayName = text('attribute_display_name') ?? (creating ? '' : d.displayName);
  const key = text('attribute_key') ?? (creating ? '' : d.key);
  if (displayName === '') return unprocessable(["Attribute display name can't be blank"], ['attribute_display_name']);
  if (key === '') return unprocessable(["Attribute key can't be blank"], ['attribute_key']);
  const displayType = 'attribute_display_type' in fields ? enumMember(DISPLAY_TYPES, fields.attribute_display_type) : d.displayType;
  if (!displayType) return error(422, `'${String(fields.attribute_display_type)}' is not a valid attribute_display_type`);
  const model = 'attribute_model' in fields ? enumMember(MODELS, fields.attribute_model) : d.model;
  if (!model) return error(422, `'${String(fields.attribute_model)}' is not a valid attribute_model`);
  if (all.some((other) => other !== d && other.accountId === d.accountId && other.model === model && other.key === key)) {
    return unprocessable(['Attribute key has already been taken'], ['attribute_key']);
  }
  Object.assign(d, { displayName, key, displayType, model, updatedAt: new Date() });
  if (typeof fields.attribute_description === 'string') d.description = fields.attribute_description;
  if (Array.isArray(fields.attribute_values)) d.values = fields.attribute_values.filter((v): v is string => typeof v === 'string');
  if (typeof fields.regex_pattern === 'string' || fields.regex_pattern === null) d.regexPattern = fields.regex_pattern;
  if (typeof fields.regex_cue === 'string' || fields.regex_cue === null) d.regexCue = fields.regex_cue;
  return null;
}

function applyResponse(all: SimCannedResponse[], r: SimCannedResponse, fields: Record<string, unknown>, creating: boolean): SimResponse | null {
  const shortCode = typeof fields.short_code === 'string' ? fields.short_code : creating ? '' : r.shortCode;
  const content = typeof fields.content === 'string' ? fields.content : creating ? '' : r.content;
  if (shortCode === '') return unprocessable(["Short code can't be blank"], ['short_code']);
  if (content === '') return unprocessable(["Content can't be blank"], ['content']);
  if (all.some((other) => other !== r && other.accountId === r.accountId && other.shortCode === shortCode)) {
    return unprocessable(['Short code has already been taken'], ['short_code']);
  }
  Object.assign(r, { shortCode, content, updatedAt: new Date() });
  return null;
}

function applyFilter(f: SimCustomFilter, fields: Record<string, unknown>, creating: boolean): SimResponse | null {
  const name = typeof fields.name === 'string' ? fields.name : creating ? '' : f.name;
  if (name === '') return unprocessable(["Name can't be blank"], ['name']);
  const type = 'filter_type' in fields ? FILTER_TYPES.find((t) => t === fields.filter_type) : f.filterType;
  if (!type) return error(422, `'${String(fields.filter_type)}' is not a valid filter_type`);
  const query = fields.query;
  if (query !== undefined && (query === null || typeof query !== 'object' || Array.isArray(query))) return unprocessable(["Query can't be blank"], ['query']);
  if (creating && query === undefined) return unprocessable(["Query can't be blank"], ['query']);
  Object.assign(f, { name, filterType: type, updatedAt: new Date() });
  if (query) f.query = query as Record<string, unknown>;
  return null;
}
