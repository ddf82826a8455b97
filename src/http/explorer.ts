import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { exposePlugins } from './explorerBundle';
import { type ExplorerExample, PAGE_ASSETS, PLACEHOLDER_EXAMPLE, renderExplorerPage, START_SCRIPT } from './explorerPage';

const gzip = promisify(gzipCallback);

/**
 * The in-browser explorer: GraphiQL (the @graphql-yoga/graphiql bundle), served entirely from the gateway's own
 * origin so that it works on networks that cannot reach a CDN.
 *
 * - GET /graphql from a browser (Accept prefers text/html) answers the explorer page; every other request to
 *   /graphql, including GraphiQL's own POSTs, goes to GraphQL as before.
 * - GET /graphql/explorer/<name> answers one of a fixed list of files; nothing else of the disk is reachable.
 * - GET / redirects to /graphql, so the bare host opens the explorer.
 *
 * Threat model: the page runs operations with whatever the browser sends, so it must not be framed by another site
 * (clickjacking a mutation) and must not load code from anywhere but the gateway. The Content-Security-Policy says
 * both, and forbids inline scripts; the page's options travel as inert JSON. CSRF prevention for POST /graphql is
 * untouched: GraphiQL sends `content-type: application/json`, which Apollo's check accepts.
 */
export interface Explorer {
  /** Answers the request if it is the explorer's; resolves false when the request is not for the explorer. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

export interface ExplorerOptions {
  /** Where GraphQL is served, e.g. /graphql. The assets are served under `<graphqlPath>/explorer/`. */
  readonly graphqlPath: string;
  /** The inbox and contact the example operations use (the simulator's demo records); placeholders otherwise. */
  readonly example?: ExplorerExample;
}

interface Asset {
  readonly contentType: string;
  /** Reads the content: a file of the installed @graphql-yoga/graphiql package, or text of our own. */
  readonly load: () => Promise<string | Buffer>;
}

/** An asset as served: loaded once, on first request, and kept (a few MB; the explorer is a development tool). */
interface LoadedAsset {
  readonly body: Buffer;
  readonly etag: string;
  /** Compressed on first use by a client that accepts gzip. */
  gzipped?: Promise<Buffer>;
}

const JS = 'text/javascript; charset=utf-8';

/** The one place that says which files are public. */
function assetTable(): ReadonlyMap<string, Asset> {
  const dist = join(dirname(require.resolve('@graphql-yoga/graphiql/package.json')), 'dist');
  const file = (...path: string[]) => () => readFile(join(dist, ...path));
  return new Map<string, Asset>([
    [PAGE_ASSETS.css, { contentType: 'text/css; charset=utf-8', load: file('graphiql.css') }],
    [PAGE_ASSETS.bundle, { contentType: JS, load: async () => exposePlugins(await readFile(join(dist, 'yoga-graphiql.umd.js'), 'utf8')) }],
    [PAGE_ASSETS.start, { contentType: JS, load: async () => START_SCRIPT }],
    ['editor.worker.js', { contentType: JS, load: file('monacoeditorwork', 'editor.worker.bundle.js') }],
    ['json.worker.js', { contentType: JS, load: file('monacoeditorwork', 'json.worker.bundle.js') }],
    // The package really names this file with two dots.
    ['graphql.worker.js', { contentType: JS, load: file('monacoeditorwork', 'graphql.worker..bundle.js') }],
  ]);
}

/**
 * The page's policy. connect-src names the gateway's own ws:// and wss:// origin besides 'self' (which CSP Level 3
 * browsers already extend to WebSockets), for subscriptions; `host` is used only when it is a plain host[:port].
 */
function contentSecurityPolicy(host: string | undefined): string {
  const own = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self'${own}`);
}

const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  // React and Monaco set style attributes; the fonts and icons are data: URLs inside graphiql.css.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Builds the explorer; the gateway creates it only when GATEWAY_EXPLORER is on. */
export function createExplorer(options: ExplorerOptions): Explorer {
  const assetPrefix = `${options.graphqlPath}/explorer/`;
  // Links are relative to the page's own URL (/graphql), so a proxy prefix in front of the gateway is kept.
  const pageName = options.graphqlPath.slice(options.graphqlPath.lastIndexOf('/') + 1);
  const assetDir = `${pageName}/explorer/`;
  const page = renderExplorerPage(assetDir, options.example ?? PLACEHOLDER_EXAMPLE);
  const assets = assetTable();
  const loaded = new Map<string, Promise<LoadedAsset>>();

  function load(name: string, asset: Asset): Promise<LoadedAsset> {
    let entry = loaded.get(name);
    if (!entry) {
      entry = asset.load().then((content) => {
        const body = Buffer.from(content);
        return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      });
      loaded.set(name, entry);
      entry.catch(() => loaded.delete(name));
    }
    return entry;
  }

  async function serveAsset(req: IncomingMessage, res: ServerResponse, asset: Asset, name: string): Promise<void> {
    const loadedAsset = await load(name, asset);
    res.setHeader('content-type', asset.contentType);
    res.setHeader('x-content-type-options', 'nosniff');
    // Revalidate every time (cheap: 304) so an upgraded package is never mixed with a cached older one.
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('etag', loadedAsset.etag);
    res.setHeader('vary', 'accept-encoding');
    if (req.headers['if-none-match'] === loadedAsset.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    let body = loadedAsset.body;
    if (acceptsGzip(req)) {
      // The bundle is megabytes of text; compress each file once and keep the result.
      loadedAsset.gzipped ??= gzip(loadedAsset.body);
      body = await loadedAsset.gzipped;
      res.setHeader('content-encoding', 'gzip');
    }
    res.setHeader('content-length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return {
    async handle(req, res, path) {
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') return false;
      if (path === options.graphqlPath) {
        if (!prefersHtml(req.headers.accept)) return false;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.setHeader('content-security-policy', contentSecurityPolicy(req.headers.host));
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('referrer-policy', 'no-referrer');
        res.setHeader('cache-control', 'no-store');
        res.end(method === 'HEAD' ? undefined : page);
        return true;
      }
      if (path === '/') {
        res.statusCode = 302;
        res.setHeader('location', pageName);
        res.end();
        return true;
      }
      if (!path.startsWith(assetPrefix)) return false;
      const name = path.slice(assetPrefix.length);
      const asset = assets.get(name);
      if (!asset) return false;
      await serveAsset(req, res, asset, name);
      return true;
    },
  };
}

/**
 * True when the client asks for HTML before JSON, as a browser navigating to the URL does
 * (`text/html,...,*∕*;q=0.8`). Only an explicit text/html counts: `*∕*` alone (curl) gets GraphQL.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = 0;
  let json = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) || 0 : 1;
    if (type === 'text/html') html = Math.max(html, q);
    else if (type === 'application/json' || type === 'application/graphql-response+json') json = Math.max(json, q);
  }
  return html > 0 && html >= json;
}

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b(?!;\s*q=0(?:\.0*)?\s*(?:,|$))/i.test(header);
}
