import { request } from 'undici';
import { run, type Running } from '../src/cli';
import { startFakeChatwoot } from './support/servers';

/** The banner's curl command, taken apart: URL and body. */
function curlFrom(banner: string): { url: string; body: string } {
  const url = /curl -s (\S+)/.exec(banner)?.[1];
  const body = /-d '([^']+)'/.exec(banner)?.[1];
  if (!url || !body) throw new Error(`no curl command in the banner:\n${banner}`);
  return { url, body };
}

describe('npm start (run)', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('starts the embedded simulator when no Chatwoot is configured, says so, and its curl command works', async () => {
    const lines: string[] = [];
    running = await run({ PORT: '0' }, (line) => lines.push(line));
    const banner = lines.join('\n');

    expect(banner).toMatch(/EMBEDDED CHATWOOT SIMULATOR/);
    expect(banner).toContain('not a real Chatwoot');
    expect(banner).toContain(running.simulator!.url);
    expect(banner).toContain(running.simulator!.demo.inboxIdentifier);
    expect(banner).toContain(running.simulator!.demo.contactIdentifier);

    const { url, body } = curlFrom(banner);
    const response = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(await response.body.json()).toEqual({
      data: {
        updateContact: {
          id: '1',
          sourceId: running.simulator!.demo.contactIdentifier,
          name: 'Alice Example',
          email: 'alice@example.org',
          phoneNumber: '+14155550100',
        },
      },
    });
  });

  it('switches the Application API on for the simulator, prints the demo tokens, and its curl command answers', async () => {
    const lines: string[] = [];
    running = await run({ PORT: '0' }, (line) => lines.push(line));
    const banner = lines.join('\n');
    expect(banner).toContain('Application API: ON for the simulator');
    const command = /curl -s (\S+) -H 'content-type: application\/json' -H 'api-access-token: (\S+)' \\\n\s+-d '([^']+)'/.exec(banner);
    expect(command).not.toBeNull();
    const [, url, token, body] = command!;
    const response = await request(url!, { method: 'POST', body, headers: { 'content-type': 'application/json', 'api-access-token': token! } });
    expect(await response.body.json()).toEqual({
      data: { me: { name: 'Ada Admin', accounts: [{ account: { id: '1', name: 'Demo Account' }, role: 'ADMINISTRATOR' }] } },
    });
  });

  it('keeps the Application API off for the simulator when the operator says so', async () => {
    const lines: string[] = [];
    running = await run({ PORT: '0', GATEWAY_APPLICATION_API: 'false' }, (line) => lines.push(line));
    expect(lines.join('\n')).toContain('The Application API is off');
    expect(running.config.apis.application).toBe(false);
  });

  it('sets up verified identity for the simulator and prints a demo token whose curl reads the verified contact', async () => {
    const lines: string[] = [];
    running = await run({ PORT: '0' }, (line) => lines.push(line));
    const banner = lines.join('\n');
    const demo = running.simulator!.demo;

    const jwt = /Demo JWT: (\S+)/.exec(banner)?.[1];
    expect(jwt).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const curl = /curl -s (\S+) -H 'content-type: application\/json' -H 'authorization: Bearer (\S+)' \\\n\s+-d '([^']+)'/.exec(banner);
    expect(curl?.[2]).toBe(jwt);
    const response = await request(curl![1]!, {
      method: 'POST',
      body: curl![3]!,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
    });
    expect(await response.body.json()).toEqual({
      data: { contact: { id: '2', sourceId: demo.secureContactIdentifier, name: 'Bob Demo', email: 'bob@example.com' } },
    });
    // The curl carries no identifierHash of its own: the proof is the gateway's.
    expect(curl![3]).not.toContain(demo.secureContactIdentifierHash);
  });

  it('prints no demo token when the operator configured identity verification', async () => {
    const lines: string[] = [];
    running = await run(
      { PORT: '0', GATEWAY_IDENTITY_SECRET: 'x'.repeat(32), GATEWAY_INBOX_HMAC_TOKENS: 'someInbox=someHmacToken' },
      (line) => lines.push(line),
    );
    expect(lines.join('\n')).not.toMatch(/Demo JWT/);
    expect(running.gateway.identity?.covers('someInbox')).toBe(true);
    expect(running.gateway.identity?.covers(running.simulator!.demo.secureInboxIdentifier)).toBe(false);
  });

  it('talks to the configured Chatwoot and starts no simulator', async () => {
    const chatwoot = await startFakeChatwoot();
    const lines: string[] = [];
    try {
      running = await run({ PORT: '0', CHATWOOT_BASE_URL: chatwoot.url }, (line) => lines.push(line));
      expect(running.simulator).toBeNull();
      expect(lines.join('\n')).not.toMatch(/SIMULATOR/);
      await request(running.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { updateContact(inboxIdentifier: "i", contactIdentifier: "c", input: {name: "Z"}) { id } }' }),
      }).then((r) => r.body.text());
      expect(chatwoot.last().path).toBe('/public/api/v1/inboxes/i/contacts/c');
    } finally {
      await running?.close();
      running = undefined;
      await chatwoot.close();
    }
  });
});
