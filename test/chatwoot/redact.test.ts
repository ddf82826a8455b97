import { useGatewayWithFakeChatwoot } from '../support/harness';

/**
 * Chatwoot's 422 quotes what it was sent, in its message and in `attributes`, and the gateway re-cases attribute names
 * (`invalidFields` are camelCase). The token must not come back to the client in any spelling.
 */

const TOKEN = 'caller_token_Secret99';
const UPDATE = 'mutation { updateContact(inboxIdentifier: "inbox-a", contactIdentifier: "contact-1", input: { name: "A" }) { id } }';
/** Every spelling of the token a re-casing could produce, to look for in the raw answer. */
const SPELLINGS = [TOKEN, 'callerTokenSecret99', 'CALLER-TOKEN-SECRET99', 'caller token secret99', 'callertokensecret99'];

describe('redaction of the token in what Chatwoot echoes', () => {
  const harness = useGatewayWithFakeChatwoot();

  it('cuts the token out of a 422 echoing it in attributes and message, whatever its case and separators', async () => {
    harness.chatwoot.reply(() => ({
      status: 422,
      body: {
        message: 'Caller Token Secret99 is not a valid name; CALLER-TOKEN-SECRET99 neither',
        attributes: ['caller_token_secret99', 'name'],
      },
    }));
    const result = await harness.gateway.query(UPDATE, undefined, { 'api-access-token': TOKEN });

    expect(result.errors?.[0]?.message).toBe(
      'Chatwoot refused the input (HTTP 422). Chatwoot says: [redacted] is not a valid name; [redacted] neither',
    );
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      upstream: { status: 422, method: 'PATCH', path: '/public/api/v1/inboxes/inbox-a/contacts/contact-1' },
      invalidFields: ['[redacted]', 'name'],
    });
    for (const spelling of SPELLINGS) expect(result.text.toLowerCase()).not.toContain(spelling.toLowerCase());
  });

  it('leaves attributes and words that merely share a few letters with the token alone', async () => {
    harness.chatwoot.reply(() => ({ status: 422, body: { message: 'caller token is required', attributes: ['caller_token', 'secret'] } }));
    const result = await harness.gateway.query(UPDATE, undefined, { 'api-access-token': TOKEN });
    expect(result.errors?.[0]?.message).toBe('Chatwoot refused the input (HTTP 422). Chatwoot says: caller token is required');
    expect(result.errors?.[0]?.extensions?.invalidFields).toEqual(['callerToken', 'secret']);
  });
});

describe('redaction of every error string of a response', () => {
  const harness = useGatewayWithFakeChatwoot();

  it("cuts the caller's token out of graphql-js quoting an invalid variable value, in any casing", async () => {
    const query = 'mutation($input: UpdateContactInput!) { updateContact(inboxIdentifier: "inbox-a", contactIdentifier: "c", input: $input) { id } }';
    const result = await harness.gateway.query(query, { input: { email: `CALLER-TOKEN-SECRET99@` } }, { 'api-access-token': TOKEN });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('[redacted]');
    for (const spelling of SPELLINGS) expect(result.text.toLowerCase()).not.toContain(spelling.toLowerCase());
    expect(harness.chatwoot.requests).toHaveLength(0);
  });
});

describe('redaction of the bearer token in error strings', () => {
  const harness = useGatewayWithFakeChatwoot();
  const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXNlY3JldC1wYXJ0';

  it('cuts the Authorization bearer token out of an error that quotes it back', async () => {
    const query = 'mutation($input: UpdateContactInput!) { updateContact(inboxIdentifier: "inbox-a", contactIdentifier: "c", input: $input) { id } }';
    const result = await harness.gateway.query(query, { input: { email: BEARER } }, { authorization: `Bearer ${BEARER}` });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('[redacted]');
    expect(result.text).not.toContain(BEARER);
    expect(result.text).not.toContain(BEARER.split('.')[2]);
  });
});
