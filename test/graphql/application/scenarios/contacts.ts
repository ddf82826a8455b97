import type { RequestScenario } from './types';

const INBOX = { id: 4, name: 'Website', channel_id: 9, channel_type: 'Channel::Api', avatar_url: '', provider: null };
export const CONTACT = {
  id: 12,
  name: 'Alice',
  email: 'alice@example.com',
  phone_number: '+14155550100',
  identifier: 'user-1',
  blocked: false,
  thumbnail: '',
  availability_status: 'offline',
  additional_attributes: { city: 'Berlin' },
  custom_attributes: { plan: 'pro' },
  last_activity_at: 1767600000,
  created_at: 1767500000,
  contact_inboxes: [{ source_id: 'src-1', inbox: INBOX }],
};
const CONTACT_DATA = { id: '12', name: 'Alice', email: 'alice@example.com', customAttributes: { plan: 'pro' } };
const CONTACT_FIELDS = 'id name email customAttributes';
const PAGE_FIELDS = `nodes { ${CONTACT_FIELDS} } page perPage totalCount hasNextPage`;
const ALL_FIELDS = `id accountId name email phoneNumber identifier blocked thumbnail availabilityStatus additionalAttributes customAttributes
  companyId lastActivityAt createdAt contactInboxes { sourceId inbox { id name channelType channelId } }`;
const ALL_DATA = {
  id: '12',
  accountId: '3',
  name: 'Alice',
  email: 'alice@example.com',
  phoneNumber: '+14155550100',
  identifier: 'user-1',
  blocked: false,
  thumbnail: '',
  availabilityStatus: 'OFFLINE',
  additionalAttributes: { city: 'Berlin' },
  customAttributes: { plan: 'pro' },
  companyId: null,
  lastActivityAt: '2026-01-05T08:00:00.000Z',
  createdAt: '2026-01-04T04:13:20.000Z',
  contactInboxes: [{ sourceId: 'src-1', inbox: { id: '4', name: 'Website', channelType: 'API', channelId: '9' } }],
};

/** Every contact filter operator, once each, on an attribute that allows it; the last condition carries no connector. */
const EVERY_OPERATOR = `[
  { attribute: NAME, operator: EQUAL_TO, values: ["Alice"], next: AND },
  { attribute: EMAIL, operator: NOT_EQUAL_TO, values: ["x@example.com"], next: OR },
  { attribute: CITY, operator: CONTAINS, values: ["ber"], next: AND },
  { attribute: COMPANY_NAME, operator: DOES_NOT_CONTAIN, values: ["acme"], next: AND },
  { attribute: LABELS, operator: IS_PRESENT, next: AND },
  { customAttributeKey: "plan", operator: IS_NOT_PRESENT, next: OR },
  { attribute: CREATED_AT, operator: IS_GREATER_THAN, values: ["2026-01-01"], next: AND },
  { attribute: LAST_ACTIVITY_AT, operator: IS_LESS_THAN, values: ["2026-07-01T00:00:00Z"], next: AND },
  { attribute: CREATED_AT, operator: DAYS_BEFORE, values: ["30"], next: AND },
  { attribute: PHONE_NUMBER, operator: STARTS_WITH, values: ["+49"] }
]`;
const EVERY_OPERATOR_PAYLOAD = [
  { attribute_key: 'name', filter_operator: 'equal_to', values: ['Alice'], query_operator: 'AND' },
  { attribute_key: 'email', filter_operator: 'not_equal_to', values: ['x@example.com'], query_operator: 'OR' },
  { attribute_key: 'city', filter_operator: 'contains', values: ['ber'], query_operator: 'AND' },
  { attribute_key: 'company_name', filter_operator: 'does_not_contain', values: ['acme'], query_operator: 'AND' },
  { attribute_key: 'labels', filter_operator: 'is_present', values: [], query_operator: 'AND' },
  { attribute_key: 'plan', filter_operator: 'is_not_present', values: [], query_operator: 'OR', custom_attribute_type: 'contact_attribute' },
  { attribute_key: 'created_at', filter_operator: 'is_greater_than', values: ['2026-01-01'], query_operator: 'AND' },
  { attribute_key: 'last_activity_at', filter_operator: 'is_less_than', values: ['2026-07-01T00:00:00Z'], query_operator: 'AND' },
  { attribute_key: 'created_at', filter_operator: 'days_before', values: ['30'], query_operator: 'AND' },
  { attribute_key: 'phone_number', filter_operator: 'starts_with', values: ['+49'], query_operator: null },
];

