import { requestProblems } from '../../contract/application';
import { startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../../support/servers';
import { parseMultipartBody, postUpload } from '../../support/uploads';
import { MESSAGE } from './scenarios/conversations';

/**
 * createConversationMessage with files: the GraphQL multipart request comes in, Chatwoot gets multipart/form-data
 * (text fields as strings, one attachments[] part per file) that validates against the document with its errata,
 * with the same CSRF rule and limits as the Client API's uploads. Without files it is JSON (requests.test.ts).
 */

const MUTATION = 'mutation($input: CreateConversationMessageInput!) { createConversationMessage(accountId: 3, displayId: 7, input: $input) { id content } }';
const AGENT = { 'api-access-token': 'caller-token' };

describe('createConversationMessage with files', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(() => ({ body: MESSAGE }));
    gateway = await startApplicationGateway(chatwoot.url, { GATEWAY_MAX_UPLOAD_FILES: '2' });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('sends multipart/form-data with the text fields and one attachments[] part per file', async () => {
    const before = chatwoot.requests.length;
    const response = await postUpload(
      gateway.url,
      { query: MUTATION, variables: { input: { content: 'Invoice attached', private: true, contentAttributes: { a: 1 }, attachments: [null, null] } } },
      [
        { name: 'invoice.pdf', type: 'application/pdf', content: Buffer.from('%PDF') },
        { name: 'photo.png', type: 'image/png', content: Buffer.from([0x89, 0x50]) },
      ],
      ['variables.input.attachments.0', 'variables.input.attachments.1'],
      { headers: { 'apollo-require-preflight': 'true', ...AGENT } },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ createConversationMessage: { id: '101', content: 'Hello' } });
    const sent = chatwoot.requests.slice(before);
    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    expect([request.method, request.path, request.headers['api-access-token']]).toEqual(['POST', '/api/v1/accounts/3/conversations/7/messages', 'caller-token']);
    const parts = await parseMultipartBody(request.raw, String(request.headers['content-type']));
    expect(parts.map((p) => [p.name, p.filename ?? p.value.toString(), p.mimeType ?? null])).toEqual([
      ['content', 'Invoice attached', null],
      ['private', 'true', null],
      ['content_attributes', '{"a":1}', null],
      ['attachments[]', 'invoice.pdf', 'application/pdf'],
      ['attachments[]', 'photo.png', 'image/png'],
    ]);
    const fields = Object.fromEntries(parts.filter((p) => !p.filename).map((p) => [p.name, p.value.toString()]));
    const fileFields = parts.filter((p) => p.filename).map((p) => p.name);
    expect(requestProblems({ method: request.method, path: request.path, query: request.query, body: undefined, multipart: { fields, fileFields } })).toEqual([]);
  });

  it('refuses the upload without the preflight header (CSRF) and more files than allowed, calling nobody', async () => {
    const before = chatwoot.requests.length;
    const file = { name: 'a.txt', type: 'text/plain', content: Buffer.from('a') };
    const csrf = await postUpload(gateway.url, { query: MUTATION, variables: { input: { attachments: [null] } } }, [file], ['variables.input.attachments.0'], { headers: AGENT });
    expect(csrf.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST' });
    const many = await postUpload(
      gateway.url,
      { query: MUTATION, variables: { input: { attachments: [null, null, null] } } },
      [file, file, file],
      ['variables.input.attachments.0', 'variables.input.attachments.1', 'variables.input.attachments.2'],
      { headers: { 'apollo-require-preflight': 'true', ...AGENT } },
    );
    expect(many.body.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
    expect(many.body.data ?? null).toBeNull();
    expect(chatwoot.requests.length).toBe(before);
  });

  it('refuses template parameters together with files before any call', async () => {
    const before = chatwoot.requests.length;
    const response = await postUpload(
      gateway.url,
      { query: MUTATION, variables: { input: { templateParams: { name: 'x' }, attachments: [null] } } },
      [{ name: 'a.txt', type: 'text/plain', content: Buffer.from('a') }],
      ['variables.input.attachments.0'],
      { headers: { 'apollo-require-preflight': 'true', ...AGENT } },
    );
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.templateParams' });
    expect(chatwoot.requests.length).toBe(before);
  });
});
