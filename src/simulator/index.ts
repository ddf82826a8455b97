import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimulatorChatwootVersion, SimulatorEdition } from '../config';
import { attachCable } from './cable';
import { registerContactRoutes } from './contacts';
import { registerConversationRoutes, seedDemoConversation } from './conversations';
import { registerCsatRoutes } from './csat';
import { registerInboxRoutes } from './inbox';
import { registerMessageRoutes } from './messages';
import { SimRouter } from './http';
import { ApplicationStore, registerApplicationRoutes, seedApplicationDemo } from './application';
import { PLATFORM_DEMO, PlatformStore, registerPlatformRoutes } from './platform';
import { identifierHash, SimulatorStore } from './store';

/**
 * An in-memory Chatwoot that answers the Client API as the real server does (status codes, bodies, HMAC, merges).
 * `npm start` runs it when no CHATWOOT_BASE_URL is set, so the gateway works out of the box; tests use it too.
 * It listens on loopback only and keeps everything in memory.
 */
export interface Simulator {
  /** Base URL to give the gateway, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly store: SimulatorStore;
  /** The Application API's records (accounts, users, tokens, ...). */
  readonly application: ApplicationStore;
  /** The Platform API's apps and what they created. */
  readonly platform: PlatformStore;
  readonly demo: DemoData;
  close(): Promise<void>;
}

/** The seeded records, printed in the start-up banner. */
export interface DemoData {
  readonly inboxIdentifier: string;
  readonly contactIdentifier: string;
  /** An inbox that enforces identity validation, with its HMAC secret and a contact in it. */
  readonly secureInboxIdentifier: string;
  readonly secureInboxHmacToken: string;
  readonly secureContactIdentifier: string;
  readonly secureContactExternalId: string;
  readonly secureContactIdentifierHash: string;
}

export interface SimulatorOptions {
  readonly port?: number;
  readonly chatwootVersion?: SimulatorChatwootVersion;
  /** `enterprise` serves the Enterprise-only routes (audit logs, reporting events); `community` (the default) does not. */
  readonly edition?: SimulatorEdition;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const store = new SimulatorStore();
  const demo = seedDemo(store);
  const router = new SimRouter();
  registerContactRoutes(router, store, options.chatwootVersion ?? '4.16');
  registerInboxRoutes(router, store);
  registerConversationRoutes(router, store);
  registerMessageRoutes(router, store);
  registerCsatRoutes(router);
  const application = new ApplicationStore();
  seedApplicationDemo(application, store);
  registerApplicationRoutes(router, application, store, { edition: options.edition ?? 'community' });
  const platform = new PlatformStore(application);
  platform.addApp(PLATFORM_DEMO.appName, PLATFORM_DEMO.token);
  registerPlatformRoutes(router, platform);

  const server: Server = createServer((req, res) => {
    router.serve(req, res).catch(() => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    });
  });
  // Chatwoot's ActionCable at /cable, broadcasting the store's changes.
  const cable = attachCable(server, store, application);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    application,
    platform,
    demo,
    close: () =>
      new Promise<void>((resolve) => {
        cable.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Fixed identifiers, so that the README's examples work against every fresh simulator. */
export const DEMO = {
  inboxIdentifier: 'demoWebsiteInbox24Chars1',
  contactIdentifier: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  secureInboxIdentifier: 'demoSecureInbox24Chars01',
  secureInboxHmacToken: 'demoHmacToken24CharsAbcd',
  secureContactIdentifier: '0b2d7c2e-4f0e-4a55-9a7b-2b6a1c9f3e11',
  secureContactExternalId: 'user-2002',
} as const;

function seedDemo(store: SimulatorStore): DemoData {
  const website = store.addInbox({ name: 'Website (demo)', identifier: DEMO.inboxIdentifier });
  const secure = store.addInbox({
    name: 'Secure app (demo, identity validation on)',
    identifier: DEMO.secureInboxIdentifier,
    hmacToken: DEMO.secureInboxHmacToken,
    hmacMandatory: true,
  });
  const alice = store.addContact({
    name: 'Alice Demo',
    email: 'alice@example.com',
    phoneNumber: '+14155550100',
    identifier: 'user-1001',
    customAttributes: { plan: 'free' },
    contactType: 'lead',
  });
  const aliceLink = store.linkContact(alice, website, DEMO.contactIdentifier);
  seedDemoConversation(store, aliceLink);
  const bob = store.addContact({ name: 'Bob Demo', email: 'bob@example.com', identifier: DEMO.secureContactExternalId, contactType: 'lead' });
  store.linkContact(bob, secure, DEMO.secureContactIdentifier);
  return {
    inboxIdentifier: website.identifier,
    contactIdentifier: DEMO.contactIdentifier,
    secureInboxIdentifier: secure.identifier,
    secureInboxHmacToken: secure.hmacToken,
    secureContactIdentifier: DEMO.secureContactIdentifier,
    secureContactExternalId: DEMO.secureContactExternalId,
    secureContactIdentifierHash: identifierHash(secure.hmacToken, DEMO.secureContactExternalId),
  };
}
