import { ok, type SimRouter, unprocessable } from '../http';
import type { JsonObject } from '../store';
import { authenticate, isResponse, onAccount, requireAdministrator, wrapped } from './auth';
import type { ApplicationStore } from './store';
import { accountView, profileView } from './views';

const E164 = /^\+[1-9]\d{1,14}$/;

/** `GET`/`PUT /api/v1/profile` and `GET`/`PATCH /api/v1/accounts/{id}`. */
export function registerProfileRoutes(router: SimRouter, store: ApplicationStore): void {
  router.on('GET', '/api/v1/profile', (req) => {
    const user = authenticate(store, req);
    return isResponse(user) ? user : ok(profileView(store, user));
  });

  router.on('PUT', '/api/v1/profile', (req) => {
    const user = authenticate(store, req);
    if (isResponse(user)) return user;
    const fields = wrapped(req, 'profile');
    if (typeof fields.phone_number === 'string' && fields.phone_number !== '' && !E164.test(fields.phone_number)) {
      return unprocessable(['Phone number is invalid'], ['phone_number']);
    }
    if (typeof fields.name === 'string') user.name = fields.name;
    if (typeof fields.display_name === 'string') user.displayName = fields.display_name;
    if (typeof fields.email === 'string') user.email = fields.email.toLowerCase();
    if (typeof fields.message_signature === 'string') user.messageSignature = fields.message_signature;
    if (isObject(fields.ui_settings)) user.uiSettings = { ...user.uiSettings, ...fields.ui_settings };
    // Chatwoot keeps the phone number among the user's custom attributes.
    if (typeof fields.phone_number === 'string') user.customAttributes = { ...user.customAttributes, phone_number: fields.phone_number };
    return ok(profileView(store, user));
  });

  onAccount(store, router, 'GET', '', (req) => ok(accountView(req.account)));

  onAccount(store, router, 'PATCH', '', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const { account, body } = req;
    if (typeof body.name === 'string') {
      if (body.name.trim() === '') return unprocessable(["Name can't be blank"], ['name']);
      account.name = body.name;
    }
    if (typeof body.locale === 'string') account.locale = body.locale;
    if (typeof body.domain === 'string') account.domain = body.domain;
    if (typeof body.support_email === 'string') account.supportEmail = body.support_email;
    for (const key of ['industry', 'company_size', 'timezone']) {
      if (key in body) account.customAttributes = { ...account.customAttributes, [key]: body[key] };
    }
    for (const key of ['auto_resolve_after', 'auto_resolve_message', 'auto_resolve_ignore_waiting']) {
      if (key in body) account.settings = { ...account.settings, [key]: body[key] };
    }
    return ok(accountView(account));
  });
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
