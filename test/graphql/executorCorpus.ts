import { getIntrospectionQuery } from 'graphql';
import { SERVICE } from '../support/platform';
import { type FakeHandler, type FakeReply, slimContact } from '../support/servers';

/** One HTTP request to send to both gateways, and how the fake Chatwoot answers while it runs. */
export interface CorpusCase {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
  readonly headers?: Record<string, string>;
  /** Replaces the default answers for this case. */
  readonly reply?: FakeHandler;
}

export const CALLER_TOKEN = 'caller-token-for-differential-0001';

const conversation = (overrides: Record<string, unknown> = {}) => ({
  id: 7,
  uuid: 'c0ffee00-0000-4000-8000-000000000007',
  inbox_id: 3,
  status: 'open',
  contact_last_seen_at: 1_700_000_000,
  agent_last_seen_at: 1_700_000_100,
  ...overrides,
});

/** Answers by path, so that both gateways see the same answer for the same call whatever the order. */
export const defaultReply: FakeHandler = (request) => {
  if (request.path.endsWith('/labels')) return { body: { payload: [{ id: 1, title: 'vip', color: '#ff0000' }, { id: 2, title: 'new' }] } };
  if (request.path.includes('/conversations')) return { body: request.path.endsWith('/conversations') ? [conversation()] : conversation() };
  if (request.path.includes('/contacts/missing')) return { status: 404, body: { error: 'Not found' } };
  return { body: slimContact({ source_id: request.path.split('/').pop() }) };
};

const always = (reply: FakeReply): FakeHandler => () => reply;

const UPDATE = `mutation Update($inbox: String!, $contact: String!, $input: UpdateContactInput!, $options: RequestOptionsInput) {
  updateContact(inboxIdentifier: $inbox, contactIdentifier: $contact, input: $input, options: $options) { id sourceId name email phoneNumber }
}`;
const updateWith = (input: Record<string, unknown>) => ({ inbox: 'inbox-abc', contact: 'contact-1', input });
const READ = '{ contact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1") { id name email } }';

const upstreamFailures: Array<[string, FakeReply]> = [
  ['400', { status: 400, body: { message: 'bad' } }],
  ['401', { status: 401, body: { error: 'Invalid Access Token' } }],
  ['403', { status: 403, body: { error: 'forbidden' } }],
  ['404', { status: 404, body: { error: 'Not found' } }],
  ['422', { status: 422, body: { message: 'Email Invalid email', attributes: ['email', 'phone_number'] } }],
  ['429', { status: 429, headers: { 'retry-after': '7' }, body: { error: 'slow down' } }],
  ['500', { status: 500, body: { error: 'boom' } }],
  ['503', { status: 503, body: 'Service Unavailable' }],
  ['a reset connection', { reset: true }],
  ['a body that is not JSON', { body: '<html>not json</html>', headers: { 'content-type': 'text/html' } }],
];

const scalarLiterals: Array<[string, string]> = [
  ['EmailAddress', 'email: "nope"'],
  ['E164PhoneNumber', 'phoneNumber: "555-0123"'],
  ['ImageUrl', 'avatarUrl: "file:///etc/passwd"'],
  ['JSONObject', 'customAttributes: "x"'],
];
const scalarVariables: Array<[string, Record<string, unknown>]> = [
  ['EmailAddress', { email: 'nope' }],
  ['E164PhoneNumber', { phoneNumber: '555-0123' }],
  ['ImageUrl', { avatarUrl: 'ftp://example.com/a.png' }],
  ['JSONObject', { customAttributes: [1, 2] }],
];

