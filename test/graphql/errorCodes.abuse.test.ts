import { useGatewayWithFakeChatwoot } from '../support/harness';
import { deepJson, postRaw } from '../support/http';
import { slimContact } from '../support/servers';

/**
 * Requests that used to end in INTERNAL_SERVER_ERROR, an uncoded answer or a whole-response 500: each now gets the
 * catalogue code it means, and only the part that failed fails.
 */

const READ = '{ contact(inboxIdentifier: "inbox-a", contactIdentifier: "contact-1") { id name customAttributes } }';
const CONVERSATION = (displayId: string) =>
  `{ conversation(inboxIdentifier: "inbox-a", contactIdentifier: "contact-1", displayId: ${displayId}) { displayId } }`;

describe('error codes of requests the gateway used to mask', () => {
  const harness = useGatewayWithFakeChatwoot();
  const post = (body: unknown, headers: Record<string, string> = {}) => postRaw(harness.gateway.url, JSON.stringify(body), headers);

  afterEach(() => {
    expect(harness.gateway.internalErrors).toEqual([]);
    harness.gateway.internalErrors.length = 0;
  });

  it('refuses a subscription sent over HTTP with 400 BAD_REQUEST, without calling Chatwoot', async () => {
    // A real subscription field: the schema has a Subscription type, and graphql-js refuses `subscription { __typename }`
    // by validation before the HTTP check would.
    const answer = await post({ query: 'subscription { conversationEvents(inboxIdentifier: "inbox-1", contactIdentifier: "contact-1") { kind } }' });
    expect(answer.status).toBe(400);
    expect(answer.json?.errors).toEqual([
      { message: 'Subscriptions are not served over HTTP POST; send them over a WebSocket.', extensions: { code: 'BAD_REQUEST' } },
    ]);
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('refuses a persisted query of an unsupported version with 400 BAD_REQUEST', async () => {
    const answer = await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } } });
    expect(answer.status).toBe(400);
    expect(answer.json?.errors).toEqual([{ message: 'Unsupported persisted query version', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('answers an inline out-of-range Int with BAD_USER_INPUT, like the same value sent as a variable', async () => {
    const inline = await post({ query: CONVERSATION('99999999999') });
    const variable = await post({
      query: 'query($d: Int!) { conversation(inboxIdentifier: "inbox-a", contactIdentifier: "contact-1", displayId: $d) { displayId } }',
      variables: { d: 99999999999 },
    });
    expect(inline.json?.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(variable.json?.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(inline.json?.errors?.[0]?.message).toMatch(/Int cannot represent non 32-bit signed integer value: 99999999999/);
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('fails only the field whose upstream answer nests 5,000 levels deep, with UPSTREAM_UNAVAILABLE', async () => {
    harness.chatwoot.reply((request) =>
      request.path.endsWith('/contact-1')
        ? { body: `{"id":1,"source_id":"contact-1","custom_attributes":${deepJson(5000, 'x')}}` }
        : { body: slimContact({ source_id: 'contact-2', name: 'Bob' }) },
    );
    const answer = await post({
      query: `{
        deep: contact(inboxIdentifier: "inbox-a", contactIdentifier: "contact-1") { id customAttributes }
        fine: contact(inboxIdentifier: "inbox-a", contactIdentifier: "contact-2") { name }
      }`,
    });
    expect(answer.status).toBe(200);
    expect(answer.json?.data).toEqual({ deep: null, fine: { name: 'Bob' } });
    expect(answer.json?.errors).toEqual([
      expect.objectContaining({
        path: ['deep'],
        message: expect.stringMatching(/nests deeper than 64 levels/),
        extensions: {
          code: 'UPSTREAM_UNAVAILABLE',
          reason: 'invalid_response',
          upstream: { status: 200, method: 'GET', path: '/public/api/v1/inboxes/inbox-a/contacts/contact-1' },
        },
      }),
    ]);
  });

  it('reports the real status of a 200 whose body is JSON null, not upstream.status null', async () => {
    harness.chatwoot.reply(() => ({ body: 'null', headers: { 'content-type': 'application/json' } }));
    const answer = await post({ query: READ });
    expect(answer.json?.errors?.[0]?.extensions).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      reason: 'invalid_response',
      upstream: { status: 200, method: 'GET', path: '/public/api/v1/inboxes/inbox-a/contacts/contact-1' },
    });
  });

  it('reports the real status of a list read whose body is not a list', async () => {
    harness.chatwoot.reply((request) =>
      request.path.endsWith('/conversations') ? { status: 203, body: { not: 'a list' } } : { body: slimContact() },
    );
    const answer = await post({ query: '{ contact(inboxIdentifier: "inbox-a", contactIdentifier: "contact-1") { conversations { displayId } } }' });
    expect(answer.json?.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { status: 203 } });
  });
});
