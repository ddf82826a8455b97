import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveAsChild } from './child';

/**
 * A fake Chatwoot that is as cheap as a Node.js server can be: every request (the contact PATCH) is answered with
 * the same pre-encoded JSON contact, over keep-alive. It is the ceiling every other target is measured against.
 */
export const CONTACT_BODY = Buffer.from(
  JSON.stringify({
    id: 42,
    source_id: 'bench-contact',
    name: 'Bench Contact',
    email: 'bench@example.com',
    phone_number: '+14155550123',
    identifier: null,
    pubsub_token: 'benchPubsubTokenAAAAAAAA',
    custom_attributes: { plan: 'pro' },
  }),
);

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': CONTACT_BODY.length });
    res.end(CONTACT_BODY);
  });
});
server.listen(0, '127.0.0.1', () => {
  serveAsChild((server.address() as AddressInfo).port, async () => {
    server.close();
    server.closeAllConnections();
  });
});
