import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { CredentialRequiredError, PolicyViolationError } from '../chatwoot/errors';
import type { PlatformConfig } from '../config';

/**
 * Who is calling, as far as the Platform API cares. Threat model: the Platform App token can provision and take over
 * users of the whole installation, so it serves a request only when (1) the request carries a service key the
 * operator issued, compared in constant time, and (2) nothing about it looks like a browser (an Origin, any
 * Sec-Fetch-* header or a Cookie: a page's script cannot leave those out), unless the operator listed the field for
 * browsers, and (3) the field is on the operator's list. `Sec-Fetch-Mode` alone does not count: Node's own fetch
 * (undici) sends it on every request, while a browser always adds `Sec-Fetch-Site` and, on a POST, `Origin`.
 */
export interface Principal {
  /** `valid` when the x-gateway-service-key header matches a configured key. */
  readonly serviceKey: 'absent' | 'valid' | 'invalid';
  readonly browserShaped: boolean;
}

export const SERVICE_KEY_HEADER = 'x-gateway-service-key';

/** Reads the principal off a request's headers. */
export function principalOf(headers: IncomingHttpHeaders, serviceKeyDigests: readonly string[]): Principal {
  const browserShaped =
    headers.origin !== undefined ||
    headers.cookie !== undefined ||
    Object.keys(headers).some((name) => name.startsWith('sec-fetch-') && name !== 'sec-fetch-mode');
  const header = headers[SERVICE_KEY_HEADER];
  const presented = Array.isArray(header) ? header[0] : header;
  if (!presented) return { serviceKey: 'absent', browserShaped };
  return { serviceKey: matchesAny(presented, serviceKeyDigests) ? 'valid' : 'invalid', browserShaped };
}

/** Compares the key's digest with every configured digest in constant time, without stopping at a match. */
function matchesAny(presented: string, digests: readonly string[]): boolean {
  const digest = createHash('sha256').update(presented).digest();
  let matched = false;
  for (const hex of digests) matched = timingSafeEqual(digest, Buffer.from(hex, 'hex')) || matched;
  return matched;
}

/** The checks every Platform field runs before anything else, for one request. */
export class PlatformAccess {
  private known?: Principal;

  /** `readPrincipal` runs on first use only: requests that touch no Platform field never pay for it. */
  constructor(
    private readonly enabled: boolean,
    private readonly policy: PlatformConfig,
    private readonly readPrincipal: () => Principal,
  ) {}

  get principal(): Principal {
    this.known ??= this.readPrincipal();
    return this.known;
  }

  /** Throws the refusal for `field` (`Type.field`), or returns when the request may use it. */
  admit(field: string | null): void {
    if (!this.enabled) {
      throw new PolicyViolationError(
        'The Platform API is switched off on this gateway (the operator sets GATEWAY_PLATFORM_API=true to serve it).',
        undefined,
        'api_disabled',
      );
    }
    if (this.principal.serviceKey === 'absent') {
      throw new CredentialRequiredError('The Platform API serves backends only: send a service key in the x-gateway-service-key header.', 'missing_service_key');
    }
    if (this.principal.serviceKey === 'invalid') {
      throw new CredentialRequiredError('The service key in the x-gateway-service-key header is not one this gateway accepts.', 'bad_service_key');
    }
    if (field === null) return;
    if (this.principal.browserShaped && !this.policy.browserOperations.includes(field)) {
      throw new PolicyViolationError(
        `${field} is not served to browsers: the request carries an Origin, Sec-Fetch-* or Cookie header.`,
        undefined,
        'browser',
      );
    }
    if (!this.policy.operations.includes('*') && !this.policy.operations.includes(field)) {
      throw new PolicyViolationError(`${field} is not among the Platform fields this gateway allows (GATEWAY_PLATFORM_OPERATIONS).`, undefined, 'operation_not_allowed');
    }
  }

  /** Whether the request proved a service key (what the adapter requires of every Platform call). */
  get service(): boolean {
    return this.enabled && this.principal.serviceKey === 'valid';
  }
}
