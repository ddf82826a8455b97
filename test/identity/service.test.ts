import { loadConfig } from '../../src/config';
import { IdentityError } from '../../src/identity/errors';
import { authorizationFromConnectionParams, bearerToken, RequestIdentity } from '../../src/identity/requestIdentity';
import { IdentityService } from '../../src/identity/service';
import { expectedHash, INBOX, INBOX_HMAC, secretEnv, signToken } from '../support/identity';

/** proveIdentity is what the conversationEvents subscription calls with the token from graphql-ws connectionParams. */
describe('IdentityService.proveIdentity', () => {
  let service: IdentityService;
  beforeAll(async () => {
    service = await IdentityService.create(loadConfig(secretEnv()).identity!);
  });

  it('returns the verified identifier and its HMAC for a covered inbox', async () => {
    const proof = await service.proveIdentity(INBOX, await signToken({ sub: 'user-42', claims: { email: 'a@example.com' } }));
    expect(proof).toEqual({ identifier: 'user-42', identifierHash: expectedHash(INBOX_HMAC, 'user-42'), email: 'a@example.com', name: null });
  });

  it('returns null, verifying nothing, for an inbox it does not cover or when no token came', async () => {
    expect(await service.proveIdentity('plainInbox', 'not-even-a-jwt')).toBeNull();
    expect(await service.proveIdentity(INBOX, null)).toBeNull();
    expect(await service.proveIdentity(INBOX, '')).toBeNull();
  });

  it('rejects with the refusal reason and code the GraphQL boundary reports', async () => {
    await expect(service.proveIdentity(INBOX, await signToken({ expiresIn: -300 }))).rejects.toMatchObject({
      name: 'IdentityError',
      code: 'UNAUTHENTICATED',
      reason: 'expired',
    });
    await expect(service.proveIdentity(INBOX, await signToken(), { identifier: 'someone-else' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'identity_mismatch',
    });
  });
});

describe('bearerToken', () => {
  it('takes the token of a Bearer header, in any case, and ignores other schemes', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer   abc.def.ghi  ')).toBe('abc.def.ghi');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });

  it('calls "Bearer" with nothing after it a malformed token', () => {
    expect(() => bearerToken('Bearer')).toThrow(IdentityError);
    expect(() => bearerToken('Bearer   ')).toThrow(expect.objectContaining({ reason: 'malformed' }));
  });
});

describe('identity of a websocket connection (graphql-ws connectionParams)', () => {
  it('reads the Authorization entry in any case and proves the identity through a RequestIdentity', async () => {
    const service = await IdentityService.create(loadConfig(secretEnv()).identity!);
    const token = await signToken({ sub: 'user-42' });
    expect(authorizationFromConnectionParams({ Authorization: `Bearer ${token}` })).toBe(`Bearer ${token}`);
    expect(authorizationFromConnectionParams({ authorization: 42 })).toBeNull();
    expect(authorizationFromConnectionParams(undefined)).toBeNull();

    const identity = new RequestIdentity(service, authorizationFromConnectionParams({ authorization: `Bearer ${token}` }));
    expect(await identity.prove(INBOX)).toMatchObject({ identifier: 'user-42', identifierHash: expectedHash(INBOX_HMAC, 'user-42') });
  });
});
