import type { ChatwootClient } from '../chatwoot/client';
import type { ContactAddress, IdentityProof } from '../chatwoot/contacts';
import { InvalidRequestError } from '../chatwoot/errors';
import { profileOperations } from '../chatwoot/operations/application/profile';
import { numberOrNull } from '../chatwoot/records';
import type { RequestOptions } from '../chatwoot/requestOptions';
import type { CallContext } from '../chatwoot/transport';
import { ErrorCode } from '../errors';
import type { CableParams } from './actionCable';
import { RealtimeRefusal } from './errors';

/**
 * Who a realtime subscription is for, found out from Chatwoot itself: the gateway fetches the pubsub token with the
 * caller's own credentials and never takes one from the client, so a token it subscribes with is one Chatwoot just
 * handed out (and will not fail silently).
 */

/** The contact's subscription: read through the Client API (with the identity proof the inbox may demand). */
export async function contactParams(
  chatwoot: ChatwootClient,
  call: CallContext,
  address: ContactAddress,
  proof: IdentityProof,
  options?: RequestOptions | null,
): Promise<Extract<CableParams, { kind: 'contact' }>> {
  const contact = await chatwoot.contacts.get(call, address, proof, options);
  if (!contact.pubsubToken) {
    throw new RealtimeRefusal('Chatwoot returned the contact without its realtime token.', ErrorCode.UPSTREAM_UNAVAILABLE, 'no_pubsub_token');
  }
  return { kind: 'contact', pubsubToken: contact.pubsubToken };
}

/**
 * The agent's subscription: `GET /api/v1/profile` with the caller's own token gives the user's id, pubsub token and
 * accounts; the account asked for must be one of them. The server's configured token is never used here.
 */
export async function agentParams(
  chatwoot: ChatwootClient,
  call: CallContext,
  accountIdArg: string,
): Promise<Extract<CableParams, { kind: 'agent' }>> {
  if (!call.token) {
    throw new RealtimeRefusal(
      'accountEvents needs your Chatwoot access token: send {"api-access-token": "..."} as connectionParams.',
      ErrorCode.UNAUTHENTICATED,
      'missing_token',
    );
  }
  if (!/^\d{1,15}$/.test(accountIdArg) || Number(accountIdArg) < 1) {
    throw new InvalidRequestError('accountId must be a positive whole number.', 'accountId');
  }
  const accountId = Number(accountIdArg);
  // The Application API's own declared read: the caller's token only, through the same executor as every field.
  const profile = await chatwoot.operations.run(profileOperations.get, call, {});
  const userId = numberOrNull(profile.id);
  const { pubsubToken } = profile;
  if (userId === null || !pubsubToken) {
    throw new RealtimeRefusal('Chatwoot returned a profile without its realtime token.', ErrorCode.UPSTREAM_UNAVAILABLE, 'no_pubsub_token');
  }
  if (!profile.accounts.some((membership) => membership.accountId === String(accountId))) {
    throw new RealtimeRefusal(`This user is not a member of account ${accountId}.`, ErrorCode.FORBIDDEN, 'account_not_permitted');
  }
  return { kind: 'agent', pubsubToken, accountId, userId };
}
