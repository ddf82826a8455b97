import { ok, type SimRouter, unprocessable } from '../http';
import { onAccount, pathId, RECORD_NOT_FOUND, requireAdministrator, wrapped, type AccountRequest } from './auth';
import type { ApplicationStore, SimLabel } from './store';
import { labelView } from './views';

/** Chatwoot's label title rule: letters, digits, `_` and `-`; it stores titles in lower case. */
const TITLE = /^[\p{L}\p{N}_-]+$/u;

/**
 * `/api/v1/accounts/{id}/labels`: the list is open to every member; creating, changing, deleting and even reading
 * one label are for administrators (LabelPolicy), and the policy runs before the record is looked up.
 */
export function registerLabelRoutes(router: SimRouter, store: ApplicationStore): void {
  const find = (req: AccountRequest): SimLabel | undefined => {
    const id = pathId(req);
    return store.labels.find((label) => label.accountId === req.account.id && label.id === id);
  };

  onAccount(store, router, 'GET', '/labels', (req) => ok({ payload: store.labels.filter((l) => l.accountId === req.account.id).map(labelView) }));

  onAccount(store, router, 'POST', '/labels', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const label: SimLabel = { id: 0, accountId: req.account.id, title: '', description: null, color: '#1f93ff', showOnSidebar: true };
    const invalid = apply(store, label, wrapped(req, 'label'), true);
    if (invalid) return invalid;
    label.id = store.nextId('labels');
    store.labels.push(label);
    return ok(labelView(label));
  });

  onAccount(store, router, 'GET', '/labels/:id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const label = find(req);
    return label ? ok(labelView(label)) : RECORD_NOT_FOUND;
  });

  onAccount(store, router, 'PATCH', '/labels/:id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const label = find(req);
    if (!label) return RECORD_NOT_FOUND;
    const invalid = apply(store, label, wrapped(req, 'label'), false);
    return invalid ?? ok(labelView(label));
  });

  onAccount(store, router, 'DELETE', '/labels/:id', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const label = find(req);
    if (!label) return RECORD_NOT_FOUND;
    store.labels.splice(store.labels.indexOf(label), 1);
    return ok();
  });
}

/** Applies permitted fields with Chatwoot's validations; the 422 answer when one fails. */
function apply(store: ApplicationStore, label: SimLabel, fields: Record<string, unknown>, creating: boolean) {
  const title = typeof fields.title === 'string' ? fields.title.toLowerCase() : creating ? '' : label.title;
  if (title === '') return unprocessable(["Title can't be blank"], ['title']);
  if (!TITLE.test(title)) return unprocessable(['Title is invalid'], ['title']);
  if (store.labels.some((other) => other !== label && other.accountId === label.accountId && other.title === title)) {
    return unprocessable(['Title has already been taken'], ['title']);
  }
  label.title = title;
  if (typeof fields.description === 'string' || fields.description === null) label.description = fields.description;
  if (typeof fields.color === 'string') label.color = fields.color;
  if (typeof fields.show_on_sidebar === 'boolean') label.showOnSidebar = fields.show_on_sidebar;
  return null;
}