/** The documents both executors must answer byte for byte alike. */
export const CORPUS: readonly CorpusCase[] = [
  { name: 'a read', query: READ },
  { name: 'a mutation with variables', query: UPDATE, variables: updateWith({ name: 'Alice', email: 'alice@example.com' }) },
  { name: 'a read with aliases and __typename', query: '{ a: contact(inboxIdentifier: "i", contactIdentifier: "x") { __typename who: name id } b: contact(inboxIdentifier: "i", contactIdentifier: "y") { id } }' },
  {
    name: 'named and inline fragments',
    query: `query Q { contact(inboxIdentifier: "i", contactIdentifier: "c") { ...Who ... on Contact { email } } }
      fragment Who on Contact { id name ...More } fragment More on Contact { phoneNumber pubsubToken }`,
  },
  {
    name: '@skip and @include with variables',
    query: 'query Q($s: Boolean!, $i: Boolean!) { contact(inboxIdentifier: "i", contactIdentifier: "c") { id name @skip(if: $s) email @include(if: $i) ...F @include(if: $s) } } fragment F on Contact { phoneNumber }',
    variables: { s: true, i: false },
  },
  { name: 'the operation chosen by operationName', query: `${READ.replace('{', 'query A {')} query B { contact(inboxIdentifier: "i", contactIdentifier: "b") { id } }`, operationName: 'B' },
  // The same document again with its other operation: each operation of a document is compiled and kept apart.
  { name: 'the other operation of the same document', query: `${READ.replace('{', 'query A {')} query B { contact(inboxIdentifier: "i", contactIdentifier: "b") { id } }`, operationName: 'A' },
  { name: 'an unknown operationName', query: 'query A { __typename }', operationName: 'Nope' },
  { name: 'two operations and no operationName', query: 'query A { __typename } query B { __typename }' },
  { name: 'a nested list with DateTime values', query: '{ contact(inboxIdentifier: "i", contactIdentifier: "c") { id conversations { displayId status contactLastSeenAt agentLastSeenAt } } }' },
  {
    name: 'a DateTime Chatwoot sends that cannot be serialised',
    query: '{ conversation(inboxIdentifier: "i", contactIdentifier: "c", displayId: 7) { displayId contactLastSeenAt } }',
    reply: always({ body: conversation({ contact_last_seen_at: 'yesterday' }) }),
  },
  { name: 'a nullable field that fails (NOT_FOUND)', query: '{ contact(inboxIdentifier: "i", contactIdentifier: "missing") { id } ok: contact(inboxIdentifier: "i", contactIdentifier: "c") { id } }' },
  { name: 'a non-null field that fails', query: UPDATE, variables: { inbox: 'i', contact: 'missing', input: { name: 'A' } } },
  { name: 'a non-null leaf Chatwoot leaves out', query: READ, reply: always({ body: { name: 'no id' } }) },
  ...upstreamFailures.map(([label, reply]): CorpusCase => ({ name: `an upstream ${label} on a mutation`, query: UPDATE, variables: updateWith({ name: 'A' }), reply: always(reply) })),
  ...upstreamFailures.map(([label, reply]): CorpusCase => ({ name: `an upstream ${label} on a read`, query: READ, reply: always(reply) })),
  { name: 'an upstream timeout', query: UPDATE, variables: { ...updateWith({ name: 'A' }), options: { timeoutMs: 50 } }, reply: always({ delayMs: 400, body: slimContact() }) },
  ...scalarLiterals.map(([scalar, literal]): CorpusCase => ({
    name: `an invalid ${scalar} written inline`,
    query: `mutation { updateContact(inboxIdentifier: "i", contactIdentifier: "c", input: { ${literal} }) { id } }`,
  })),
  ...scalarVariables.map(([scalar, input]): CorpusCase => ({ name: `an invalid ${scalar} as a variable`, query: UPDATE, variables: updateWith(input) })),
  { name: 'several invalid variables at once', query: UPDATE, variables: updateWith({ email: 'x', phoneNumber: 'y', nope: 1 }) },
  { name: 'a missing required variable', query: UPDATE, variables: { inbox: 'i', input: { name: 'A' } } },
  { name: 'null for a non-null variable', query: UPDATE, variables: { inbox: null, contact: 'c', input: {} } },
  { name: 'a variable of the wrong type', query: 'query Q($d: Int!) { conversation(inboxIdentifier: "i", contactIdentifier: "c", displayId: $d) { displayId } }', variables: { d: 'seven' } },
  { name: 'an out-of-range option', query: UPDATE, variables: { ...updateWith({ name: 'A' }), options: { timeoutMs: -1 } } },
  {
    name: 'a bulk updateContacts with one failing item',
    query: `mutation B($items: [UpdateContactItemInput!]!) { updateContacts(items: $items, options: { batching: { itemsPerBatch: 1 } }) { index contact { id sourceId } error { code message } } }`,
    variables: {
      items: [
        { inboxIdentifier: 'i', contactIdentifier: 'c1', input: { name: 'A' } },
        { inboxIdentifier: 'i', contactIdentifier: 'missing', input: { name: 'B' } },
        { inboxIdentifier: 'i', contactIdentifier: 'c3', input: { email: 'c3@example.com' } },
      ],
    },
  },
  { name: 'a bulk item with an invalid scalar', query: 'mutation { updateContacts(items: [{ inboxIdentifier: "i", contactIdentifier: "c", input: { email: "bad" } }]) { index } }' },
  { name: 'federation _service', query: '{ _service { sdl } }' },
  {
    name: 'federation _entities',
    query: 'query E($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Contact { id sourceId name } ... on Account { id } } }',
    variables: { r: [{ __typename: 'Contact', inboxIdentifier: 'i', sourceId: 'c1' }, { __typename: 'Contact', inboxIdentifier: 'i', sourceId: 'missing' }] },
  },
  {
    // graphql-jit alone answered three nulls for these two (bad keys failing out of order): the jit gateway runs
    // _entities on graphql-js.
    name: 'federation _entities with a bad key next to an unknown __typename',
    query: 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Contact { name } } }',
    variables: { r: [{ __typename: 'Contact', inboxIdentifier: 'a', sourceId: 1 }, { __typename: 'NoSuchType', sourceId: 'x' }] },
  },
  { name: 'federation _entities with a bad representation', query: 'query E($r: [_Any!]!) { _entities(representations: $r) { __typename } }', variables: { r: [{ __typename: 'Nope' }, 'x'] } },
  { name: 'full introspection', query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }) },
  { name: 'a __type lookup', query: '{ __type(name: "UpdateContactInput") { name kind inputFields { name type { name kind ofType { name } } } } }' },
  { name: 'a document over the depth limit', query: '{ contact(inboxIdentifier: "i", contactIdentifier: "c") { conversations { contact { conversations { contact { conversations { contact { conversations { contact { id } } } } } } } } } }' },
  { name: 'a document over the alias limit', query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ')} }` },
  { name: 'an invalid document', query: '{ contact { nope } }' },
  { name: 'a syntax error', query: '{ contact(' },
  { name: 'an Application field with a token', query: '{ account(id: 1) { labels { id title color } } }', headers: { 'api-access-token': CALLER_TOKEN } },
  { name: 'an Application field without a token', query: '{ account(id: 1) { labels { id } } }' },
  { name: 'an Application id that is not a number', query: '{ account(id: "abc") { labels { id } } }', headers: { 'api-access-token': CALLER_TOKEN } },
  { name: 'a Platform field without a service key', query: '{ platform { account(id: 1) { id name } } }' },
  { name: 'a Platform mutation without a service key', query: 'mutation { platformDeleteAccount(accountId: 1) { id deleted } }' },
  { name: 'a Platform field with a service key', query: '{ platform { account(id: 1) { id name } } }', headers: SERVICE, reply: always({ body: { id: 1, name: 'Acme' } }) },
  { name: 'a Platform field asked by a browser', query: '{ platform { account(id: 1) { id } } }', headers: { ...SERVICE, origin: 'https://evil.example', 'sec-fetch-mode': 'cors' } },
];
