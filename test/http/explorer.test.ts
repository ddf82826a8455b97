import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ConfigError, loadConfig } from '../../src/config';
import { exposePlugins } from '../../src/http/explorerBundle';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';

/** What a browser sends when the address bar opens a URL. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const INTROSPECTION = '{ __schema { queryType { name } } }';
const GRAPHIQL_DIST = join(dirname(require.resolve('@graphql-yoga/graphiql/package.json')), 'dist');

function origin(gateway: TestGateway): string {
  return new URL(gateway.url).origin;
}

function openInBrowser(gateway: TestGateway, path = '/graphql', headers: Record<string, string> = {}) {
  return fetch(`${origin(gateway)}${path}`, { headers: { accept: BROWSER_ACCEPT, ...headers }, redirect: 'manual' });
}

/** The asset URLs the page links to, resolved against the page's URL as a browser would. */
function linkedAssets(html: string, pageUrl: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
    .map((m) => m[1] as string)
    .filter((link) => !link.startsWith('data:'))
    .map((link) => new URL(link, pageUrl).toString());
}

describe('the explorer (GATEWAY_EXPLORER on, the default outside production)', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    gateway = await startTestGateway(chatwoot.url, {}, {
      explorerExample: { inboxIdentifier: 'demoInbox</script>', contactIdentifier: 'demo-contact-1' },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('answers a browser at GET /graphql with the GraphiQL page, locked down by its headers', async () => {
    const response = await openInBrowser(gateway);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    // Subscriptions: the gateway's own ws:// and wss:// origin, nothing else.
    const host = new URL(gateway.url).host;
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host};`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html).toContain('<title>Chatwoot GraphQL Gateway · Explorer</title>');
    // Nothing on the page points to another host.
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });

  it('opens with the updateContact mutation, the contact query and the conversationEvents subscription, filled with the example records', async () => {
    const html = await (await openInBrowser(gateway)).text();
    const json = /<script type="application\/json" id="explorer-options">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    const options = JSON.parse(json) as { defaultTabs: Array<{ query: string; variables: string }>; subscriptionsProtocol: string };

    expect(options.defaultTabs).toHaveLength(3);
    const [mutation, query, subscription] = options.defaultTabs;
    expect(options.subscriptionsProtocol).toBe('WS');
    expect(subscription?.query).toContain('subscription ConversationEvents(');
    expect(JSON.parse(subscription?.variables ?? '')).toEqual({ inboxIdentifier: 'demoInbox</script>', contactIdentifier: 'demo-contact-1', displayId: 1 });
    expect(mutation?.query).toContain('mutation UpdateContact(');
    expect(JSON.parse(mutation?.variables ?? '')).toEqual({
      inboxIdentifier: 'demoInbox</script>',
      contactIdentifier: 'demo-contact-1',
      input: { name: 'Alice Example', email: 'alice@example.org' },
    });
    expect(query?.query).toContain('contact(inboxIdentifier: $inboxIdentifier, contactIdentifier: $contactIdentifier)');
    // A value cannot close the script element it travels in.
    expect(html).not.toContain('demoInbox</script>');
  });

  it.each([
    ['graphiql.css', 'text/css; charset=utf-8', 'graphiql.css'],
    ['editor.worker.js', 'text/javascript; charset=utf-8', 'monacoeditorwork/editor.worker.bundle.js'],
    ['json.worker.js', 'text/javascript; charset=utf-8', 'monacoeditorwork/json.worker.bundle.js'],
    ['graphql.worker.js', 'text/javascript; charset=utf-8', 'monacoeditorwork/graphql.worker..bundle.js'],
  ])('serves %s from the installed package as %s', async (name, contentType, file) => {
    const response = await fetch(`${origin(gateway)}/graphql/explorer/${name}`, { headers: { 'accept-encoding': 'identity' } });
    const body = Buffer.from(await response.arrayBuffer());

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(body.equals(readFileSync(join(GRAPHIQL_DIST, file)))).toBe(true);
  });

  it('serves the GraphiQL bundle from the installed package, with the History plugin exported', async () => {
    const response = await fetch(`${origin(gateway)}/graphql/explorer/graphiql.js`, { headers: { 'accept-encoding': 'identity' } });
    const served = await response.text();
    const raw = readFileSync(join(GRAPHIQL_DIST, 'yoga-graphiql.umd.js'), 'utf8');

    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(served).toBe(exposePlugins(raw));
    expect(served).not.toBe(raw);
    expect(served).toMatch(/\.historyPlugin=[\w$]+,[\w$]+\.explorerPlugin=[\w$]+,[\w$]+\.renderYogaGraphiQL=/);
    expect(served.length - raw.length).toBeLessThan(100);
  });

  it('serves every file the page links to, and its start script', async () => {
    const page = await openInBrowser(gateway);
    const assets = linkedAssets(await page.text(), page.url);
    expect(assets.map((url) => new URL(url).pathname)).toEqual([
      '/graphql/explorer/graphiql.css',
      '/graphql/explorer/graphiql.js',
      '/graphql/explorer/start.js',
    ]);
    for (const url of assets) expect((await fetch(url)).status).toBe(200);
    const start = await (await fetch(assets[2] as string)).text();
    expect(start).toContain('YogaGraphiQL.renderYogaGraphiQL');
  });

  it('compresses the bundle for clients that accept gzip, and answers 304 to a matching ETag', async () => {
    const raw = Buffer.from(exposePlugins(readFileSync(join(GRAPHIQL_DIST, 'yoga-graphiql.umd.js'), 'utf8')));
    const url = `${origin(gateway)}/graphql/explorer/graphiql.js`;
    const zipped = await new Promise<{ encoding?: string; etag?: string; body: Buffer }>((resolve, reject) => {
      request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ encoding: res.headers['content-encoding'], etag: res.headers.etag, body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    });
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(raw.length / 2);
    expect(gunzipSync(zipped.body).equals(raw)).toBe(true);

    const again = await fetch(url, { headers: { 'if-none-match': zipped.etag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('serves no other file: unknown names and path tricks get 404', async () => {
    for (const path of ['/graphql/explorer/package.json', '/graphql/explorer/', '/graphql/explorer/%2e%2e/%2e%2e/package.json']) {
      expect((await fetch(`${origin(gateway)}${path}`)).status).toBe(404);
    }
    const traversal = await new Promise<number>((resolve, reject) => {
      request(`${origin(gateway)}/`, { path: '/graphql/explorer/../../../package.json' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(traversal).toBe(404);
  });

  it('redirects / to the explorer', async () => {
    const response = await openInBrowser(gateway, '/');
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location') ?? '', `${origin(gateway)}/`).pathname).toBe('/graphql');
  });

  it('still answers GraphQL at the same URL to clients that ask for JSON', async () => {
    const url = `${gateway.url}?query=${encodeURIComponent('{ __typename }')}`;
    // A GET needs a preflight-forcing header to pass CSRF prevention.
    const preflight = { 'apollo-require-preflight': 'true' };
    for (const accept of ['application/graphql-response+json, application/json', '*/*']) {
      const response = await fetch(url, { headers: { accept, ...preflight } });
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it('answers introspection, which the explorer needs for its documentation and completion', async () => {
    const result = await gateway.query(INTROSPECTION);
    expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('documents custom scalars with the descriptions written in schema/, not the scalar library\'s', async () => {
    const result = await gateway.query<{ __type: { description: string } }>('{ __type(name: "JSONObject") { description } }');
    expect(result.data?.__type.description).toBe('A JSON object (not an array, string or number). Keys are sent to Chatwoot exactly as given.');
  });

  it('keeps CSRF prevention on: a simple cross-site POST is refused before it runs', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { updateContact(inboxIdentifier: "a", contactIdentifier: "b", input: {}) { id } }' }),
    });
    expect(response.status).toBe(400);
    expect(chatwoot.requests).toHaveLength(0);
  });
});

describe('turning the explorer and introspection off and on', () => {
  let chatwoot: FakeChatwoot;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
  });
  afterAll(() => chatwoot.close());

  async function withGateway(env: Record<string, string>, check: (gateway: TestGateway) => Promise<void>) {
    const gateway = await startTestGateway(chatwoot.url, env);
    try {
      await check(gateway);
    } finally {
      await gateway.close();
    }
  }

  async function expectNoExplorer(gateway: TestGateway) {
    const page = await openInBrowser(gateway);
    expect(page.headers.get('content-type')).not.toContain('text/html');
    expect(await page.text()).not.toContain('<html');
    expect((await fetch(`${origin(gateway)}/graphql/explorer/graphiql.js`)).status).toBe(404);
    expect((await openInBrowser(gateway, '/')).status).toBe(404);
  }

  async function expectIntrospection(gateway: TestGateway, allowed: boolean) {
    const result = await gateway.query(INTROSPECTION);
    if (allowed) expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    else {
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.message).toMatch(/introspection/i);
    }
  }

  it('serves neither the explorer nor introspection with GATEWAY_EXPLORER=false', () =>
    withGateway({ GATEWAY_EXPLORER: 'false' }, async (gateway) => {
      await expectNoExplorer(gateway);
      await expectIntrospection(gateway, false);
    }));

  it('serves neither by default when NODE_ENV=production, but still serves _service for composition', () =>
    withGateway({ NODE_ENV: 'production' }, async (gateway) => {
      await expectNoExplorer(gateway);
      await expectIntrospection(gateway, false);
      const service = await gateway.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
      expect(service.data?._service.sdl).toContain('@key(fields: "inboxIdentifier sourceId")');
    }));

  it('serves both in production when the operator turns the explorer on', () =>
    withGateway({ NODE_ENV: 'production', GATEWAY_EXPLORER: 'true' }, async (gateway) => {
      expect((await openInBrowser(gateway)).headers.get('content-type')).toBe('text/html; charset=utf-8');
      await expectIntrospection(gateway, true);
    }));

  it('lets GATEWAY_INTROSPECTION differ from the explorer', async () => {
    await withGateway({ GATEWAY_INTROSPECTION: 'false' }, async (gateway) => {
      expect((await openInBrowser(gateway)).status).toBe(200);
      await expectIntrospection(gateway, false);
    });
    await withGateway({ GATEWAY_EXPLORER: 'false', GATEWAY_INTROSPECTION: 'true' }, async (gateway) => {
      await expectNoExplorer(gateway);
      await expectIntrospection(gateway, true);
    });
  });

  it('reports a value that is not true or false as a configuration problem', () => {
    expect(() => loadConfig({ GATEWAY_EXPLORER: 'sometimes', GATEWAY_INTROSPECTION: 'maybe' })).toThrow(ConfigError);
    try {
      loadConfig({ GATEWAY_EXPLORER: 'sometimes', GATEWAY_INTROSPECTION: 'maybe' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'GATEWAY_EXPLORER must be true or false (got "sometimes").',
        'GATEWAY_INTROSPECTION must be true or false (got "maybe").',
      ]);
    }
  });
});
