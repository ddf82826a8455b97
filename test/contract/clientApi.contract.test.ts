import { CLIENT_API_OPERATIONS } from '../../src/graphql/operations';
import { startSimulator, type Simulator } from '../../src/simulator';
import { CONTACT, clientApiHandler, INBOX } from '../support/clientApi';
import { SCENARIOS } from '../support/clientApiScenarios';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, type RecordedRequest, startFakeChatwoot } from '../support/servers';
import { parseMultipartBody, postUpload } from '../support/uploads';
import { type MultipartRequestBody, matchOperation, requestProblems, responseProblems, specOperations } from './openapi';

/** A recorded multipart body as the check takes it: text fields, and the names of the file parts. */
async function multipartOf(sent: RecordedRequest): Promise<MultipartRequestBody> {
  const parts = await parseMultipartBody(sent.raw, String(sent.headers['content-type']));
  return {
    fields: Object.fromEntries(parts.filter((p) => p.filename === undefined).map((p) => [p.name, p.value.toString('utf8')])),
    fileFields: parts.filter((p) => p.filename !== undefined).map((p) => p.name),
  };
}

/** sendMessage with files, as a GraphQL multipart request. */
const UPLOAD = (addr: string, displayId: number) => ({
  query: `mutation($input: SendMessageInput!) { sendMessage(${addr}, displayId: ${displayId}, input: $input) { id attachments { id } } }`,
  variables: { input: { content: 'with files', echoId: 'e-9', attachments: [null, null] } },
});
const UPLOAD_FILES = [
  { name: 'a.png', type: 'image/png', content: Buffer.from([1, 2, 3]) },
  { name: 'b.pdf', type: 'application/pdf', content: Buffer.from('%PDF') },
];
const UPLOAD_PATHS = ['variables.input.attachments.0', 'variables.input.attachments.1'];

const ADDR = `inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}"`;

/** Requests beyond the scenarios: the other shapes the adapter can send (every optional field, every enum value). */
const VARIANTS = [
  `mutation { createContact(inboxIdentifier: "${INBOX}", input: {
      sourceId: "s", identifier: "u", identifierHash: "${'b'.repeat(64)}", email: "a@example.com", name: "N",
      phoneNumber: "+14155550123", avatarUrl: "https://x.example/a.png", customAttributes: { a: 1 } }) { id } }`,
  `mutation { createContact(inboxIdentifier: "${INBOX}", input: {}) { id } }`,
  `mutation { updateContact(${ADDR}, input: { identifier: "u", identifierHash: "${'c'.repeat(64)}", email: "b@example.com",
      phoneNumber: "+4915123456789", avatarUrl: "https://x.example/b.jpg", customAttributes: { b: { c: 2 } } }) { id } }`,
  `{ inbox(identifier: "${INBOX}") { contact(identifier: "${CONTACT}") { id } } }`,
  `mutation { createConversation(${ADDR}) { displayId } }`,
  `mutation { setTypingStatus(${ADDR}, displayId: 7, status: OFF) { displayId } }`,
  `{ conversation(${ADDR}, displayId: 7) { messages { id } } }`,
  `mutation { sendMessage(${ADDR}, displayId: 7, input: { content: "only text" }) { id } }`,
  `mutation { submitMessageResponse(${ADDR}, displayId: 7, messageId: "9", input: { name: "n", title: "t", value: "v" }) { id } }`,
  `mutation { submitMessageResponse(${ADDR}, displayId: 7, messageId: "9", input: { csatSurveyResponse: { rating: 1 } }) { id } }`,
];

