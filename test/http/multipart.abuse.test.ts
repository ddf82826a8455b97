import { connect } from 'node:net';
import { useGatewayWithFakeChatwoot } from '../support/harness';
import { CONTACT, clientApiHandler, INBOX } from '../support/clientApi';
import { postUpload, type TestFile } from '../support/uploads';

/**
 * Multipart requests as a hostile client writes them: one file mapped to many places (each becomes a copy upstream),
 * files put where no Upload belongs (a JSON scalar serialises a file at four times its size), and more bytes in all
 * than one request should hold. Each is refused with 400 or 413 before Chatwoot is called.
 */

const SEND = `mutation($input: SendMessageInput!) {
  sendMessage(inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}", displayId: 7, input: $input) { id }
}`;
const UPDATE = `mutation($input: UpdateContactInput!) {
  updateContact(inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}", input: $input) { id }
}`;
const file = (size: number, name = 'a.bin'): TestFile => ({ name, type: 'application/octet-stream', content: Buffer.alloc(size, 7) });

describe('upload placement and size rules', () => {
  const harness = useGatewayWithFakeChatwoot(
    { GATEWAY_MAX_UPLOAD_BYTES: '1024', GATEWAY_MAX_UPLOAD_FILES: '3', GATEWAY_MAX_UPLOAD_TOTAL_BYTES: '1500' },
    () => clientApiHandler(),
  );
  const url = () => harness.gateway.url;

  it('refuses one file mapped to 300 places with 400 BAD_REQUEST, without calling Chatwoot', async () => {
    const places = Array.from({ length: 300 }, (_, i) => `variables.input.attachments.${i}`);
    const operations = { query: SEND, variables: { input: { content: 'x', attachments: places.map(() => null) } } };
    const result = await postUpload(url(), operations, [file(100)], [], { map: JSON.stringify({ 0: places }) });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([
      {
        message: '`map` entry "0" names 300 places; each file fills exactly one (send it again for another).',
        extensions: { code: 'BAD_REQUEST' },
      },
    ]);
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('refuses a file mapped into a JSON object (customAttributes) with 400 BAD_REQUEST, without calling Chatwoot', async () => {
    const operations = { query: UPDATE, variables: { input: { customAttributes: { photo: null } } } };
    const result = await postUpload(url(), operations, [file(100)], ['variables.input.customAttributes.photo']);
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]).toEqual({
      message:
        '`map` entry "0" puts a file at "variables.input.customAttributes.photo", which is not an Upload position: ' +
        'that place of the variables is not of type Upload.',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it.each([
    ['a String field', 'variables.input.content', { content: null }],
    ['the attachments list itself', 'variables.input.attachments', { attachments: null }],
    ['a variable the operation does not declare', 'variables.other', {}],
    ['a place outside the variables', 'query', {}],
    ['the whole input object', 'variables.input', {}],
  ])('refuses a file mapped to %s with 400 BAD_REQUEST', async (_label, path, input) => {
    const operations = { query: SEND, variables: { input: { content: 'x', ...input }, other: null } };
    const result = await postUpload(url(), path === 'variables.input' ? { query: SEND, variables: { input: null } } : operations, [file(10)], [path]);
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(result.body.errors?.[0]?.message).toMatch(/is not an Upload position/);
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('accepts files at Upload positions of a variable typed [Upload!] of its own', async () => {
    const query = `mutation($files: [Upload!]) {
      sendMessage(inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}", displayId: 7, input: { content: "x", attachments: $files }) { id }
    }`;
    const result = await postUpload(url(), { query, variables: { files: [null, null] } }, [file(10), file(20)], ['variables.files.0', 'variables.files.1']);
    expect(result.body.errors).toBeUndefined();
    expect(harness.chatwoot.requests).toHaveLength(1);
  });

  it('refuses files larger than GATEWAY_MAX_UPLOAD_TOTAL_BYTES together with 413, without calling Chatwoot', async () => {
    const operations = { query: SEND, variables: { input: { content: 'x', attachments: [null, null] } } };
    const result = await postUpload(url(), operations, [file(1000), file(1000)], ['variables.input.attachments.0', 'variables.input.attachments.1']);
    expect(result.status).toBe(413);
    expect(result.body.errors).toEqual([
      {
        message: 'The files of this request are larger than 1500 bytes together (GATEWAY_MAX_UPLOAD_TOTAL_BYTES).',
        extensions: { code: 'PAYLOAD_TOO_LARGE' },
      },
    ]);
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('answers a misplaced file before the client has finished sending it (nothing of it is buffered)', async () => {
    const operations = JSON.stringify({ query: UPDATE, variables: { input: { customAttributes: { photo: null } } } });
    const map = JSON.stringify({ 0: ['variables.input.customAttributes.photo'] });
    const boundary = 'b0undary';
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n${map}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const { port } = new URL(url());
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8');
      socket.on('error', reject);
      socket.on('data', (chunk: string) => {
        received += chunk;
        // The status line and the body's end are in: the answer came while the file part is still open.
        if (received.includes('\r\n\r\n') && received.trimEnd().endsWith('}')) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.setTimeout(10_000, () => socket.destroy(new Error('no answer while the upload was still being sent')));
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\napollo-require-preflight: true\r\n` +
          `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${head.length + 1_000_000}\r\n\r\n${head}`,
      );
      socket.write(Buffer.alloc(100, 1));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"BAD_REQUEST"');
    expect(harness.chatwoot.requests).toHaveLength(0);
  });
});

describe('upload placement in batched operations (GATEWAY_HTTP_BATCHING=true)', () => {
  const harness = useGatewayWithFakeChatwoot({ GATEWAY_HTTP_BATCHING: 'true' }, () => clientApiHandler());

  it('checks each operation of the batch against its own variables', async () => {
    const send = { query: SEND, variables: { input: { content: 'x', attachments: [null] } } };
    const update = { query: UPDATE, variables: { input: { customAttributes: { photo: null } } } };
    const accepted = await postUpload(harness.gateway.url, [send, send], [file(10), file(10)], ['0.variables.input.attachments.0', '1.variables.input.attachments.0']);
    expect(accepted.status).toBe(200);
    expect(harness.chatwoot.requests).toHaveLength(2);

    harness.chatwoot.requests.length = 0;
    const refused = await postUpload(harness.gateway.url, [send, update], [file(10), file(10)], ['0.variables.input.attachments.0', '1.variables.input.customAttributes.photo']);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.message).toMatch(/"1\.variables\.input\.customAttributes\.photo", which is not an Upload position/);
    expect(harness.chatwoot.requests).toHaveLength(0);
  });
});
