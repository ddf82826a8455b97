import { type GatewayConfig, loadConfig } from './config';
import { type Gateway, startGateway } from './gateway';
import { type Simulator, startSimulator } from './simulator';
import { APPLICATION_DEMO } from './simulator/application';
import { demoIdentityConfig, demoToken } from './simulator/identity';
import { VERSION } from './version';

export interface Running {
  readonly config: GatewayConfig;
  readonly gateway: Gateway;
  /** The embedded simulator, when no Chatwoot was configured. */
  readonly simulator: Simulator | null;
  /** Closes the gateway, then the simulator. */
  close(): Promise<void>;
}

/**
 * What `npm start` does: read the configuration (throws ConfigError listing every problem), start the embedded
 * simulator when no CHATWOOT_BASE_URL is set, start the gateway, and print a banner through `print`.
 */
export async function run(env: Readonly<Record<string, string | undefined>>, print: (line: string) => void): Promise<Running> {
  const loaded = loadConfig(env);
  const simulator = loaded.chatwoot.baseUrl ? null : await startSimulator({ chatwootVersion: loaded.simulator.chatwootVersion, edition: loaded.simulator.edition });
  // The simulator's tokens are demo data, so its Application API is on unless the operator said otherwise.
  const config: GatewayConfig =
    simulator && !loaded.apis.applicationExplicit ? Object.freeze({ ...loaded, apis: { ...loaded.apis, application: true } }) : loaded;
  // With the simulator and no identity configuration of the operator's own, the demo setup shows the feature working.
  const demoIdentity = simulator && !config.identity ? demoIdentityConfig(simulator.demo) : null;
  const gateway = await startGateway(config, {
    chatwootBaseUrl: simulator?.url,
    ...(demoIdentity ? { identity: demoIdentity } : {}),
    explorerExample: simulator ? { inboxIdentifier: simulator.demo.inboxIdentifier, contactIdentifier: simulator.demo.contactIdentifier } : undefined,
  });
  print(banner(config, gateway, simulator, demoIdentity && simulator ? await demoToken(simulator.demo) : null));
  return {
    config,
    gateway,
    simulator,
    async close() {
      await gateway.close();
      await simulator?.close();
    },
  };
}

/** The example query the banner shows for verified identity: the demo contact, read with the bearer token alone. */
export function verifiedContactRequestBody(inboxIdentifier: string, contactIdentifier: string): string {
  return JSON.stringify({
    query: 'query Me($inbox: String!, $contact: String!) { contact(inboxIdentifier: $inbox, contactIdentifier: $contact) { id sourceId name email } }',
    variables: { inbox: inboxIdentifier, contact: contactIdentifier },
  });
}

/** The example mutation the banner (and README) show, against the demo records. */
export function exampleRequestBody(inboxIdentifier: string, contactIdentifier: string): string {
  return JSON.stringify({
    query:
      'mutation Update($inbox: String!, $contact: String!, $input: UpdateContactInput!) { ' +
      'updateContact(inboxIdentifier: $inbox, contactIdentifier: $contact, input: $input) { id sourceId name email phoneNumber } }',
    variables: {
      inbox: inboxIdentifier,
      contact: contactIdentifier,
      input: { name: 'Alice Example', email: 'alice@example.org' },
    },
  });
}

function banner(config: GatewayConfig, gateway: Gateway, simulator: Simulator | null, demoJwt: string | null): string {
  const lines = [`chatwoot-graphql-gateway ${VERSION} is serving GraphQL at ${gateway.url}`];
  if (config.explorer.enabled) lines.push(`Explorer: open ${gateway.url} in a browser (GATEWAY_EXPLORER=false turns it off).`);
  if (!simulator) {
    lines.push(`Chatwoot: ${config.chatwoot.baseUrl}`);
    return lines.join('\n');
  }
  const { demo } = simulator;
  lines.push(
    '',
    'No CHATWOOT_BASE_URL is set, so the gateway is talking to its EMBEDDED CHATWOOT SIMULATOR:',
    `an in-memory imitation of Chatwoot ${config.simulator.chatwootVersion}'s APIs (Client, Application, Platform, /cable) at ${simulator.url}, not a real Chatwoot.`,
    'Set CHATWOOT_BASE_URL to use your own Chatwoot instead.',
    '',
    `  Demo inbox identifier:    ${demo.inboxIdentifier}`,
    `  Demo contact identifier:  ${demo.contactIdentifier}`,
    `  Identity-validated inbox: ${demo.secureInboxIdentifier} (HMAC token ${demo.secureInboxHmacToken})`,
    `    its contact ${demo.secureContactIdentifier}: identifier ${demo.secureContactExternalId},`,
    `    identifierHash ${demo.secureContactIdentifierHash}`,
    '',
    'Try it:',
    `  curl -s ${gateway.url} -H 'content-type: application/json' \\`,
    `    -d '${exampleRequestBody(demo.inboxIdentifier, demo.contactIdentifier)}'`,
    '',
  );
  lines.push(...applicationLines(config, gateway));
  if (demoJwt) {
    lines.push(
      'Verified identity (demo): the gateway checks HS256 sign-in tokens made with a local demo secret and proves them',
      `to the identity-validated inbox itself. A demo token for identifier ${demo.secureContactExternalId} (valid for a year: fine`,
      'for a demo, never for a real site):',
      `  Demo JWT: ${demoJwt}`,
      'Read the verified contact with nothing but that token (no identifierHash in the request):',
      `  curl -s ${gateway.url} -H 'content-type: application/json' -H 'authorization: Bearer ${demoJwt}' \\`,
      `    -d '${verifiedContactRequestBody(demo.secureInboxIdentifier, demo.secureContactIdentifier)}'`,
      '',
    );
  }
  return lines.join('\n');
}

/** The banner's Application API part: the demo tokens and a ready call, or how to switch it on. */
function applicationLines(config: GatewayConfig, gateway: Gateway): string[] {
  if (!config.apis.application) {
    return ['The Application API is off (GATEWAY_APPLICATION_API=false); set it to true to try the demo tokens.', ''];
  }
  const query = JSON.stringify({ query: '{ me { name accounts { account { id name } role } } }' });
  return [
    `Application API: ON for the simulator${config.apis.applicationExplicit ? '' : ' (set GATEWAY_APPLICATION_API=false to turn it off)'}.`,
    `  Demo administrator token: ${APPLICATION_DEMO.adminToken}`,
    `  Demo agent token:         ${APPLICATION_DEMO.agentToken}`,
    `  Account id:               ${APPLICATION_DEMO.accountId}`,
    '',
    'Try the Application API with your own token (the gateway never uses one of its own for it):',
    `  curl -s ${gateway.url} -H 'content-type: application/json' -H 'api-access-token: ${APPLICATION_DEMO.adminToken}' \\`,
    `    -d '${query}'`,
    '',
  ];
}
