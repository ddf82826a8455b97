import { createServer } from 'node:net';
import { slimContact } from '../support/servers';
import { useGatewayWithFakeChatwoot } from '../support/harness';
import { startTestGateway } from '../support/gateway';
import { startSelfSignedChatwoot } from '../support/tls';

const UPDATE = `
  mutation Update($inbox: String!, $contact: String!, $input: UpdateContactInput!, $options: RequestOptionsInput) {
    updateContact(inboxIdentifier: $inbox, contactIdentifier: $contact, input: $input, options: $options) { id name }
  }`;

const TOKEN = 'tok-Secret-9f8e7d6c5b4a';

describe('error codes of updateContact', () => {
  const harness = useGatewayWithFakeChatwoot({ CHATWOOT_API_ACCESS_TOKEN: TOKEN });

  const update = (input: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    harness.gateway.query(UPDATE, { inbox: 'inbox-abc', contact: 'contact-1', input, ...extra });

  describe('BAD_USER_INPUT before any call to Chatwoot', () => {
    it.each([
      ['a blank inboxIdentifier', { inbox: '   ' }, 'inboxIdentifier'],
      ['an empty contactIdentifier', { contact: '' }, 'contactIdentifier'],
    ])('refuses %s', async (_label, extra, field) => {
      const result = await update({ name: 'A' }, extra);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toContain(field);
      expect(harness.chatwoot.requests).toHaveLength(0);
    });

    it.each([
      ['an e-mail without a domain', { email: 'alice@' }],
      ['an e-mail with spaces', { email: 'alice smith@example.com' }],
      ['a phone number without a plus', { phoneNumber: '14155550123' }],
      ['a phone number with spaces', { phoneNumber: '+1 415 555 0123' }],
      ['a phone number starting with 0', { phoneNumber: '+0123456' }],
      ['a phone number that is too long', { phoneNumber: '+1234567890123456' }],
      ['an avatar URL that is not a URL', { avatarUrl: 'not a url' }],
      ['an avatar URL with a javascript: scheme', { avatarUrl: 'javascript:alert(1)' }],
      ['an avatar URL with an ftp: scheme', { avatarUrl: 'ftp://example.com/a.png' }],
      ['an avatar URL of a PDF', { avatarUrl: 'https://example.com/cv.pdf' }],
      ['customAttributes that are a list', { customAttributes: [1, 2] }],
      ['customAttributes that are a string', { customAttributes: 'plan=pro' }],
    ])('refuses %s passed as a variable', async (_label, input) => {
      const result = await update(input);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.data ?? null).toBeNull();
      expect(harness.chatwoot.requests).toHaveLength(0);
    });

    it.each([
      ['email: "nope"', 'email'],
      ['phoneNumber: "555-0123"', 'phone'],
      ['avatarUrl: "file:///etc/passwd"', 'http'],
      ['customAttributes: "x"', 'JSONObject'],
    ])('refuses %s written inline in the document', async (literal, hint) => {
      const result = await harness.gateway.query(
        `mutation { updateContact(inboxIdentifier: "i", contactIdentifier: "c", input: { ${literal} }) { id } }`,
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(new RegExp(hint, 'i'));
      expect(harness.chatwoot.requests).toHaveLength(0);
    });
  });

  it('returns BAD_USER_INPUT with Chatwoot own message and the invalid fields for a 422', async () => {
    harness.chatwoot.reply(() => ({
      status: 422,
      body: { message: 'Email Invalid email, Phone number should be in e164 format', attributes: ['email', 'phone_number'] },
    }));
    const result = await update({ name: 'A' });
    const error = result.errors?.[0];
    expect(error?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: ['email', 'phoneNumber'],
      upstream: { status: 422, method: 'PATCH', path: '/public/api/v1/inboxes/inbox-abc/contacts/contact-1' },
    });
    expect(error?.message).toContain('Email Invalid email, Phone number should be in e164 format');
  });

  it('returns BAD_USER_INPUT for a 400 from Chatwoot', async () => {
    harness.chatwoot.reply(() => ({ status: 400, body: { status: 400, error: 'Bad Request' } }));
    const result = await update({ name: 'A' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: { status: 400 } });
  });

  it.each([
    [401, { error: 'Invalid Access Token' }, 'UNAUTHENTICATED'],
    [403, { error: 'API access is not enabled for this account' }, 'FORBIDDEN'],
    [404, { status: 404, error: 'Not Found' }, 'NOT_FOUND'],
  ])('maps HTTP %i from Chatwoot to %s', async (status, body, code) => {
    harness.chatwoot.reply(() => ({ status, body }));
    const result = await update({ name: 'A' });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code,
      upstream: { status, method: 'PATCH', path: '/public/api/v1/inboxes/inbox-abc/contacts/contact-1' },
    });
  });

  it('returns RATE_LIMITED with retryAfterSeconds when Chatwoot sends Retry-After', async () => {
    harness.chatwoot.reply(() => ({ status: 429, headers: { 'retry-after': '17', 'content-type': 'text/plain' }, body: 'Retry later\n' }));
    const result = await update({ name: 'A' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 17 });
  });

  it('returns RATE_LIMITED without retryAfterSeconds when Chatwoot sends none (its default)', async () => {
    harness.chatwoot.reply(() => ({ status: 429, headers: { 'content-type': 'text/plain' }, body: 'Retry later\n' }));
    const result = await update({ name: 'A' });
    expect(result.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(result.errors?.[0]?.extensions).not.toHaveProperty('retryAfterSeconds');
  });

  it.each([500, 502, 503, 504])('returns UPSTREAM_UNAVAILABLE for HTTP %i', async (status) => {
    harness.chatwoot.reply(() => ({ status, body: { status, error: 'Internal Server Error' } }));
    const result = await update({ name: 'A' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { status } });
  });

  it('explains that a 500 from a contact endpoint is how Chatwoot reports a failed identity check', async () => {
    harness.chatwoot.reply(() => ({ status: 500, body: { status: 500, error: 'Internal Server Error' } }));
    const result = await update({ identifier: 'u1', identifierHash: 'bad' });
    expect(result.errors?.[0]?.message).toMatch(/identifierHash/);
  });

  it('returns UPSTREAM_UNAVAILABLE when a 2xx body is not JSON', async () => {
    harness.chatwoot.reply(() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>oops</html>' }));
    const result = await update({ name: 'A' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'invalid_response' });
  });

  it('returns UPSTREAM_UNAVAILABLE when Chatwoot resets the connection', async () => {
    harness.chatwoot.reply(() => ({ reset: true }));
    const result = await update({ name: 'A' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('returns UPSTREAM_TIMEOUT within the deadline when Chatwoot is slow, and keeps serving', async () => {
    harness.chatwoot.reply(() => ({ delayMs: 2_000, body: slimContact() }));
    const started = Date.now();
    const result = await update({ name: 'A' }, { options: { timeoutMs: 200 } });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', timeoutMs: 200 });

    harness.chatwoot.reply(() => ({ body: slimContact({ name: 'Back' }) }));
    const next = await update({ name: 'Back' });
    expect(next.data).toEqual({ updateContact: { id: '42', name: 'Back' } });
  });

  it('never shows the token or a stack trace in any error', async () => {
    const replies = [
      { status: 401, body: { error: `Invalid Access Token ${TOKEN}` } },
      { status: 500, body: { status: 500, error: TOKEN } },
      { status: 422, body: { message: 'bad', attributes: ['email'] } },
      { reset: true },
    ];
    for (const reply of replies) {
      harness.chatwoot.reply(() => reply);
      const result = await update({ name: 'A' }, { options: { timeoutMs: 1000 } });
      expect(result.errors).toBeDefined();
      expect(result.text).not.toContain(TOKEN);
      expect(result.text).not.toContain('stacktrace');
    }
  });
});

describe('errors from the network', () => {
  it('returns UPSTREAM_UNAVAILABLE naming the refused connection when nothing listens', async () => {
    const port = await unusedPort();
    const gateway = await startTestGateway(`http://127.0.0.1:${port}`);
    try {
      const result = await gateway.query(UPDATE, { inbox: 'i', contact: 'c', input: { name: 'A' } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'connection_refused' });
      expect(result.errors?.[0]?.message).toContain(`127.0.0.1:${port}`);
    } finally {
      await gateway.close();
    }
  });

  it('returns UPSTREAM_TLS_ERROR with a hint about ignoreSslIssues for a self-signed certificate', async () => {
    const tls = await startSelfSignedChatwoot(slimContact());
    const gateway = await startTestGateway(tls.url);
    try {
      const result = await gateway.query(UPDATE, { inbox: 'i', contact: 'c', input: { name: 'A' } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TLS_ERROR', tlsCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(result.errors?.[0]?.message).toContain('ignoreSslIssues');
      expect(tls.requests).toBe(0);
    } finally {
      await gateway.close();
      await tls.close();
    }
  });
});

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
