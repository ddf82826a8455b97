import { Agent, fetch } from 'undici';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { SERVICE_KEY } from '../support/platform';
import { type FakeChatwoot, type RecordedRequest, startFakeChatwoot } from '../support/servers';
import { CORPUS, type CorpusCase, defaultReply } from './executorCorpus';

/**
 * The jit executor (the default) and graphql-js's reference executor run the same corpus through two real gateways in
 * front of one fake Chatwoot: every answer must be identical byte for byte (status, content type, body), and both
 * must have sent Chatwoot the same calls. A difference here is a behaviour change a client would see.
 */

const ENV: Record<string, string> = {
  GATEWAY_APPLICATION_API: 'true',
  GATEWAY_PLATFORM_API: 'true',
  CHATWOOT_PLATFORM_APP_TOKEN: 'platform-app-token-differential',
  GATEWAY_SERVICE_KEYS: SERVICE_KEY,
  GATEWAY_PLATFORM_OPERATIONS: '*',
  GATEWAY_INTROSPECTION: 'true',
  GATEWAY_RETRY_MAX_ATTEMPTS: '0',
  GATEWAY_HTTP_BATCHING: 'true',
};

interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
  /** What reached Chatwoot: method, target, body and credential of each call, in arrival order. */
  readonly calls: string[];
}

describe('the jit executor answers exactly as graphql-js does', () => {
  let chatwoot: FakeChatwoot;
  let jit: TestGateway;
  let reference: TestGateway;
  const client = new Agent({ keepAliveTimeout: 1_000 });

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(defaultReply);
    jit = await startTestGateway(chatwoot.url, { ...ENV, GATEWAY_EXECUTOR: 'jit' });
    reference = await startTestGateway(chatwoot.url, { ...ENV, GATEWAY_EXECUTOR: 'graphql-js' });
  });
  afterAll(async () => {
    await client.close();
    await jit?.close();
    await reference?.close();
    await chatwoot?.close();
  });

  /** Sends one case, or with `batch` an HTTP batch of those cases' operations (with `c`'s headers and answers). */
  async function send(gateway: TestGateway, c: CorpusCase, headers: Record<string, string> = {}, batch?: CorpusCase[]): Promise<Answer> {
    chatwoot.requests.length = 0;
    chatwoot.reply(c.reply ?? defaultReply);
    const operation = (one: CorpusCase) => ({ query: one.query, variables: one.variables, operationName: one.operationName });
    const response = await fetch(gateway.url, {
      dispatcher: client,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...c.headers, ...headers },
      body: JSON.stringify(batch ? batch.map(operation) : operation(c)),
    });
    const body = await response.text();
    const calls = chatwoot.requests.map(describeCall);
    return { status: response.status, contentType: response.headers.get('content-type'), body, calls };
  }

  it('uses a different executor in each gateway', () => {
    expect(jit.gateway.apollo).not.toBe(reference.gateway.apollo);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))('answers %s identically', async (_name, c) => {
    // Twice on jit: the second answer comes from the compiled-operation cache.
    const first = await send(jit, c);
    const again = await send(jit, c);
    const expected = await send(reference, c);
    expect(first).toEqual(expected);
    expect(again).toEqual(expected);
  });

  it('answers an HTTP batch whose operations fail differently identically, running each once', async () => {
    // Each operation of a batch has a request context of its own: an answer with errors waits for Apollo's execution
    // step under its own operation, and one without errors never reaches it.
    const names = ['a nullable field that fails (NOT_FOUND)', 'a read', 'an invalid EmailAddress as a variable', 'a non-null field that fails'];
    const batch = names.map((name) => CORPUS.find((c) => c.name === name)!);
    const c: CorpusCase = { name: 'batch', query: '' };
    const fromJit = await send(jit, c, {}, batch);
    expect(fromJit).toEqual(await send(reference, c, {}, batch));
    expect(JSON.parse(fromJit.body)).toHaveLength(4);
    // Two contacts for the first, one for the read, none for the invalid variable, one for the failing update.
    expect(fromJit.calls).toHaveLength(4);
  });

  it('answers a traced federation request identically, with a trace of every resolved field', async () => {
    const c: CorpusCase = {
      name: 'traced',
      query: 'mutation { updateContact(inboxIdentifier: "i", contactIdentifier: "c", input: { name: "A" }) { id name email } }',
    };
    // Untraced first, so that jit has compiled the operation before Apollo wrapped the resolvers for tracing.
    expect((await send(jit, c)).body).toBe((await send(reference, c)).body);
    const traced = { 'apollo-federation-include-trace': 'ftv1' };
    const fromJit = await send(jit, c, traced);
    const fromReference = await send(reference, c, traced);
    const jitBody = withoutTrace(fromJit.body);
    expect(jitBody.rest).toEqual(withoutTrace(fromReference.body).rest);
    expect(fromJit.calls).toEqual(fromReference.calls);
    // The trace names the fields it timed: present only if the resolvers compiled for this request were wrapped.
    const trace = Buffer.from(jitBody.ftv1, 'base64').toString('latin1');
    for (const field of ['updateContact', 'id', 'name', 'email']) expect(trace).toContain(field);
    // Untraced again afterwards: the same answer as before tracing, with no trace.
    const after = await send(jit, c);
    expect(after.body).toBe((await send(reference, c)).body);
    expect(after.body).not.toContain('ftv1');
  });
});

function describeCall(request: RecordedRequest): string {
  return `${request.method} ${request.url} ${request.text} token=${String(request.headers['api-access-token'] ?? '')}`;
}

function withoutTrace(body: string): { rest: unknown; ftv1: string } {
  const parsed = JSON.parse(body) as { extensions?: { ftv1?: string } };
  const ftv1 = parsed.extensions?.ftv1 ?? '';
  expect(ftv1.length).toBeGreaterThan(20);
  delete parsed.extensions?.ftv1;
  if (parsed.extensions && Object.keys(parsed.extensions).length === 0) delete parsed.extensions;
  return { rest: parsed, ftv1 };
}
