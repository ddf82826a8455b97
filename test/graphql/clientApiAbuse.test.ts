import { useGatewayWithFakeChatwoot } from '../support/harness';
import { clientApiHandler, INBOX } from '../support/clientApi';

/** What a careless or hostile client might send to the Client API fields, and what the gateway does with it. */
describe('Client API abuse cases', () => {
  const harness = useGatewayWithFakeChatwoot({}, () => clientApiHandler());

  it.each([
    ['../../../api/v1/accounts/1', '..%2F..%2F..%2Fapi%2Fv1%2Faccounts%2F1'],
    ['a?b#c', 'a%3Fb%23c'],
  ])('keeps the contact identifier %p inside its path segment', async (identifier, encoded) => {
    await harness.gateway.query(`query($c: String!) { conversation(inboxIdentifier: "${INBOX}", contactIdentifier: $c, displayId: 1) { displayId } }`, {
      c: identifier,
    });
    expect(harness.chatwoot.last().path).toBe(`/public/api/v1/inboxes/${INBOX}/contacts/${encoded}/conversations/1`);
  });

  it('refuses the contact identifier ".." as BAD_USER_INPUT before anything is sent', async () => {
    const result = await harness.gateway.query(
      `query($c: String!) { conversation(inboxIdentifier: "${INBOX}", contactIdentifier: $c, displayId: 1) { displayId } }`,
      { c: '..' },
    );
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'contactIdentifier' });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('refuses a display id beyond GraphQL Int as BAD_USER_INPUT (as the same value in a variable) before anything is sent', async () => {
    const result = await harness.gateway.query(`{ conversation(inboxIdentifier: "${INBOX}", contactIdentifier: "c", displayId: 99999999999) { displayId } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('refuses message content over 150 000 characters before anything is sent', async () => {
    const result = await harness.gateway.query(
      `mutation($c: String!) { sendMessage(inboxIdentifier: "${INBOX}", contactIdentifier: "c", displayId: 1, input: { content: $c }) { id } }`,
      { c: 'x'.repeat(150_001) },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('sends a before cursor that smuggles a parameter as a refusal, not as a query string', async () => {
    const result = await harness.gateway.query(
      `{ conversation(inboxIdentifier: "${INBOX}", contactIdentifier: "c", displayId: 1) { messages(before: "1&typing_status=on") { id } } }`,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
    expect(harness.chatwoot.requests.some((r) => r.path.endsWith('/messages'))).toBe(false);
  });

  it('does not leak Chatwoot\'s raw error page into the GraphQL error', async () => {
    harness.chatwoot.reply(() => ({ status: 500, body: '<html>Internal error at /app/controllers/secret.rb:42 token=abc</html>', headers: { 'content-type': 'text/html' } }));
    const result = await harness.gateway.query(
      `mutation { submitMessageResponse(inboxIdentifier: "${INBOX}", contactIdentifier: "c", displayId: 1, messageId: "2", input: { value: "x" }) { id } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(result.text).not.toContain('secret.rb');
    expect(result.text).not.toContain('token=abc');
    harness.chatwoot.reply(clientApiHandler());
  });
});
