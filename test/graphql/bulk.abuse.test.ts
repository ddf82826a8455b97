import { startGatewayProcess, type GatewayProcess } from '../support/process';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';

/**
 * updateContacts with identifiers that used to fail inside the path encoder (lone surrogates, dot segments): every
 * item fails on its own with BAD_USER_INPUT, and nothing but the gateway's JSON log lines is written by the process.
 */

const BULK = `mutation($items: [UpdateContactItemInput!]!) {
  updateContacts(items: $items) { index error { code message } contact { id } }
}`;

interface Result {
  index: number;
  error: { code: string; message: string } | null;
  contact: { id: string } | null;
}

describe('updateContacts items the path encoder refuses', () => {
  let chatwoot: FakeChatwoot;
  let gateway: GatewayProcess;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ body: slimContact() }));
    gateway = await startGatewayProcess({ CHATWOOT_BASE_URL: chatwoot.url, LOG_LEVEL: 'warn' });
  }, 30_000);
  afterAll(async () => {
    await gateway?.close();
    await chatwoot?.close();
  });

  it('codes each bad item BAD_USER_INPUT, without stack traces, and writes no line that is not JSON', async () => {
    const bad = ['a\ud800', '\udfff', '.', '..'];
    const items = Array.from({ length: 400 }, (_, i) => ({
      inboxIdentifier: 'inbox-a',
      contactIdentifier: i === 399 ? 'contact-ok' : (bad[i % bad.length] as string),
      input: { name: 'N' },
    }));
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: BULK, variables: { items } }),
    });
    const body = (await response.json()) as { data?: { updateContacts: Result[] }; errors?: unknown[] };

    expect(body.errors).toBeUndefined();
    const results = body.data?.updateContacts ?? [];
    expect(results).toHaveLength(400);
    expect(results[399]).toEqual({ index: 399, error: null, contact: { id: '42' } });
    for (const result of results.slice(0, 399)) {
      expect(result.error?.code).toBe('BAD_USER_INPUT');
      expect(result.error?.message).toMatch(/^contactIdentifier (is not well-formed Unicode|must not be "\." or "\.\.")/);
      expect(result.error?.message).not.toMatch(/\n\s+at /);
    }
    expect(chatwoot.requests).toHaveLength(1);

    // What the process wrote: nothing on stderr, and only JSON log lines on stdout after the start-up banner.
    const { stdout, stderr } = gateway.output();
    expect(stderr).toBe('');
    const logLines = stdout.split('\n').filter((line) => line.startsWith('{'));
    for (const line of logLines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(stdout).not.toMatch(/Internal error in a bulk item|URIError/);
  }, 30_000);
});
