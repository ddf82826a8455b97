import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { request } from 'undici';
import { MAX_REMEMBERED_QUERY_LENGTH, rememberQueryHashes } from '../../src/graphql/queryHash';
import { useGatewayWithFakeChatwoot } from '../support/harness';

interface HashLike {
  update(data: string | Buffer, encoding?: BufferEncoding): HashLike;
  digest(encoding?: 'hex' | 'base64'): string | Buffer;
}

/** The createHash Apollo's request pipeline calls: the module as resolved from @apollo/server's own files. */
function apolloCreateHash(): (kind: string) => HashLike {
  const fromApollo = require.resolve('@apollo/utils.createhash', { paths: [dirname(require.resolve('@apollo/server'))] });
  return (require(fromApollo) as { createHash: (kind: string) => HashLike }).createHash;
}

const sha = (kind: string, text: string, encoding: 'hex' | 'base64' = 'hex') => createHash(kind).update(text).digest(encoding);

describe('remembered query hashes', () => {
  beforeAll(() => rememberQueryHashes());

  it('is what Apollo calls, not a copy of the module of its own', () => {
    const fromUs = require('@apollo/utils.createhash') as { createHash: unknown };
    expect(apolloCreateHash()).toBe(fromUs.createHash);
    expect(apolloCreateHash().name).toBe('createRememberingHash');
  });

  it('answers the SHA-256 of each text, the first time and from memory', () => {
    const texts = ['{ __typename }', 'query A { a }', 'query A { a } ', 'mutation { é ✓ 😀 }', '', 'x'.repeat(MAX_REMEMBERED_QUERY_LENGTH + 1)];
    for (let round = 0; round < 3; round += 1) {
      for (const text of texts) expect(apolloCreateHash()('sha256').update(text).digest('hex')).toBe(sha('sha256', text));
    }
  });

  it('defers to node:crypto for other algorithms, several updates, Buffers and other encodings', () => {
    const hash = apolloCreateHash();
    expect(hash('sha512').update('schema').digest('hex')).toBe(sha('sha512', 'schema'));
    expect(hash('sha256').update('a').update('b').digest('hex')).toBe(sha('sha256', 'ab'));
    expect(hash('sha256').update(Buffer.from('buffered')).digest('hex')).toBe(sha('sha256', 'buffered'));
    expect(hash('sha256').update('{ x }').digest('base64')).toBe(sha('sha256', '{ x }', 'base64'));
    expect(hash('sha256').update('raw').digest()).toEqual(createHash('sha256').update('raw').digest());
    expect(hash('sha256').update('ff', 'hex').digest('hex')).toBe(createHash('sha256').update('ff', 'hex').digest('hex'));
  });

  describe('through the gateway', () => {
    const harness = useGatewayWithFakeChatwoot();
    const post = (body: unknown) =>
      request(harness.gateway.url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

    it('still refuses a persisted query whose hash is not the SHA-256 of its text, after that text was remembered', async () => {
      const query = '{ __typename }';
      expect(await (await post({ query })).body.json()).toEqual({ data: { __typename: 'Query' } });
      const wrong = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha('sha256', '{ __schema { queryType { name } } }') } } });
      expect(wrong.statusCode).toBe(400);
      expect(await wrong.body.text()).toContain('provided sha does not match query');
    });

    it('registers a persisted query under its real hash and answers it by hash alone', async () => {
      const query = '{ alias: __typename }';
      const persistedQuery = { version: 1, sha256Hash: sha('sha256', query) };
      expect(await (await post({ query, extensions: { persistedQuery } })).body.json()).toEqual({ data: { alias: 'Query' } });
      expect(await (await post({ extensions: { persistedQuery } })).body.json()).toEqual({ data: { alias: 'Query' } });
    });
  });
});
