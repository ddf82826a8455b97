import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { requiredEnv, serveAsChild } from './child';

/**
 * The minimal proxy: the least any Node.js hop can add. A plain node:http server, no GraphQL, that forwards the
 * request's JSON body as the same PATCH through one pooled keep-alive undici Agent (sized like the gateway's) and
 * answers with the upstream body. No validation, no mapping, no error handling beyond a 502.
 */
const upstream = new URL(requiredEnv('BENCH_UPSTREAM_URL'));
const agent = new Agent({ connections: 128, keepAliveTimeout: 10_000 });

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    agent
      .request({
        origin: upstream.origin,
        path: req.url ?? '/',
        method: 'PATCH',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: Buffer.concat(chunks),
      })
      .then(async (response) => {
        const body = await response.body.text();
        res.writeHead(response.statusCode, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
      })
      .catch(() => {
        res.statusCode = 502;
        res.end();
      });
  });
});
server.listen(0, '127.0.0.1', () => {
  serveAsChild((server.address() as AddressInfo).port, async () => {
    server.close();
    server.closeAllConnections();
    await agent.close();
  });
});
