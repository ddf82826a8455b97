import { BlockList, isIP } from 'node:net';
import { InvalidRequestError } from './errors';

/**
 * URLs the gateway passes on for Chatwoot to fetch (a contact's `avatarUrl`: Chatwoot downloads it in the background).
 * Threat model: Chatwoot fetches from inside its own network, so a URL naming a loopback, link-local (cloud metadata
 * at 169.254.169.254), private or unique-local address would make Chatwoot reach what the client cannot. The host is
 * judged as the WHATWG URL parser reads it, which already turns the odd IPv4 spellings (`127.1`, `0x7f.0.0.1`,
 * `2130706433`) into dotted quads; node's BlockList matches IPv4-mapped IPv6 (`[::ffff:127.0.0.1]`) against the IPv4
 * ranges. A DNS name is judged by its name only (localhost names are refused): names that resolve to private
 * addresses are for the network in front of Chatwoot to stop.
 */

const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and IPv4-compatible addresses
  ['64:ff9b::', 96], // NAT64: an IPv4 address behind a translator
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed by some)
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

const LOCAL_NAMES = /^(localhost|ip6-localhost|ip6-loopback)$|\.localhost$/;

/** Whether `hostname` (as `URL.hostname` gives it) names a loopback, link-local, private or unique-local place. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const address = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) return BLOCKED.check(address, 'ipv6');
  return host === '' || LOCAL_NAMES.test(host);
}

/**
 * Checks a URL Chatwoot will fetch: http(s) only and, unless `allowPrivate` (GATEWAY_ALLOW_PRIVATE_URLS), no private
 * host. Throws InvalidRequestError naming `argumentName`.
 */
export function checkFetchableUrl(value: string, argumentName: string, allowPrivate: boolean): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidRequestError(`${argumentName} is not a valid URL.`, argumentName);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidRequestError(`${argumentName} must use http:// or https://.`, argumentName);
  }
  if (!allowPrivate && isPrivateHost(url.hostname)) {
    throw new InvalidRequestError(
      `${argumentName} names a loopback, link-local or private address, which Chatwoot would fetch from inside its ` +
        'network; use a public URL (the operator can allow these with GATEWAY_ALLOW_PRIVATE_URLS=true).',
      argumentName,
    );
  }
}
