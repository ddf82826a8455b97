import { fetch, FormData } from 'undici';
import { useGatewayWithFakeChatwoot } from '../support/harness';
import { CONTACT, clientApiHandler, INBOX, messageJson } from '../support/clientApi';
import { parseMultipartBody, postUpload, type TestFile } from '../support/uploads';

const MESSAGES = `/public/api/v1/inboxes/${INBOX}/contacts/${CONTACT}/conversations/7/messages`;
const SEND = `mutation($input: SendMessageInput!) {
  sendMessage(inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}", displayId: 7, input: $input) {
    id content attachments { id fileType extension dataUrl thumbUrl fileSize width height }
  }
}`;
const PNG: TestFile = { name: 'photo.png', type: 'image/png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10]) };
const PDF: TestFile = { name: 'invoice März.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 fake') };

const operations = (attachments: null[], content = 'See attached') => ({ query: SEND, variables: { input: { content, echoId: 'e-1', attachments } } });

describe('file uploads (GraphQL multipart request spec)', () => {
  const harness = useGatewayWithFakeChatwoot({ GATEWAY_MAX_UPLOAD_BYTES: '1024', GATEWAY_MAX_UPLOAD_FILES: '2' }, () => clientApiHandler());

  it('sends the message to Chatwoot as multipart/form-data with content, echo_id and one attachments[] part per file', async () => {
    harness.chatwoot.reply(() => ({
      body: messageJson(99, 7, {
        content: 'See attached',
        attachments: [
          { id: 1, message_id: 99, file_type: 'image', account_id: 1, extension: null, data_url: 'https://cw.example/a.png', thumb_url: 'https://cw.example/t.png', file_size: 11, width: null, height: null },
          { id: 2, message_id: 99, file_type: 'file', account_id: 1, extension: null, data_url: 'https://cw.example/b.pdf', thumb_url: '', file_size: 13, width: null, height: null },
        ],
      }),
    }));
    const result = await postUpload(harness.gateway.url, operations([null, null]), [PNG, PDF], ['variables.input.attachments.0', 'variables.input.attachments.1']);

    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual({
      sendMessage: {
        id: '99',
        content: 'See attached',
        attachments: [
          { id: '1', fileType: 'image', extension: null, dataUrl: 'https://cw.example/a.png', thumbUrl: 'https://cw.example/t.png', fileSize: 11, width: null, height: null },
          { id: '2', fileType: 'file', extension: null, dataUrl: 'https://cw.example/b.pdf', thumbUrl: '', fileSize: 13, width: null, height: null },
        ],
      },
    });
    const sent = harness.chatwoot.last();
    expect({ method: sent.method, path: sent.path }).toEqual({ method: 'POST', path: MESSAGES });
    expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(Number(sent.headers['content-length'])).toBe(sent.raw.length);
    const parts = await parseMultipartBody(sent.raw, String(sent.headers['content-type']));
    expect(parts.map((p) => ({ ...p, value: p.value.toString('base64') }))).toEqual([
      { name: 'content', value: Buffer.from('See attached').toString('base64') },
      { name: 'echo_id', value: Buffer.from('e-1').toString('base64') },
      { name: 'attachments[]', filename: 'photo.png', mimeType: 'image/png', value: PNG.content.toString('base64') },
      { name: 'attachments[]', filename: 'invoice März.pdf', mimeType: 'application/pdf', value: PDF.content.toString('base64') },
    ]);
  });

  it('sends a message of files alone (blank content) without a content part', async () => {
    const result = await postUpload(harness.gateway.url, operations([null], ''), [PDF], ['variables.input.attachments.0']);
    expect(result.body.errors).toBeUndefined();
    const sent = harness.chatwoot.last();
    const parts = await parseMultipartBody(sent.raw, String(sent.headers['content-type']));
    expect(parts.map((p) => p.name)).toEqual(['echo_id', 'attachments[]']);
  });

  it('still sends a message without attachments as exactly the same JSON as before', async () => {
    const result = await harness.gateway.query(SEND, { input: { content: 'Hi there', echoId: 'e-2' } });
    expect(result.errors).toBeUndefined();
    const sent = harness.chatwoot.last();
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.text).toBe('{"content":"Hi there","echo_id":"e-2"}');
  });

  it('sends an empty attachments list as the plain JSON message', async () => {
    await harness.gateway.query(SEND, { input: { content: 'Hi', attachments: [] } });
    expect(harness.chatwoot.last().text).toBe('{"content":"Hi"}');
  });

  it('refuses a multipart request without the preflight header as CSRF (400 BAD_REQUEST), without calling Chatwoot', async () => {
    const result = await postUpload(harness.gateway.url, operations([null]), [PNG], ['variables.input.attachments.0'], { headers: {} });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/CSRF.*apollo-require-preflight/) });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('accepts x-apollo-operation-name in place of apollo-require-preflight', async () => {
    const result = await postUpload(harness.gateway.url, operations([null]), [PNG], ['variables.input.attachments.0'], { headers: { 'x-apollo-operation-name': 'Send' } });
    expect(result.body.errors).toBeUndefined();
    expect(harness.chatwoot.requests).toHaveLength(1);
  });

  it('refuses a file over GATEWAY_MAX_UPLOAD_BYTES with 413 PAYLOAD_TOO_LARGE, without calling Chatwoot', async () => {
    const big: TestFile = { name: 'big.bin', type: 'application/octet-stream', content: Buffer.alloc(1025, 1) };
    const result = await postUpload(harness.gateway.url, operations([null]), [big], ['variables.input.attachments.0']);
    expect(result.status).toBe(413);
    expect(result.body.errors?.[0]).toMatchObject({ extensions: { code: 'PAYLOAD_TOO_LARGE' }, message: expect.stringContaining('1024 bytes') });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('accepts a file of exactly GATEWAY_MAX_UPLOAD_BYTES', async () => {
    const edge: TestFile = { name: 'edge.bin', type: 'application/octet-stream', content: Buffer.alloc(1024, 7) };
    const result = await postUpload(harness.gateway.url, operations([null]), [edge], ['variables.input.attachments.0']);
    expect(result.body.errors).toBeUndefined();
    const sent = harness.chatwoot.last();
    const parts = await parseMultipartBody(sent.raw, String(sent.headers['content-type']));
    expect(parts.find((p) => p.name === 'attachments[]')?.value.equals(edge.content)).toBe(true);
  });

  it('refuses more files than GATEWAY_MAX_UPLOAD_FILES with 413 PAYLOAD_TOO_LARGE, without calling Chatwoot', async () => {
    const paths = [0, 1, 2].map((i) => `variables.input.attachments.${i}`);
    const result = await postUpload(harness.gateway.url, operations([null, null, null]), [PNG, PNG, PNG], paths);
    expect(result.status).toBe(413);
    expect(result.body.errors?.[0]).toMatchObject({ extensions: { code: 'PAYLOAD_TOO_LARGE' }, message: expect.stringContaining('at most 2') });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('refuses file parts beyond the limit even when map names fewer, without calling Chatwoot', async () => {
    const result = await postUpload(harness.gateway.url, operations([null]), [PNG, PNG, PNG], [], { map: JSON.stringify({ 0: ['variables.input.attachments.0'] }) });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.body.errors?.[0]?.extensions?.code).toMatch(/^(BAD_REQUEST|PAYLOAD_TOO_LARGE)$/);
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it.each([
    ['map is not JSON', '{"0": ['],
    ['map is an array', '[["variables.input.attachments.0"]]'],
    ['a map entry is not a list of paths', '{"0": "variables.input.attachments.0"}'],
    ['a path leads nowhere', '{"0": ["variables.input.nothing.0"]}'],
    ['a path points at a value that is not a null placeholder', '{"0": ["variables.input.content"]}'],
    ['a path walks into the prototype', '{"0": ["variables.__proto__.polluted"]}'],
    ['map names a file that is not sent', '{"0": ["variables.input.attachments.0"], "1": ["variables.input.attachments.0"]}'],
  ])('answers 400 BAD_REQUEST when %s, without calling Chatwoot', async (_name, map) => {
    const result = await postUpload(harness.gateway.url, operations([null]), [PNG], [], { map });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(harness.chatwoot.requests).toHaveLength(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 400 BAD_REQUEST when a file comes before operations and map, without calling Chatwoot', async () => {
    const form = new FormData();
    form.append('0', new Blob([PNG.content], { type: PNG.type }), PNG.name);
    form.append('operations', JSON.stringify(operations([null])));
    form.append('map', JSON.stringify({ 0: ['variables.input.attachments.0'] }));
    const response = await fetch(harness.gateway.url, { method: 'POST', body: form, headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/operations.*map.*before/) });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it.each([
    ['not JSON', '{"query": '],
    ['a JSON string', '"mutation { x }"'],
    ['null', 'null'],
  ])('answers 400 BAD_REQUEST when operations is %s, without calling Chatwoot', async (_name, operationsText) => {
    const result = await postUpload(harness.gateway.url, null, [PNG], ['variables.x'], { operationsText });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('refuses an Upload sent as a plain JSON value with BAD_USER_INPUT', async () => {
    const result = await harness.gateway.query(SEND, {
      input: { content: 'x', attachments: [{ filename: 'a.txt', mimeType: 'text/plain', content: 'aGk=' }] },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/multipart/);
    expect(harness.chatwoot.requests).toHaveLength(0);
  });
});

describe('file uploads when GATEWAY_MAX_UPLOAD_FILES=0', () => {
  const harness = useGatewayWithFakeChatwoot({ GATEWAY_MAX_UPLOAD_FILES: '0' }, () => clientApiHandler());

  it('refuses every multipart request with 400 BAD_REQUEST', async () => {
    const result = await postUpload(harness.gateway.url, operations([null]), [PNG], ['variables.input.attachments.0']);
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/does not accept file uploads/) });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });
});
