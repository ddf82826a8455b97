import type { RequestScenario } from './types';

const ACCOUNT = {
  id: 3,
  name: 'Acme',
  locale: 'de',
  domain: 'acme.example',
  support_email: 'help@acme.example',
  features: { api_and_webhooks: true, audit_logs: false, campaigns: true },
  settings: { auto_resolve_after: 60 },
  custom_attributes: { industry: 'retail' },
  status: 'active',
  created_at: '2026-01-05T09:00:00.000Z',
  latest_chatwoot_version: '4.16.0',
};

const USER = {
  id: 7,
  name: 'Ada Admin',
  display_name: 'Ada',
  available_name: 'Ada',
  email: 'ada@acme.example',
  avatar_url: '',
  confirmed: true,
  message_signature: null,
  ui_settings: { theme: 'dark' },
  custom_attributes: {},
  type: null,
  access_token: 'secret-access-token-of-ada',
  pubsub_token: 'secret-pubsub-token-of-ada',
  accounts: [{ id: 3, name: 'Acme', role: 'administrator', availability: 'busy', availability_status: 'busy', auto_offline: false, active_at: 1767600000, permissions: ['administrator'], status: 'active' }],
};

export const accountScenarios: RequestScenario[] = [
  {
    field: 'Query.me',
    document: '{ me { id name displayName uiSettings accounts { role availability activeAt permissions accountStatus account { id } } } }',
    reply: { body: USER },
    request: { method: 'GET', path: '/api/v1/profile' },
    data: {
      me: {
        id: '7',
        name: 'Ada Admin',
        displayName: 'Ada',
        uiSettings: { theme: 'dark' },
        accounts: [{ role: 'ADMINISTRATOR', availability: 'BUSY', activeAt: '2026-01-05T08:00:00.000Z', permissions: ['administrator'], accountStatus: 'ACTIVE', account: { id: '3' } }],
      },
    },
  },
  {
    field: 'Mutation.updateMyProfile',
    document: 'mutation { updateMyProfile(input: { displayName: "Ada L.", messageSignature: "-- Ada", phoneNumber: "+14155550123" }) { id displayName } }',
    reply: { body: { ...USER, display_name: 'Ada L.' } },
    request: { method: 'PUT', path: '/api/v1/profile', body: { profile: { display_name: 'Ada L.', message_signature: '-- Ada', phone_number: '+14155550123' } } },
    data: { updateMyProfile: { id: '7', displayName: 'Ada L.' } },
  },
  {
    field: 'Account.name',
    document: '{ account(id: 3) { id name locale domain supportEmail status enabledFeatures settings customAttributes createdAt latestChatwootVersion } }',
    reply: { body: ACCOUNT },
    request: { method: 'GET', path: '/api/v1/accounts/3' },
    data: {
      account: {
        id: '3',
        name: 'Acme',
        locale: 'de',
        domain: 'acme.example',
        supportEmail: 'help@acme.example',
        status: 'ACTIVE',
        enabledFeatures: ['api_and_webhooks', 'campaigns'],
        settings: { auto_resolve_after: 60 },
        customAttributes: { industry: 'retail' },
        createdAt: '2026-01-05T09:00:00.000Z',
        latestChatwootVersion: '4.16.0',
      },
    },
  },
  {
    field: 'Mutation.updateAccount',
    document: `mutation { updateAccount(accountId: 3, input: { name: "Acme GmbH", supportEmail: "Help@Acme.example", industry: "retail",
        autoResolveAfter: 120, autoResolveIgnoreWaiting: true }) { id name } }`,
    reply: { body: { ...ACCOUNT, name: 'Acme GmbH' } },
    request: {
      method: 'PATCH',
      path: '/api/v1/accounts/3',
      body: { name: 'Acme GmbH', support_email: 'Help@Acme.example', industry: 'retail', auto_resolve_after: 120, auto_resolve_ignore_waiting: true },
    },
    data: { updateAccount: { id: '3', name: 'Acme GmbH' } },
  },
];