describe('contract with the published OpenAPI document', () => {
  it('covers every Client API operation of the document, and names only operations that exist in it', () => {
    const documented = specOperations().map((op) => `${op.method} ${op.template} ${op.operation.operationId}`);
    const mapped = CLIENT_API_OPERATIONS.map((op) => `${op.method} ${op.path} ${op.operationId}`);
    expect(new Set(mapped)).toEqual(new Set(documented));
  });

  describe('requests the adapter sends', () => {
    let chatwoot: FakeChatwoot;
    let gateway: TestGateway;
    beforeAll(async () => {
      chatwoot = await startFakeChatwoot(clientApiHandler());
      gateway = await startTestGateway(chatwoot.url);
    });
    afterAll(async () => {
      await gateway.close();
      await chatwoot.close();
    });
    beforeEach(() => {
      chatwoot.requests.length = 0;
    });

    it.each(SCENARIOS.map((s) => [s.field, s] as const))('%s: method, path, query and body conform', async (field, scenario) => {
      const result = await gateway.query(scenario.query, scenario.variables);
      expect(result.errors).toBeUndefined();
      for (const sent of chatwoot.requests) {
        expect(requestProblems({ method: sent.method, path: sent.path, query: sent.query, body: sent.json })).toEqual([]);
      }
      const last = chatwoot.last();
      const entry = CLIENT_API_OPERATIONS.find((op) => op.field === field)!;
      expect(matchOperation(last.method, last.path)?.op).toMatchObject({ method: entry.method, template: entry.path });
    });

    it('conforms: sendMessage with attachments (multipart/form-data)', async () => {
      const result = await postUpload(gateway.url, UPLOAD(ADDR, 7), UPLOAD_FILES, UPLOAD_PATHS);
      expect(result.body.errors).toBeUndefined();
      const sent = chatwoot.last();
      const multipart = await multipartOf(sent);
      expect(multipart).toEqual({ fields: { content: 'with files', echo_id: 'e-9' }, fileFields: ['attachments[]', 'attachments[]'] });
      expect(requestProblems({ method: sent.method, path: sent.path, query: sent.query, body: undefined, multipart })).toEqual([]);
    });

    it.each(VARIANTS)('conforms: %s', async (query) => {
      const result = await gateway.query(query);
      expect(result.errors).toBeUndefined();
      expect(chatwoot.requests.length).toBeGreaterThan(0);
      for (const sent of chatwoot.requests) {
        expect(requestProblems({ method: sent.method, path: sent.path, query: sent.query, body: sent.json })).toEqual([]);
      }
    });
  });

  it.each([
    ['a missing required query parameter', { method: 'POST', path: '/public/api/v1/inboxes/i/contacts/c/conversations/7/toggle_typing', query: '', body: { typing_status: 'on' } }],
    ['a body value outside the enum', { method: 'POST', path: '/public/api/v1/inboxes/i/contacts/c/conversations/7/toggle_typing', query: '?typing_status=on', body: { typing_status: 'maybe' } }],
    ['a non-integer conversation id', { method: 'GET', path: '/public/api/v1/inboxes/i/contacts/c/conversations/abc', query: '', body: undefined }],
    ['an undocumented query parameter', { method: 'GET', path: '/public/api/v1/inboxes/i/contacts/c/conversations', query: '?page=2', body: undefined }],
    ['a body where none is taken', { method: 'POST', path: '/public/api/v1/inboxes/i/contacts/c/conversations/7/toggle_status', query: '', body: {} }],
    ['a mistyped body field', { method: 'POST', path: '/public/api/v1/inboxes/i/contacts/c/conversations/7/messages', query: '', body: { content: 42 } }],
    ['an unknown route', { method: 'DELETE', path: '/public/api/v1/inboxes/i', query: '', body: undefined }],
    ['a multipart body where only JSON is taken', { method: 'PATCH', path: '/public/api/v1/inboxes/i/contacts/c', query: '', body: undefined, multipart: { fields: { name: 'x' }, fileFields: [] } }],
    ['a file part Chatwoot does not read', { method: 'POST', path: '/public/api/v1/inboxes/i/contacts/c/conversations/7/messages', query: '', body: undefined, multipart: { fields: { content: 'x' }, fileFields: ['file'] } }],
  ])('the check itself catches %s', (_name, request) => {
    expect(requestProblems(request).length).toBeGreaterThan(0);
  });

  describe("the simulator's responses", () => {
    let sim: Simulator;
    let tap: FakeChatwoot;
    let gateway: TestGateway;
    const answers: Array<{ method: string; path: string; status: number; contentType: string; text: string }> = [];

    beforeAll(async () => {
      sim = await startSimulator();
      // A recording hop in front of the simulator: what the gateway sends, and exactly what the simulator answers.
      tap = await startFakeChatwoot(async (request) => {
        const response = await fetch(`${sim.url}${request.url}`, {
          method: request.method,
          headers: { 'content-type': String(request.headers['content-type'] ?? 'application/json'), accept: String(request.headers.accept ?? '*/*') },
          body: request.raw.length === 0 ? undefined : request.raw,
        });
        const text = await response.text();
        const contentType = response.headers.get('content-type') ?? '';
        answers.push({ method: request.method, path: request.path, status: response.status, contentType, text });
        return { status: response.status, headers: { 'content-type': contentType }, body: text };
      });
      gateway = await startTestGateway(tap.url);
    });
    afterAll(async () => {
      await gateway.close();
      await tap.close();
      await sim.close();
    });

    it('validate against the documented response schemas for every operation', async () => {
      const inbox = sim.demo.inboxIdentifier;
      const addr = `inboxIdentifier: "${inbox}", contactIdentifier: "${sim.demo.contactIdentifier}"`;
      const conversation = sim.store.conversations[0]!;
      const csat = sim.store.addMessage(conversation, { messageType: 3, contentType: 'input_csat', content: 'Rate us' });
      const steps = [
        `{ inbox(identifier: "${inbox}") { name contact(identifier: "${sim.demo.contactIdentifier}") { id conversations { displayId messages { id } csatSurveyPage { url } } conversation(displayId: 1) { uuid } } } }`,
        `{ contact(${addr}) { id } }`,
        `mutation { createContact(inboxIdentifier: "${inbox}", input: { name: "New", email: "new@example.com" }) { id } }`,
        `mutation { updateContact(${addr}, input: { name: "Alice Z" }) { id } }`,
        `mutation { createConversation(${addr}, input: { customAttributes: { a: 1 } }) { displayId } }`,
        `{ conversation(${addr}, displayId: 1) { displayId messages(before: "3") { id } } }`,
        `mutation { sendMessage(${addr}, displayId: 1, input: { content: "Hello", echoId: "e" }) { id } }`,
        `mutation { submitMessageResponse(${addr}, displayId: 1, messageId: "${csat.id}", input: { csatSurveyResponse: { rating: 4 } }) { id } }`,
        `mutation { setTypingStatus(${addr}, displayId: 1, status: ON) { displayId } }`,
        `mutation { markConversationSeen(${addr}, displayId: 1) { displayId } }`,
        `mutation { resolveConversation(${addr}, displayId: 1) { status } }`,
        `{ csatSurveyPage(conversationUuid: "${conversation.uuid}") { url } }`,
      ];
      for (const step of steps) expect((await gateway.query(step)).errors).toBeUndefined();
      // A message with files: the simulator's answer carries them as `attachments`, which must match the schema too.
      const upload = await postUpload(gateway.url, UPLOAD(addr, 1), UPLOAD_FILES, UPLOAD_PATHS);
      expect(upload.body.errors).toBeUndefined();
      expect(answers.at(-1)?.text).toContain('"attachments":[{');

      const seen = new Set(answers.map((a) => matchOperation(a.method, a.path)?.op.operation.operationId));
      expect(seen).toEqual(new Set(CLIENT_API_OPERATIONS.map((op) => op.operationId)));
      for (const answer of answers) {
        expect({ call: `${answer.method} ${answer.path}`, problems: responseProblems(answer.method, answer.path, answer.status, answer.contentType, answer.text) })
          .toEqual({ call: `${answer.method} ${answer.path}`, problems: [] });
      }
    });

    it('catches a response that breaks its schema', () => {
      const path = '/public/api/v1/inboxes/i/contacts/c/conversations/1';
      expect(responseProblems('GET', path, 200, 'application/json', JSON.stringify({ id: '1', status: 'closed' })).length).toBeGreaterThan(0);
    });
  });
});