export const contactScenarios: RequestScenario[] = [
  {
    field: 'Account.contacts',
    document: `{ account(id: 3) { contacts { ${PAGE_FIELDS} } } }`,
    reply: { body: { meta: { count: 16, current_page: 1 }, payload: [CONTACT] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/contacts', query: '?page=1' },
    data: { account: { contacts: { nodes: [CONTACT_DATA], page: 1, perPage: 15, totalCount: 16, hasNextPage: true } } },
  },
  {
    field: 'Account.contacts',
    document: `{ account(id: 3) { contacts(page: 2, sort: { field: LAST_ACTIVITY_AT, descending: true }, labels: ["vip", "billing"]) { ${PAGE_FIELDS} } } }`,
    reply: { body: { meta: { count: 16, current_page: 2 }, payload: [CONTACT] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/contacts', query: '?page=2&sort=-last_activity_at&labels%5B%5D=vip&labels%5B%5D=billing' },
    data: { account: { contacts: { nodes: [CONTACT_DATA], page: 2, perPage: 15, totalCount: 16, hasNextPage: false } } },
  },
  {
    field: 'Account.searchContacts',
    document: `{ account(id: 3) { searchContacts(query: "ali", sort: { field: COMPANY_NAME }) { nodes { id } page perPage hasNextPage } } }`,
    reply: { body: { meta: { count: 1, current_page: 1, has_more: true }, payload: [CONTACT] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/contacts/search', query: '?q=ali&page=1&sort=company_name' },
    data: { account: { searchContacts: { nodes: [{ id: '12' }], page: 1, perPage: 15, hasNextPage: true } } },
  },
  {
    field: 'Account.filterContacts',
    document: `{ account(id: 3) { filterContacts(page: 3, sort: { field: CITY }, filter: { conditions: ${EVERY_OPERATOR} }) { nodes { id } totalCount hasNextPage } } }`,
    reply: { body: { meta: { count: 31, current_page: 3 }, payload: [CONTACT] } },
    request: { method: 'POST', path: '/api/v1/accounts/3/contacts/filter', query: '?page=3&sort=city', body: { payload: EVERY_OPERATOR_PAYLOAD } },
    data: { account: { filterContacts: { nodes: [{ id: '12' }], totalCount: 31, hasNextPage: false } } },
  },
  {
    field: 'Account.contact',
    document: `{ account(id: 3) { contact(id: 12) { ${ALL_FIELDS} } } }`,
    reply: { body: { payload: CONTACT } },
    request: { method: 'GET', path: '/api/v1/accounts/3/contacts/12' },
    data: { account: { contact: ALL_DATA } },
  },
  {
    field: 'AccountContact.name',
    document: `{ _entities(representations: [{ __typename: "AccountContact", accountId: "3", id: "12" }]) { ... on AccountContact { ${ALL_FIELDS} } } }`,
    reply: { body: { payload: CONTACT } },
    request: { method: 'GET', path: '/api/v1/accounts/3/contacts/12' },
    data: { _entities: [ALL_DATA] },
  },
  {
    field: 'Mutation.createAccountContact',
    document: `mutation { createAccountContact(accountId: 3, input: { inboxId: 4, name: "Alice", email: "alice@example.com", phoneNumber: "+14155550100",
        identifier: "user-1", blocked: false, customAttributes: { plan: "pro" }, additionalAttributes: { city: "Berlin" } }) { ${CONTACT_FIELDS} } }`,
    reply: { body: { payload: { contact: CONTACT, contact_inbox: { inbox: INBOX, source_id: 'src-1' } } } },
    request: {
      method: 'POST',
      path: '/api/v1/accounts/3/contacts',
      body: { name: 'Alice', email: 'alice@example.com', phone_number: '+14155550100', identifier: 'user-1', blocked: false, custom_attributes: { plan: 'pro' }, additional_attributes: { city: 'Berlin' }, inbox_id: 4 },
    },
    data: { createAccountContact: CONTACT_DATA },
  },
  {
    field: 'Mutation.createAccountContact',
    document: `mutation { createAccountContact(accountId: 3, input: { name: "Alice" }) { id } }`,
    reply: { body: { payload: { contact: CONTACT, contact_inbox: null } } },
    request: { method: 'POST', path: '/api/v1/accounts/3/contacts', body: { name: 'Alice' } },
    data: { createAccountContact: { id: '12' } },
  },
  {
    field: 'Mutation.updateAccountContact',
    document: `mutation { updateAccountContact(accountId: 3, id: 12, input: { email: null, customAttributes: { plan: "pro" } }) { ${CONTACT_FIELDS} } }`,
    reply: { body: { payload: CONTACT } },
    request: { method: 'PUT', path: '/api/v1/accounts/3/contacts/12', body: { email: null, custom_attributes: { plan: 'pro' } } },
    data: { updateAccountContact: CONTACT_DATA },
  },
  {
    field: 'Mutation.deleteAccountContact',
    document: 'mutation { deleteAccountContact(accountId: 3, id: 12) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/contacts/12' },
    data: { deleteAccountContact: { id: '12', deleted: true } },
  },
  {
    field: 'Mutation.mergeContacts',
    document: 'mutation { mergeContacts(accountId: 3, baseContactId: 12, mergeeContactId: 13) { id name } }',
    reply: { body: CONTACT },
    request: { method: 'POST', path: '/api/v1/accounts/3/actions/contact_merge', body: { base_contact_id: 12, mergee_contact_id: 13 } },
    data: { mergeContacts: { id: '12', name: 'Alice' } },
  },
  {
    field: 'Mutation.linkContactToInbox',
    document: 'mutation { linkContactToInbox(accountId: 3, contactId: 12, inboxId: 4, sourceId: "src-2") { sourceId inbox { id name } } }',
    reply: { body: { source_id: 'src-2', inbox: INBOX } },
    request: { method: 'POST', path: '/api/v1/accounts/3/contacts/12/contact_inboxes', body: { inbox_id: 4, source_id: 'src-2' } },
    data: { linkContactToInbox: { sourceId: 'src-2', inbox: { id: '4', name: 'Website' } } },
  },
  {
    field: 'AccountContact.contactableInboxes',
    document: '{ _entities(representations: [{ __typename: "AccountContact", accountId: "3", id: "12" }]) { ... on AccountContact { contactableInboxes { sourceId inbox { id channelType provider } } } } }',
    reply: { body: { payload: [{ inbox: INBOX, source_id: 'src-9' }] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/contacts/12/contactable_inboxes' },
    data: { _entities: [{ contactableInboxes: [{ sourceId: 'src-9', inbox: { id: '4', channelType: 'API', provider: null } }] }] },
  },
  {
    field: 'AccountContact.conversations',
    document: '{ _entities(representations: [{ __typename: "AccountContact", accountId: "3", id: "12" }]) { ... on AccountContact { conversations { displayId status } } } }',
    reply: { body: { payload: [{ id: 7, account_id: 3, status: 'open', meta: {} }] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/contacts/12/conversations' },
    data: { _entities: [{ conversations: [{ displayId: 7, status: 'OPEN' }] }] },
  },
  {
    field: 'AccountContact.labels',
    document: '{ _entities(representations: [{ __typename: "AccountContact", accountId: "3", id: "12" }]) { ... on AccountContact { labels } } }',
    reply: { body: { payload: ['vip', 'billing'] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/contacts/12/labels' },
    data: { _entities: [{ labels: ['vip', 'billing'] }] },
  },
  {
    field: 'Mutation.setContactLabels',
    document: 'mutation { setContactLabels(accountId: 3, contactId: 12, labels: ["vip"]) }',
    reply: { body: { payload: ['vip'] } },
    request: { method: 'POST', path: '/api/v1/accounts/3/contacts/12/labels', body: { labels: ['vip'] } },
    data: { setContactLabels: ['vip'] },
  },
  {
    field: 'Mutation.setContactLabels',
    document: 'mutation { setContactLabels(accountId: 3, contactId: 12, labels: []) }',
    reply: { body: { payload: [] } },
    request: { method: 'POST', path: '/api/v1/accounts/3/contacts/12/labels', body: { labels: [] } },
    data: { setContactLabels: [] },
  },
];
