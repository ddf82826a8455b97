import type { JsonObject } from '../store';
import type { ApplicationStore, SimAccount, SimAccountUser, SimLabel, SimUser } from './store';

/** Chatwoot's jbuilder views for the Application API, secrets included where Chatwoot includes them. */

export function accountView(account: SimAccount): JsonObject {
  return {
    id: account.id,
    name: account.name,
    locale: account.locale,
    domain: account.domain,
    support_email: account.supportEmail,
    features: account.features,
    auto_resolve_after: account.settings.auto_resolve_after ?? null,
    auto_resolve_message: account.settings.auto_resolve_message ?? null,
    auto_resolve_ignore_waiting: account.settings.auto_resolve_ignore_waiting ?? false,
    settings: account.settings,
    custom_attributes: account.customAttributes,
    status: account.status,
    created_at: account.createdAt.toISOString(),
    latest_chatwoot_version: '4.16.0',
    cache_keys: { label: 0, inbox: 0, team: 0 },
  };
}

/** `api/v1/models/_user` as the profile renders it: with the user's API and real-time tokens. */
export function profileView(store: ApplicationStore, user: SimUser): JsonObject {
  const memberships = store.membershipsOf(user.id);
  return {
    id: user.id,
    access_token: user.accessToken,
    account_id: memberships[0]?.accountId ?? null,
    accounts: memberships.map((member) => membershipView(store, member)),
    available_name: user.displayName ?? user.name,
    avatar_url: '',
    confirmed: user.confirmed,
    display_name: user.displayName,
    message_signature: user.messageSignature,
    email: user.email,
    hmac_identifier: `hmac-${user.id}-0123456789abcdef`,
    inviter_id: null,
    name: user.name,
    provider: 'email',
    pubsub_token: user.pubsubToken,
    custom_attributes: user.customAttributes,
    role: memberships[0]?.role ?? null,
    ui_settings: user.uiSettings,
    uid: user.email,
    type: null,
  };
}

function membershipView(store: ApplicationStore, member: SimAccountUser): JsonObject {
  const account = store.accounts.get(member.accountId);
  return {
    id: member.accountId,
    name: account?.name ?? null,
    status: account?.status ?? null,
    active_at: member.activeAt?.toISOString() ?? null,
    role: member.role,
    permissions: member.role === 'administrator' ? ['administrator'] : ['agent'],
    availability: member.availability,
    availability_status: member.availability,
    auto_offline: member.autoOffline,
    custom_role_id: null,
  };
}

export function labelView(label: SimLabel): JsonObject {
  return { id: label.id, title: label.title, description: label.description, color: label.color, show_on_sidebar: label.showOnSidebar };
}
