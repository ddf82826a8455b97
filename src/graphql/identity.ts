import type { IdentityProof } from '../chatwoot/contacts';
import type { CallContext } from '../chatwoot/transport';
import type { ProvenIdentity } from '../identity/service';
import type { GatewayContext } from './context';

/**
 * How resolvers apply verified contact identity (src/identity/). Both helpers call `run` synchronously when the
 * gateway does not vouch for the inbox, so operations without identity configuration pay nothing, not even a
 * microtask. On a covered inbox the bearer token is verified (once per request) before `run` makes any upstream call.
 */

/**
 * Runs a contact operation with the identity proof to send: the verified one on a covered inbox with a bearer token
 * (a supplied identifier or identifierHash that differs is refused), otherwise exactly what the caller supplied.
 */
export function withProof<T>(
  context: GatewayContext,
  inboxIdentifier: string,
  supplied: IdentityProof,
  run: (proof: IdentityProof, proven: ProvenIdentity | null) => T | Promise<T>,
): T | Promise<T> {
  const identity = context.identity;
  if (!identity || !identity.covers(inboxIdentifier)) return run(supplied, null);
  return identity.prove(inboxIdentifier, supplied).then((proven) =>
    proven ? run({ identifier: proven.identifier, identifierHash: proven.identifierHash }, proven) : run(supplied, null),
  );
}

/**
 * Runs a conversation or message operation with a call context that carries the verified proof (the transport adds
 * it to the query string). Chatwoot's conversation and message endpoints do not check it today; what protects them is
 * that an invalid token is refused here before the call.
 */
export function withProvenCall<T>(context: GatewayContext, inboxIdentifier: string, run: (call: CallContext) => T | Promise<T>): T | Promise<T> {
  const identity = context.identity;
  if (!identity || !identity.covers(inboxIdentifier)) return run(context.call);
  return identity.prove(inboxIdentifier).then((proven) =>
    run(proven ? { ...context.call, identityProof: { identifier: proven.identifier, identifierHash: proven.identifierHash } } : context.call),
  );
}
