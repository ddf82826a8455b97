import { fetch } from 'undici';
import { useGatewayWithFakeChatwoot } from '../support/harness';

/**
 * The answer's content type as a client sees it, whether the gateway decides it (plain JSON accepted) or Apollo
 * negotiates it: the same media types either way.
 */
describe('the content type of GraphQL answers', () => {
  const harness = useGatewayWithFakeChatwoot();
  const ask = (accept?: string) =>
    fetch(harness.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }) },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it.each([
    ['no Accept header', undefined],
    ['Accept: */*', '*/*'],
    ['Accept: application/json', 'application/json'],
  ])('answers application/json with %s', async (_label, accept) => {
    const response = await ask(accept);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers application/graphql-response+json to a client that prefers it', async () => {
    const response = await ask('application/graphql-response+json, application/json;q=0.9');
    expect(response.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
  });

  it('answers 406 to a client that accepts no JSON at all', async () => {
    const response = await ask('text/plain');
    expect(response.status).toBe(406);
  });

  it('answers application/json to a refused document too', async () => {
    const response = await fetch(harness.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});
