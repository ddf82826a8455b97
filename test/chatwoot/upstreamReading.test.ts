import { createServer } from 'node:http';
import { listenOnLoopback, type RunningServer, slimContact } from '../support/servers';
import { startTestGateway, type TestGateway } from '../support/gateway';

const UPDATE = `mutation Update($options: RequestOptionsInput) {
  updateContact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1", input: { name: "Alice" }, options: $options) { id name }
}`;

/** How the upstream answers the next call: chunked (no Content-Length), with a declared length, or late. */
type Mode = { kind: 'chunked'; padding: number } | { kind: 'declared'; padding: number } | { kind: 'late'; afterMs: number };

describe('reading Chatwoot answers', () => {
  let upstream: RunningServer;
  let gateway: TestGateway;
  let mode: Mode = { kind: 'chunked', padding: 0 };

  beforeAll(async () => {
    upstream = await listenOnLoopback(
      createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          const current = mode;
          if (current.kind === 'late') {
            setTimeout(() => res.end(JSON.stringify(slimContact())), current.afterMs).unref();
            return;
          }
          const body = JSON.stringify(slimContact({ padding: 'x'.repeat(current.padding) }));
          if (current.kind === 'declared') {
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
            res.end(body);
            return;
          }
          // Two writes without a Content-Length: Node sends the body chunked.
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write(body.slice(0, 20));
          res.end(body.slice(20));
        });
      }),
    );
    gateway = await startTestGateway(upstream.url, { GATEWAY_MAX_RESPONSE_BYTES: '2048' });
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('reads a chunked answer within the size limit', async () => {
    mode = { kind: 'chunked', padding: 100 };
    const result = await gateway.query(UPDATE);

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ updateContact: { id: '42', name: 'Alice' } });
  });

  it('refuses a chunked answer once it passes the size limit, with UPSTREAM_UNAVAILABLE', async () => {
    mode = { kind: 'chunked', padding: 4096 };
    const result = await gateway.query(UPDATE);

    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(result.text).not.toContain('xxxx');
  });

  it('reads an answer with a declared Content-Length within the limit', async () => {
    mode = { kind: 'declared', padding: 100 };
    const result = await gateway.query(UPDATE);

    expect(result.data).toEqual({ updateContact: { id: '42', name: 'Alice' } });
  });

  it('refuses an answer whose declared Content-Length passes the limit, with UPSTREAM_UNAVAILABLE', async () => {
    mode = { kind: 'declared', padding: 4096 };
    const result = await gateway.query(UPDATE);

    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it("fails with UPSTREAM_TIMEOUT when Chatwoot does not answer within the request's deadline", async () => {
    mode = { kind: 'late', afterMs: 3000 };
    const started = Date.now();
    const result = await gateway.query(UPDATE, { options: { timeoutMs: 200 } });

    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('answers normally after a call that timed out', async () => {
    mode = { kind: 'declared', padding: 0 };
    const result = await gateway.query(UPDATE, { options: { timeoutMs: 2000 } });

    expect(result.data).toEqual({ updateContact: { id: '42', name: 'Alice' } });
  });
});
