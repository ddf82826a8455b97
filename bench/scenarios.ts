import type { RequestShape } from './load';

/**
 * The same work expressed for each target: change one contact's name and e-mail through the Client API.
 * direct and baseline receive the PATCH Chatwoot receives; the gateway receives the GraphQL mutation that causes it.
 */
export const INBOX = 'benchInboxIdentifier0001';
export const CONTACT = 'bench-contact';
export const CHANGES = { name: 'Bench Contact', email: 'bench@example.com' };
export const BULK_ITEMS = 100;

export type TargetName = 'direct' | 'baseline' | 'gateway' | 'gateway-bulk';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export const patchRequest: RequestShape = {
  method: 'PATCH',
  path: `/public/api/v1/inboxes/${INBOX}/contacts/${CONTACT}`,
  headers: JSON_HEADERS,
  body: JSON.stringify(CHANGES),
};

const UPDATE_CONTACT = `mutation BenchUpdate($inbox: String!, $contact: String!, $input: UpdateContactInput!) {
  updateContact(inboxIdentifier: $inbox, contactIdentifier: $contact, input: $input) { id sourceId name email }
}`;

export const mutationRequest: RequestShape = {
  method: 'POST',
  path: '/graphql',
  headers: JSON_HEADERS,
  body: JSON.stringify({ query: UPDATE_CONTACT, variables: { inbox: INBOX, contact: CONTACT, input: CHANGES } }),
};

const UPDATE_CONTACTS = `mutation BenchBulk($items: [UpdateContactItemInput!]!) {
  updateContacts(items: $items) { index contact { id } error { code message } }
}`;

export const bulkRequest: RequestShape = {
  method: 'POST',
  path: '/graphql',
  headers: JSON_HEADERS,
  body: JSON.stringify({
    query: UPDATE_CONTACTS,
    variables: {
      items: Array.from({ length: BULK_ITEMS }, (_, i) => ({
        inboxIdentifier: INBOX,
        contactIdentifier: `${CONTACT}-${i}`,
        input: CHANGES,
      })),
    },
  }),
};

/**
 * Sends one request and checks the answer is a real success, so that a fast stream of errors is never mistaken
 * for throughput. Throws with the body when it is not.
 */
export async function checkOnce(name: TargetName, origin: string, request: RequestShape): Promise<void> {
  const response = await fetch(origin + request.path, { method: request.method, headers: request.headers, body: request.body });
  const text = await response.text();
  const fail = (why: string) => new Error(`${name}: ${why}; HTTP ${response.status}: ${text.slice(0, 500)}`);
  if (response.status !== 200) throw fail('not HTTP 200');
  const body = JSON.parse(text) as { id?: number; data?: Record<string, unknown>; errors?: unknown[] };
  if (name === 'direct' || name === 'baseline') {
    if (body.id !== 42) throw fail('not the fake contact');
  } else if (name === 'gateway') {
    const contact = body.data?.updateContact as { id?: string } | undefined;
    if (body.errors || contact?.id !== '42') throw fail('the mutation did not succeed');
  } else {
    const results = body.data?.updateContacts as Array<{ contact?: { id?: string }; error?: unknown }> | undefined;
    const ok = results?.filter((r) => r.contact?.id === '42' && !r.error).length ?? 0;
    if (body.errors || ok !== BULK_ITEMS) throw fail(`${ok} of ${BULK_ITEMS} items succeeded`);
  }
}
