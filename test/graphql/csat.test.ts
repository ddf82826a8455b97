import { CONTACT, clientApiHandler, INBOX } from '../support/clientApi';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { getRaw } from '../support/http';
import { captureLogs, type CapturedLogs, upstreamLines } from '../support/logs';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';

describe('CSAT survey page', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let logs: CapturedLogs;
  const UUID = '5d1e6b6a-0c8e-4d7e-9a51-1d2f3c4b5a69';

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(clientApiHandler());
    const captured = captureLogs('info');
    logs = captured.logs;
    gateway = await startTestGateway(`${chatwoot.url}/chat`, {}, { logger: captured.logger });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
    chatwoot.reply((r) => clientApiHandler()({ ...r, path: r.path.replace(/^\/chat/, '') }));
  });

  it('fetches the HTML page, asking for HTML, and returns its absolute URL under the base URL', async () => {
    const result = await gateway.query(`{ csatSurveyPage(conversationUuid: "${UUID}") { conversationUuid url } }`);
    expect(result.data).toEqual({ csatSurveyPage: { conversationUuid: UUID, url: `${chatwoot.url}/chat/survey/responses/${UUID}` } });
    expect(chatwoot.last().path).toBe(`/chat/survey/responses/${UUID}`);
    expect(chatwoot.last().headers.accept).toBe('text/html');
  });

  it('reaches the page from a conversation through its uuid', async () => {
    const result = await gateway.query(
      `{ conversation(inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}", displayId: 7) { uuid csatSurveyPage { url } } }`,
    );
    const uuid = '00000000-0000-4000-8000-000000000007';
    expect(result.data).toEqual({ conversation: { uuid, csatSurveyPage: { url: `${chatwoot.url}/chat/survey/responses/${uuid}` } } });
  });

  it('returns null with NOT_FOUND when Chatwoot serves no survey page', async () => {
    chatwoot.reply(() => ({ status: 404, body: { status: 404, error: 'Not Found' } }));
    const result = await gateway.query(`{ csatSurveyPage(conversationUuid: "${UUID}") { url } }`);
    expect(result.data).toEqual({ csatSurveyPage: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('encodes a hostile uuid as one path segment and refuses a blank one', async () => {
    await gateway.query(`{ csatSurveyPage(conversationUuid: "../../api/v1/accounts") { url } }`);
    expect(chatwoot.last().path).toBe('/chat/survey/responses/..%2F..%2Fapi%2Fv1%2Faccounts');
    chatwoot.requests.length = 0;
    const blank = await gateway.query(`{ csatSurveyPage(conversationUuid: "") { url } }`);
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'conversationUuid' });
    expect(chatwoot.requests).toHaveLength(0);
  });

  it('names the call by its template in logs and metrics, whatever uuid the client sends (no label per uuid)', async () => {
    logs.clear();
    for (const uuid of ['surveysecret', 'othersecret', UUID]) await gateway.query(`{ csatSurveyPage(conversationUuid: "${uuid}") { url } }`);
    expect(upstreamLines(logs).map((l) => l.upstream.path)).toEqual(['/survey/responses/:id', '/survey/responses/:id', '/survey/responses/:id']);
    const { text } = await getRaw(gateway.url.replace('/graphql', '/metrics'));
    expect(text).toContain('operation="GET /survey/responses/:id"');
    for (const secret of ['surveysecret', 'othersecret', UUID]) expect(logs.text() + text).not.toContain(secret);
  });
});
