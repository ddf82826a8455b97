import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function readVersion(): string {
  for (const candidate of [join(__dirname, '..', 'package.json'), join(__dirname, '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'chatwoot-graphql-gateway' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

/** The gateway's version, from package.json. */
export const VERSION = readVersion();

/** Sent to Chatwoot so operators can tell the gateway's calls apart in their logs. */
export const USER_AGENT = `chatwoot-graphql-gateway/${VERSION} (node ${process.version})`;
