import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { IdentityError } from './errors';

export interface RemoteKeysSettings {
  readonly url: string;
  /** The longest a key lookup may wait for the JWKS endpoint. */
  readonly timeoutMs: number;
  /** The shortest time between two fetches, whatever the tokens' `kid`s. */
  readonly cooldownMs: number;
  /** How long fetched keys are trusted before a refetch. */
  readonly cacheMaxAgeMs: number;
}

/**
 * The keys of a JWKS endpoint, through jose's createRemoteJWKSet (which caches them and refetches once, at most every
 * cooldown, when a token names a `kid` it does not hold: that is how a key rotation is picked up).
 *
 * Threat model: the endpoint is someone else's server and may be down, slow or trickling. Three bounds keep that from
 * reaching other requests: every socket to it is destroyed at the deadline (jose's own timeout covers only the wait
 * for headers, and a fetch stuck on its body would otherwise hold jose's one shared fetch forever); each lookup gives
 * up at the deadline too; and after a failed fetch lookups fail at once for a short while instead of each starting
 * its own fetch. Every failure is IdentityError `jwks_unavailable`: fail closed, never accept a token unchecked.
 */
export function remoteKeys(settings: RemoteKeysSettings): JWTVerifyGetKey {
  const url = new URL(settings.url);
  const jwks = createRemoteJWKSet(url, {
    timeoutDuration: settings.timeoutMs,
    cooldownDuration: settings.cooldownMs,
    cacheMaxAge: settings.cacheMaxAgeMs,
    agent: deadlineAgent(url, settings.timeoutMs),
  });
  const failureBackoffMs = Math.min(settings.cooldownMs, 5_000);
  let failedAt = Number.NEGATIVE_INFINITY;

  return async (header, token) => {
    if (Date.now() - failedAt < failureBackoffMs) throw unavailable();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new errors.JWKSTimeout()), settings.timeoutMs);
    });
    try {
      return await Promise.race([jwks(header, token), deadline]);
    } catch (error) {
      // These are about the token, not the endpoint: a kid the fresh key set does not hold, two keys that match.
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      if (error instanceof errors.JOSEAlgNotAllowed) throw error;
      failedAt = Date.now();
      throw unavailable();
    } finally {
      clearTimeout(timer);
    }
  };
}

function unavailable(): IdentityError {
  return new IdentityError('jwks_unavailable', 'The identity provider\'s key set (JWKS) could not be read, so the token cannot be checked. Try again shortly.');
}

/** An agent whose sockets are destroyed `timeoutMs` after they open, whatever the server is doing by then. */
function deadlineAgent(url: URL, timeoutMs: number): http.Agent {
  const arm = (socket: Duplex | null | undefined): Duplex | null | undefined => {
    if (!socket) return socket;
    const timer = setTimeout(() => socket.destroy(new Error('JWKS deadline passed')), timeoutMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    return socket;
  };
  if (url.protocol === 'https:') {
    return new (class extends https.Agent {
      override createConnection(...args: Parameters<https.Agent['createConnection']>): Duplex | null | undefined {
        return arm(super.createConnection(...args));
      }
    })({ keepAlive: false, maxSockets: 4 });
  }
  return new (class extends http.Agent {
    override createConnection(...args: Parameters<http.Agent['createConnection']>): Duplex | null | undefined {
      return arm(super.createConnection(...args));
    }
  })({ keepAlive: false, maxSockets: 4 });
}
