import { createServer } from 'node:https';
import { generate } from 'selfsigned';
import { listenOnLoopback, type RunningServer } from './servers';

/** A certificate made at test time for 127.0.0.1 and localhost, signed by nobody a client trusts. */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  return { key: pems.private, cert: pems.cert };
}

/** A real HTTPS server with a self-signed certificate that answers every request with `body` as JSON. */
export async function startSelfSignedChatwoot(body: unknown): Promise<RunningServer & { requests: number }> {
  const { key, cert } = await selfSignedCertificate();
  const state = { requests: 0 };
  const server = createServer({ key, cert }, (req, res) => {
    state.requests += 1;
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    });
  });
  const running = await listenOnLoopback(server, 'https');
  return {
    ...running,
    get requests() {
      return state.requests;
    },
  };
}
